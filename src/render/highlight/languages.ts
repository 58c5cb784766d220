// Which code languages the guides may name (`code-block:: bash`, `include`
// with `:code: console`) and the grammar module that highlights each. Only
// these are ever loaded: a name from a document never becomes an import path
// by itself.

/** Name as written (lower-cased) → module under `@shikijs/langs/`. */
const GRAMMARS: Record<string, string> = {
  bash: 'shellscript',
  sh: 'shellscript',
  shell: 'shellscript',
  shellscript: 'shellscript',
  zsh: 'shellscript',
  console: 'shellsession',
  shellsession: 'shellsession',
  'shell-session': 'shellsession',
  python: 'python',
  py: 'python',
  python3: 'python',
  pycon: 'python',
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  ini: 'ini',
  cfg: 'ini',
  conf: 'ini',
  properties: 'properties',
  toml: 'toml',
  xml: 'xml',
  html: 'html',
  css: 'css',
  diff: 'diff',
  patch: 'diff',
  javascript: 'javascript',
  js: 'javascript',
  typescript: 'typescript',
  ts: 'typescript',
  sql: 'sql',
  nginx: 'nginx',
  dockerfile: 'dockerfile',
  docker: 'dockerfile',
  make: 'make',
  makefile: 'make',
  c: 'c',
  go: 'go',
  rust: 'rust',
  log: 'log',
};

/** Languages that mean "no highlighting" without a warning. */
export const PLAIN_LANGUAGES = new Set(['text', 'txt', 'none', 'plain', 'plaintext', 'output']);

export function grammarFor(language: string): string | undefined {
  return GRAMMARS[language.toLowerCase()];
}

export function knownLanguages(): string[] {
  return Object.keys(GRAMMARS);
}
