// Code tokens as docutils 0.19 puts them into a code block when Pygments is
// installed (`syntax_highlight` long/short): consecutive tokens of one type
// merged, each typed token an `inline` with its token-type classes.
// Hand-written: the XML must carry Pygments' token stream, which no npm
// highlighter reproduces (shiki, used for the HTML, has TextMate scopes).
// Only the shell lexer is here (the guides' scripts); other languages are
// left as plain text.

/** A Pygments token type, as its dotted path below Token (`Name.Builtin`). */
type TokenType = string;

export interface CodeToken {
  /** Classes for the `inline` node; empty for plain text. */
  classes: string[];
  value: string;
}

/** Pygments' short class names (pygments.token.STANDARD_TYPES) of the types used here. */
const SHORT_NAMES: Record<TokenType, string> = {
  Text: '',
  'Text.Whitespace': 'w',
  Error: 'err',
  Keyword: 'k',
  'Name.Builtin': 'nb',
  'Name.Variable': 'nv',
  'Comment.Hashbang': 'ch',
  'Comment.Single': 'c1',
  Operator: 'o',
  Punctuation: 'p',
  'Literal.String': 's',
  'Literal.String.Backtick': 'sb',
  'Literal.String.Double': 's2',
  'Literal.String.Escape': 'se',
  'Literal.String.Interpol': 'si',
  'Literal.String.Single': 's1',
  'Literal.Number': 'm',
};

// ---------------------------------------------------------- a regex lexer

/** One rule: a sticky pattern, the token type (one per group, or one for all), and a state change. */
interface Rule {
  pattern: RegExp;
  types: TokenType | TokenType[];
  /** A state to push, or `#pop`. */
  next?: string;
}

type RuleSpec = [source: string, types: TokenType | TokenType[], next?: string] | { include: string };

interface Lexer {
  states: Record<string, Rule[]>;
}

// Python's \w, \b and \d in str patterns are Unicode-aware; JavaScript's are
// ASCII. Rewritten escape by escape, minding character classes.
const WORD_CHARS = '\\p{L}\\p{N}_';
const WORD = `[${WORD_CHARS}]`;
function pythonRegex(source: string, dotAll = false): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      if (next === 'w') out += inClass ? WORD_CHARS : WORD;
      else if (next === 'd') out += '\\p{Nd}';
      else if (next === 'b' && !inClass) out += `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
      else if (next === 'A' && !inClass) out += '(?<![\\s\\S])';
      else out += '\\' + next;
      continue;
    }
    if (char === '[' && !inClass) inClass = true;
    else if (char === ']' && inClass) inClass = false;
    out += char;
  }
  return new RegExp(out, `yu${dotAll ? 's' : ''}`);
}

function compile(spec: Record<string, RuleSpec[]>): Lexer {
  const states: Record<string, Rule[]> = {};
  const expand = (name: string, seen: Set<string>): Rule[] => {
    if (states[name]) return states[name]!;
    const rules: Rule[] = [];
    for (const entry of spec[name]!) {
      if ('include' in entry) {
        if (!seen.has(entry.include)) rules.push(...expand(entry.include, new Set([...seen, entry.include])));
        continue;
      }
      const [source, types, next] = entry;
      const dotAll = source.startsWith('(?s)');
      rules.push({ pattern: pythonRegex(dotAll ? source.slice(4) : source, dotAll), types, next });
    }
    return rules;
  };
  for (const name of Object.keys(spec)) states[name] = expand(name, new Set([name]));
  return { states };
}

/** Pygments' RegexLexer loop: first matching rule wins; no match: a newline resets, else one Error char. */
function lex(lexer: Lexer, text: string): [TokenType, string][] {
  const tokens: [TokenType, string][] = [];
  const stack = ['root'];
  let pos = 0;
  outer: while (pos < text.length) {
    for (const rule of lexer.states[stack[stack.length - 1]!]!) {
      rule.pattern.lastIndex = pos;
      const match = rule.pattern.exec(text);
      // An empty match that changes no state would never advance: not a match.
      if (!match || (match[0].length === 0 && !rule.next)) continue;
      if (Array.isArray(rule.types)) {
        rule.types.forEach((type, index) => {
          const group = match[index + 1];
          if (group) tokens.push([type, group]);
        });
      } else if (match[0]) {
        tokens.push([rule.types, match[0]]);
      }
      pos += match[0].length;
      if (rule.next === '#pop') {
        if (stack.length > 1) stack.pop();
      } else if (rule.next) {
        stack.push(rule.next);
      }
      continue outer;
    }
    if (text[pos] === '\n') {
      stack.length = 1;
      tokens.push(['Text', '\n']);
    } else {
      tokens.push(['Error', text[pos]!]);
    }
    pos++;
  }
  return tokens;
}

// ------------------------------------------------------------- shell lexer

const SHELL_KEYWORDS = 'if|fi|else|while|in|do|done|for|then|return|function|case|select|break|continue|until|esac|elif';
const SHELL_BUILTINS =
  'alias|bg|bind|builtin|caller|cd|command|compgen|complete|declare|dirs|disown|echo|enable|eval|exec|exit|' +
  'export|false|fc|fg|getopts|hash|help|history|jobs|kill|let|local|logout|popd|printf|pushd|pwd|read|' +
  'readonly|set|shift|shopt|source|suspend|test|time|times|trap|true|type|typeset|ulimit|umask|unalias|unset|wait';

const SHELL = compile({
  root: [{ include: 'basic' }, ['`', 'Literal.String.Backtick', 'backticks'], { include: 'data' }, { include: 'interp' }],
  interp: [
    ['\\$\\(\\(', 'Keyword', 'math'],
    ['\\$\\(', 'Keyword', 'paren'],
    ['\\$\\{#?', 'Literal.String.Interpol', 'curly'],
    ['\\$[a-zA-Z_]\\w*', 'Name.Variable'],
    ['\\$(?:\\d+|[#$?!_*@-])', 'Name.Variable'],
    ['\\$', 'Text'],
  ],
  basic: [
    [`\\b(${SHELL_KEYWORDS})(\\s*)\\b`, ['Keyword', 'Text.Whitespace']],
    [`\\b(?:${SHELL_BUILTINS})(?=[\\s)\`])`, 'Name.Builtin'],
    ['\\A#!.+\\n', 'Comment.Hashbang'],
    ['#.*\\n', 'Comment.Single'],
    ['\\\\[\\w\\W]', 'Literal.String.Escape'],
    ['(\\b\\w+)(\\s*)(\\+?=)', ['Name.Variable', 'Text.Whitespace', 'Operator']],
    ['[\\[\\]{}()=]', 'Operator'],
    ['<<<', 'Operator'],
    ["<<-?\\s*('?)\\\\?(\\w+)[\\w\\W]+?\\2", 'Literal.String'],
    ['&&|\\|\\|', 'Operator'],
  ],
  data: [
    ['(?s)\\$?"(?:\\\\.|[^"\\\\$])*"', 'Literal.String.Double'],
    ['"', 'Literal.String.Double', 'string'],
    ["(?s)\\$'(?:\\\\\\\\|\\\\[0-7]+|\\\\.|[^'\\\\])*'", 'Literal.String.Single'],
    ["(?s)'.*?'", 'Literal.String.Single'],
    [';', 'Punctuation'],
    ['&', 'Punctuation'],
    ['\\|', 'Punctuation'],
    ['\\s+', 'Text.Whitespace'],
    ['\\d+\\b', 'Literal.Number'],
    ['[^=\\s\\[\\]{}()$"\'`\\\\<&|;]+', 'Text'],
    ['<', 'Text'],
  ],
  string: [
    ['"', 'Literal.String.Double', '#pop'],
    ['(?s)(?:\\\\\\\\|\\\\[0-7]+|\\\\.|[^"\\\\$])+', 'Literal.String.Double'],
    { include: 'interp' },
  ],
  curly: [
    ['\\}', 'Literal.String.Interpol', '#pop'],
    [':-', 'Keyword'],
    ['\\w+', 'Name.Variable'],
    ['[^}:"\'`$\\\\]+', 'Punctuation'],
    [':', 'Punctuation'],
    { include: 'root' },
  ],
  paren: [['\\)', 'Keyword', '#pop'], { include: 'root' }],
  math: [
    ['\\)\\)', 'Keyword', '#pop'],
    ['\\*\\*|\\|\\||<<|>>|[-+*/%^|&<>]', 'Operator'],
    ['\\d+#[\\da-zA-Z]+', 'Literal.Number'],
    ['\\d+#(?! )', 'Literal.Number'],
    ['0[xX][\\da-fA-F]+', 'Literal.Number'],
    ['\\d+', 'Literal.Number'],
    ['[a-zA-Z_]\\w*', 'Name.Variable'],
    { include: 'root' },
  ],
  backticks: [['`', 'Literal.String.Backtick', '#pop'], { include: 'root' }],
});

/** Language names (Pygments aliases) this module can tokenize. */
const LEXERS: Record<string, Lexer> = {
  bash: SHELL,
  sh: SHELL,
  ksh: SHELL,
  zsh: SHELL,
  shell: SHELL,
  openrc: SHELL,
};

export function canTokenize(language: string): boolean {
  return Object.hasOwn(LEXERS, language.toLowerCase());
}

function classesOf(type: TokenType, names: 'long' | 'short'): string[] {
  const classes = names === 'long' ? type.toLowerCase().split('.') : [SHORT_NAMES[type] ?? ''];
  return classes.filter((name) => name !== 'token' && name !== 'text' && name !== '');
}

/**
 * The tokens docutils would put into a code block of `language`, or one plain
 * token when the language is not tokenized (empty, `text`, unknown here, or
 * highlighting off).
 */
export function codeTokens(code: string, language: string, names: 'long' | 'short' | 'none'): CodeToken[] {
  const lexer = LEXERS[language.toLowerCase()];
  if (!lexer || names === 'none' || language === '' || language === 'text') return [{ classes: [], value: code }];
  // Pygments' input handling: surrounding newlines stripped, one newline added.
  const input = code.replace(/^\n+|\n+$/g, '') + '\n';
  const merged: [TokenType, string][] = [];
  for (const [type, value] of lex(lexer, input)) {
    const last = merged[merged.length - 1];
    if (last && last[0] === type) last[1] += value;
    else merged.push([type, value]);
  }
  // docutils drops the newline Pygments added (and a token left empty by that).
  const last = merged[merged.length - 1];
  if (last && last[1].endsWith('\n')) {
    last[1] = last[1].slice(0, -1);
    if (!last[1]) merged.pop();
  }
  return merged.map(([type, value]) => ({ classes: classesOf(type, names === 'long' ? 'long' : 'short'), value }));
}
