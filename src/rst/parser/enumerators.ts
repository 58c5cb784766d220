// Enumerated-list markers (docutils Body.parse_enumerator / make_enumerator):
// arabic, alphabetic and Roman sequences, `#` auto-enumerators, and the three
// formats `1.`, `1)`, `(1)`.

export type EnumFormat = 'parens' | 'rparen' | 'period';
export type Sequence = 'arabic' | 'loweralpha' | 'upperalpha' | 'lowerroman' | 'upperroman' | '#';

export const FORMATS: Record<EnumFormat, { prefix: string; suffix: string }> = {
  parens: { prefix: '(', suffix: ')' },
  rparen: { prefix: '', suffix: ')' },
  period: { prefix: '', suffix: '.' },
};

const SEQUENCES: Exclude<Sequence, '#'>[] = ['arabic', 'loweralpha', 'upperalpha', 'lowerroman', 'upperroman'];
const SEQUENCE_PATTERNS: Record<Exclude<Sequence, '#'>, RegExp> = {
  arabic: /^[0-9]+$/,
  loweralpha: /^[a-z]$/,
  upperalpha: /^[A-Z]$/,
  lowerroman: /^[ivxlcdm]+$/,
  upperroman: /^[IVXLCDM]+$/,
};

const ROMAN = /^M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const ROMAN_VALUES: [string, number][] = [
  ['M', 1000], ['CM', 900], ['D', 500], ['CD', 400], ['C', 100], ['XC', 90],
  ['L', 50], ['XL', 40], ['X', 10], ['IX', 9], ['V', 5], ['IV', 4], ['I', 1],
];

/** Roman numeral → integer, or null when it is not a well-formed numeral (as docutils' roman module). */
export function fromRoman(text: string): number | null {
  if (!text || !ROMAN.test(text)) return null;
  let result = 0;
  let index = 0;
  for (const [numeral, value] of ROMAN_VALUES) {
    while (text.startsWith(numeral, index)) {
      result += value;
      index += numeral.length;
    }
  }
  return result;
}

export function toRoman(value: number): string | null {
  if (value <= 0 || value >= 5000 || !Number.isInteger(value)) return null;
  let out = '';
  let rest = value;
  for (const [numeral, amount] of ROMAN_VALUES) {
    while (rest >= amount) {
      out += numeral;
      rest -= amount;
    }
  }
  return out;
}

export interface Enumerator {
  format: EnumFormat;
  sequence: Sequence;
  /** The enumerator without its prefix and suffix. */
  text: string;
  /** Its ordinal (`b` → 2), null when invalid (`IIII`). */
  ordinal: number | null;
}

/** Analyse an enumerator match (groups 1–3 of patterns.enumerator). */
export function parseEnumerator(match: RegExpExecArray, expected?: Sequence): Enumerator {
  const format: EnumFormat = match[1] ? 'parens' : match[2] ? 'rparen' : 'period';
  const marker = match[1] ?? match[2] ?? match[3]!;
  const text = format === 'parens' ? marker.slice(1, -1) : marker.slice(0, -1);
  let sequence: Sequence | '' = '';
  if (text === '#') sequence = '#';
  else if (expected) {
    if (expected !== '#' && SEQUENCE_PATTERNS[expected].test(text)) sequence = expected;
  } else if (text === 'i') sequence = 'lowerroman';
  else if (text === 'I') sequence = 'upperroman';
  if (!sequence) sequence = SEQUENCES.find((s) => SEQUENCE_PATTERNS[s].test(text)) ?? 'arabic';
  let ordinal: number | null;
  switch (sequence) {
    case '#': ordinal = 1; break;
    case 'arabic': ordinal = Number.parseInt(text, 10); break;
    case 'loweralpha': ordinal = text.charCodeAt(0) - 96; break;
    case 'upperalpha': ordinal = text.charCodeAt(0) - 64; break;
    case 'lowerroman': ordinal = fromRoman(text.toUpperCase()); break;
    case 'upperroman': ordinal = fromRoman(text); break;
  }
  return { format, sequence, text, ordinal };
}

/** The marker of item `ordinal` and the auto-enumerator, each followed by a space; null when out of range. */
export function makeEnumerator(ordinal: number, sequence: Sequence, format: EnumFormat): [string, string] | null {
  let enumerator: string;
  if (sequence === '#') enumerator = '#';
  else if (sequence === 'arabic') enumerator = String(ordinal);
  else if (sequence.endsWith('alpha')) {
    if (ordinal > 26) return null;
    enumerator = String.fromCharCode(ordinal + 96);
  } else {
    const roman = toRoman(ordinal);
    if (!roman) return null;
    enumerator = roman;
  }
  if (sequence.startsWith('lower')) enumerator = enumerator.toLowerCase();
  else if (sequence.startsWith('upper')) enumerator = enumerator.toUpperCase();
  const { prefix, suffix } = FORMATS[format];
  return [prefix + enumerator + suffix + ' ', prefix + '#' + suffix + ' '];
}
