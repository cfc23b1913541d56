// Sluice's math typesetter, bundled by bundle.mjs into one script for Qt's QJSEngine.
// MathJax's TeX input and SVG output on its lite DOM (no browser). sluiceTypeset(tex, display)
// returns { svg: "<svg …>" } or { error: "Missing close brace" }.
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';
import 'mathjax-full/js/input/tex/newcommand/NewcommandConfiguration.js';
import 'mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js';
import 'mathjax-full/js/input/tex/braket/BraketConfiguration.js';
import 'mathjax-full/js/input/tex/cancel/CancelConfiguration.js';
import 'mathjax-full/js/input/tex/color/ColorConfiguration.js';
import 'mathjax-full/js/input/tex/mathtools/MathtoolsConfiguration.js';
import 'mathjax-full/js/input/tex/mhchem/MhchemConfiguration.js';
import 'mathjax-full/js/input/tex/noundefined/NoUndefinedConfiguration.js';

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const tex = new TeX({
  packages: ['base', 'ams', 'newcommand', 'boldsymbol', 'braket', 'cancel', 'color',
    'mathtools', 'mhchem'],
  // A formula that does not parse is reported, not drawn as a red error box.
  formatError: (jax, err) => { throw err; },
});
const svg = new SVG({ fontCache: 'none' });
const doc = mathjax.document('', { InputJax: tex, OutputJax: svg });

globalThis.sluiceTypeset = function (source, display) {
  try {
    const node = doc.convert(String(source), { display: !!display });
    doc.reset();
    return { svg: adaptor.innerHTML(node) };
  } catch (e) {
    doc.reset();
    return { error: String((e && e.message) || e) };
  }
};
