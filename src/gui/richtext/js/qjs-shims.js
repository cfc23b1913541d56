// What Qt 6.4's QJSEngine does differently from a browser, made to behave as the bundled
// libraries expect. bundle.mjs puts it before each bundle, so it runs first.
var globalThis = this; // V4 has no globalThis

// ES2015 says Object.isFrozen(primitive) is true; V4 throws for null (highlight.js's
// deepFreeze asks it of every property, null ones included).
var isFrozen = Object.isFrozen;
Object.isFrozen = function (o) {
  return o === null || (typeof o !== 'object' && typeof o !== 'function') ? true : isFrozen(o);
};

// A bare QJSEngine has no console; the libraries' warnings (deprecations, guesses) are
// not for the person reading a reply, so they are dropped.
var console = { log() {}, info() {}, warn() {}, error() {}, debug() {} };

// V4 leaves an array that grew at the front (unshift) unsorted; highlight.js's language
// guess sorts such an array. Sorting a plain copy works, so sort() goes through one.
var nativeSort = Array.prototype.sort;
Object.defineProperty(Array.prototype, 'sort', {
  value: function (compare) {
    var copy = Array.prototype.slice.call(this);
    nativeSort.call(copy, compare);
    for (var i = 0; i < copy.length; i++)
      this[i] = copy[i];
    return this;
  },
  writable: true,
  configurable: true,
});
