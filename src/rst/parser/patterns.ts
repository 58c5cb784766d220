// The patterns docutils' Body state tries, in this order, on the first line of
// a block (docutils/parsers/rst/states.py, Body.patterns).

const ENUM = '(?:[0-9]+|[a-z]|[A-Z]|[ivxlcdm]+|[IVXLCDM]+|#)';
const ALPHA = '[a-zA-Z]';
const ALPHANUM = '[a-zA-Z0-9]';
const ALPHANUMPLUS = '[a-zA-Z0-9_-]';
const OPTNAME = `${ALPHANUM}${ALPHANUMPLUS}*`;
const OPTARG = `(?:${ALPHA}${ALPHANUMPLUS}*|<[^<>]+>)`;
const SHORTOPT = `(?:-|\\+)${ALPHANUM}(?: ?${OPTARG})?`;
const LONGOPT = `(?:--|/)${OPTNAME}(?:[ =]${OPTARG})?`;
const OPTION = `(?:${SHORTOPT}|${LONGOPT})`;

/** Any 7-bit non-alphanumeric printable character (adornment characters). */
export const NON_ALPHANUM_7BIT = '[!-\\/:-@\\[-`{-~]';

export const patterns = {
  bullet: /^[-+*\u2022\u2023\u2043](?: +|$)/,
  /** Groups: 1 = `(x)`, 2 = `x)`, 3 = `x.`. */
  enumerator: new RegExp(`^(?:(\\(${ENUM}\\))|(${ENUM}\\))|(${ENUM}\\.))(?: +|$)`),
  fieldMarker: /^:(?![: ])(?:[^:\\]|\\.|:(?!(?:[ `]|$)))*(?<! ):(?: +|$)/,
  optionMarker: new RegExp(`^${OPTION}(?:, ${OPTION})*(?:  +| ?$)`),
  doctest: /^>>>(?: +|$)/,
  lineBlock: /^\|( +|$)/,
  gridTableTop: /^\+-[-+]+-\+ *$/,
  simpleTableTop: /^=+(?: +=+)+ *$/,
  explicitMarkup: /^\.\.(?: +|$)/,
  anonymous: /^__(?: +|$)/,
  line: new RegExp(`^(${NON_ALPHANUM_7BIT})\\1* *$`),
} as const;

export type TransitionName = keyof typeof patterns | 'text';

export const TRANSITION_ORDER: readonly (keyof typeof patterns)[] = [
  'bullet', 'enumerator', 'fieldMarker', 'optionMarker', 'doctest', 'lineBlock',
  'gridTableTop', 'simpleTableTop', 'explicitMarkup', 'anonymous', 'line',
];

export interface Transition {
  name: TransitionName;
  match: RegExpExecArray | null;
}

/** The first Body transition whose pattern matches `text` (a non-blank, unindented line). */
export function classify(text: string): Transition {
  for (const name of TRANSITION_ORDER) {
    const match = patterns[name].exec(text);
    if (match) return { name, match };
  }
  return { name: 'text', match: null };
}

export const simpleTableBorder = /^=+[ =]*$/;
export const attributionPattern = /^(?:---?(?!-)|\u2014) *(?=[^ \n])/;
export const classifierDelimiter = / +: +/;
