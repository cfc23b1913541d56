// Bundles the highlighter and the typesetter into one script each for Qt's QJSEngine.
// Usage: node bundle.mjs OUT_DIR   (after `npm ci` in this folder or NODE_PATH to one)
import { build } from 'esbuild';
import rewritePattern from 'regexpu-core';
import fs from 'node:fs';
import path from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node bundle.mjs OUT_DIR');
  process.exit(2);
}
const here = path.dirname(new URL(import.meta.url).pathname);

// Two things V4 (Qt 6.4's JavaScript engine) reads differently from the ES2018 engines the
// libraries are written for, fixed while bundling (the libraries stay as published):
//  - `__proto__: null` in an object literal becomes a property named __proto__ instead of
//    "no prototype", so highlight.js's module tables would hold a null member. The tables
//    work as well with the usual prototype: the marker is dropped.
//  - Unicode property escapes (\p{L}) in regular expressions are a syntax error. regexpu-core
//    (what Babel uses) spells them out as ES5 character classes (astral ones as surrogate
//    pairs): highlight.js also compiles a regex's text without its `u` flag, where V4
//    refuses \u{…} too.
//  - A regex with both the `u` and `g` flags finds nothing after a set lastIndex, which is
//    how highlight.js scans: its languages that ask for `u` (Python, XML) are compiled
//    without it, which the spelled-out classes above allow.
const regexLiteral = /\/((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\[\n])+)\/([dgimsuy]*)/g;
const forQJSEngine = {
  name: 'for-qjsengine',
  setup(b) {
    b.onLoad({ filter: /node_modules.*\.m?js$/ }, async (args) => {
      let text = await fs.promises.readFile(args.path, 'utf8');
      const before = text;
      text = text.replace(/__proto__: null,?/g, '');
      text = text.replace(/unicodeRegex: true/g, 'unicodeRegex: false');
      text = text.replace(regexLiteral, (all, pattern, flags) => {
        if (!flags.includes('u') || !pattern.includes('\\p{'))
          return all;
        const options = { unicodePropertyEscapes: 'transform', unicodeFlag: 'transform' };
        return `/${rewritePattern(pattern, flags, options)}/${flags}`;
      });
      return text === before ? undefined : { contents: text, loader: 'js' };
    });
  },
};

for (const name of ['highlight', 'math']) {
  await build({
    entryPoints: [path.join(here, `${name}-entry.mjs`)],
    outfile: path.join(out, `${name}.js`),
    bundle: true,
    minify: process.env.SLUICE_JS_DEBUG ? false : true,
    format: 'iife',
    target: 'es2016', // what Qt 6.4's QJSEngine runs
    legalComments: 'inline',
    banner: { js: fs.readFileSync(path.join(here, 'qjs-shims.js'), 'utf8') },
    plugins: [forQJSEngine],
    logLevel: 'error',
    nodePaths: process.env.NODE_PATH ? process.env.NODE_PATH.split(path.delimiter) : [],
  });
}
