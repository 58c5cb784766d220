// Build-time syntax highlighting of literal blocks (shiki).
export { rehypeShikiLiterals, type ShikiLiteralsOptions } from './rehype-shiki-literals.js';
export { ensureLanguage, getHighlighter, THEMES } from './highlighter.js';
export { grammarFor, knownLanguages, PLAIN_LANGUAGES } from './languages.js';
