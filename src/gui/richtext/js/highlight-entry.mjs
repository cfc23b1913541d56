// Sluice's syntax highlighter, bundled by bundle.mjs into one script for Qt's QJSEngine.
// highlight.js with the languages Sluice promises (docs/rendering.md) and auto-detection
// among them. sluiceHighlight(code, language) returns
//   { language: "python", html: "<span class=\"hljs-keyword\">def</span> …" }
// with language "" when the code was left plain.
import hljs from 'highlight.js/lib/common';
import powershell from 'highlight.js/lib/languages/powershell';
import dockerfile from 'highlight.js/lib/languages/dockerfile';

hljs.registerLanguage('powershell', powershell);
hljs.registerLanguage('dockerfile', dockerfile);
hljs.configure({ ignoreUnescapedHTML: true, throwUnescapedHTML: false });

// The languages a guess may pick: those models write most, so that short snippets do not
// come out as an obscure language.
const guessable = ['python', 'javascript', 'typescript', 'c', 'cpp', 'csharp', 'java', 'go',
  'rust', 'kotlin', 'swift', 'ruby', 'php', 'bash', 'shell', 'powershell', 'sql', 'xml', 'css',
  'json', 'yaml', 'ini', 'markdown', 'diff', 'dockerfile', 'lua', 'r'];

// Names models put after the fence that highlight.js does not know by itself.
const aliases = { toml: 'ini', html: 'xml', sh: 'bash', zsh: 'bash', console: 'shell',
  ps1: 'powershell', pwsh: 'powershell', docker: 'dockerfile', 'c++': 'cpp', 'c#': 'csharp',
  cs: 'csharp', golang: 'go', rs: 'rust', kt: 'kotlin', rb: 'ruby', py: 'python',
  js: 'javascript', ts: 'typescript', yml: 'yaml', md: 'markdown', patch: 'diff' };

globalThis.sluiceHighlight = function (code, language) {
  let name = String(language || '').trim().toLowerCase();
  name = aliases[name] || name;
  if (name === 'text' || name === 'plain' || name === 'plaintext' || name === 'txt')
    return { language: '', html: '' };
  if (name && hljs.getLanguage(name)) {
    const r = hljs.highlight(code, { language: name, ignoreIllegals: true });
    return { language: name, html: r.value };
  }
  // Guess from the beginning: the whole of a long block takes long and says no more.
  const sample = code.length > 4000 ? code.slice(0, 4000) : code;
  const guess = hljs.highlightAuto(sample, guessable);
  // A guess with little evidence is worse than plain text.
  if (!guess.language || guess.relevance < 5)
    return { language: '', html: '' };
  const r = sample === code ? guess
    : hljs.highlight(code, { language: guess.language, ignoreIllegals: true });
  return { language: guess.language, html: r.value };
};
