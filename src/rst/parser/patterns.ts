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

const ASCII_ALPHANUMERIC = /^[a-zA-Z0-9]/;

/** The first Body transition whose pattern matches `text` (a non-blank, unindented line). */
export function classify(text: string): Transition {
  // Most lines start with a letter, a digit or a non-ASCII character; those
  // can only be an enumerator or a non-ASCII bullet, so skip the other regexes.
  const first = text.charCodeAt(0);
  if (first >= 0x80) {
    const match = first === 0x2022 || first === 0x2023 || first === 0x2043 ? patterns.bullet.exec(text) : null;
    return match ? { name: 'bullet', match } : { name: 'text', match: null };
  }
  if (ASCII_ALPHANUMERIC.test(text)) {
    const match = patterns.enumerator.exec(text);
    return match ? { name: 'enumerator', match } : { name: 'text', match: null };
  }
  for (const name of TRANSITION_ORDER) {
    const match = patterns[name].exec(text);
    if (match) return { name, match };
  }
  return { name: 'text', match: null };
}

export const simpleTableBorder = /^=+[ =]*$/;
export const attributionPattern = /^(?:---?(?!-)|\u2014) *(?=[^ \n])/;
export const classifierDelimiter = / +: +/;
