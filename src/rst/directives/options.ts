// Directive option converters, with the same behaviour and error texts as
// docutils.parsers.rst.directives (flag, unchanged, path, uri, …).
// Hand-written: these are docutils' own rules (Python int()/repr() semantics
// included), no library implements them.
//
// A converter gets the option's raw text (`undefined` for an option written
// without a value, docutils' None) and returns the converted value or throws
// an `OptionValueError` whose message is what docutils would print after
// "invalid option value: (option: …; value: …)".

import { makeId } from '../names.js';
import type { OptionConverter } from './types.js';
import iconv from 'iconv-lite';

/** An option value was refused; `message` is docutils' wording. */
export class OptionValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionValueError';
  }
}

/** Python's str.isspace() characters (wider than JS `\s` in places, narrower in others). */
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_SPACE_RUN = new RegExp(`[${PY_SPACE}]+`, 'u');
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'gu');

/** Python's `str.split()` without arguments. */
export function pySplit(value: string): string[] {
  return value.split(PY_SPACE_RUN).filter((part) => part !== '');
}

/** Python's `str.strip()` without arguments. */
export function pyStrip(value: string): string {
  return value.replace(PY_STRIP, '');
}

/** Python's `repr()` of a str (or `None`), as docutils puts it into messages. */
export function pyRepr(value: string | undefined | null): string {
  if (value === undefined || value === null) return 'None';
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of value) {
    if (char === quote || char === '\\') out += '\\' + char;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char !== ' ' && /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u.test(char)) {
      const code = char.codePointAt(0)!;
      if (code < 0x100) out += '\\x' + code.toString(16).padStart(2, '0');
      else if (code < 0x10000) out += '\\u' + code.toString(16).padStart(4, '0');
      else out += '\\U' + code.toString(16).padStart(8, '0');
    } else out += char;
  }
  return out + quote;
}

/**
 * The message docutils gives when a converter refuses a value:
 * `(option: "width"; value: 'abc')\ninvalid literal for int() with base 10: 'abc'`.
 * The block parser prefixes it with `invalid option value: `.
 */
export function describeOptionError(name: string, value: string | undefined, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `(option: "${name}"; value: ${pyRepr(value)})\n${reason}`;
}

const NONE_SUPPLIED = 'argument required but none supplied';

/** Python's `int(argument)` for base 10 (whitespace around, sign, `_` between digits). */
export function pyInt(value: string | undefined): number {
  if (value === undefined) {
    throw new OptionValueError("int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
  }
  const body = pyStrip(value);
  if (!/^[+-]?[0-9]+(?:_[0-9]+)*$/.test(body)) {
    throw new OptionValueError(`invalid literal for int() with base 10: ${pyRepr(value)}`);
  }
  return Number.parseInt(body.replace(/_/g, ''), 10);
}

/** An option that takes no value; present means set. Returns null (docutils' None). */
export const flag: OptionConverter = (value) => {
  if (value !== undefined && pyStrip(value) !== '') {
    throw new OptionValueError(`no argument is allowed; "${value}" supplied`);
  }
  return null;
};

/** The value as written; required. */
export const unchangedRequired: OptionConverter = (value) => {
  if (value === undefined) throw new OptionValueError(NONE_SUPPLIED);
  return value;
};

/** The value as written; no value gives "". */
export const unchanged: OptionConverter = (value) => value ?? '';

/** A path: the lines of the value stripped and joined without separators. */
export function path(value: string | undefined): string {
  if (value === undefined) throw new OptionValueError(NONE_SUPPLIED);
  return value
    .split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/)
    .map(pyStrip)
    .join('');
}

/**
 * A URI: unescaped whitespace is removed, backslash-escaped whitespace splits
 * the value into parts joined by one space (`a\ b` → `a b`).
 */
export function uri(value: string | undefined): string {
  if (value === undefined) throw new OptionValueError(NONE_SUPPLIED);
  // Escapes become NUL + char (docutils' escape2null), then "NUL space" and
  // "NUL newline" separate parts; remaining NULs are dropped.
  const nulled = value.replace(/\\([\s\S]?)/g, '\0$1');
  return nulled
    .split('\0 ')
    .flatMap((part) => part.split('\0\n'))
    .map((part) => pySplit(part.replace(/\0/g, '')).join(''))
    .join(' ');
}

export function nonnegativeInt(value: string | undefined): number {
  const number = pyInt(value);
  if (number < 0) throw new OptionValueError('negative value; must be positive or zero');
  return number;
}

export function positiveInt(value: string | undefined): number {
  const number = pyInt(value);
  if (number < 1) throw new OptionValueError('negative or zero value; must be positive');
  return number;
}

/** An integer percentage, the percent sign optional (`50`, `50 %`). */
export function percentage(value: string | undefined): number {
  return nonnegativeInt(value === undefined ? value : value.replace(/[ %]+$/, ''));
}

export const LENGTH_UNITS = ['em', 'ex', 'px', 'in', 'cm', 'mm', 'pt', 'pc'] as const;

/** `<number><unit>` with optional spaces between, normalized to no space. */
function measure(value: string | undefined, units: readonly string[]): string {
  if (value === undefined) {
    throw new OptionValueError("expected string or bytes-like object, got 'NoneType'");
  }
  //   "3.5 em"  →  number "3.5", unit "em"  (Python's `$` also accepts one trailing "\n")
  const alternatives = units.map((unit) => unit.replace(/[%]/g, '\\%')).join('|');
  const match = new RegExp(`^([0-9.]+) *(${alternatives})\\n?$`).exec(value);
  if (!match || !/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(match[1]!)) {
    throw new OptionValueError(
      `not a positive measure of one of the following units:\n${units.map((u) => `"${u}"`).join(' ')}`,
    );
  }
  return match[1]! + match[2]!;
}

/** A length in a CSS unit or a bare number. */
export function lengthOrUnitless(value: string | undefined): string {
  return measure(value, [...LENGTH_UNITS, '']);
}

/** A length, a percentage or a bare number (`defaultUnit` appended to a bare number). */
export function lengthOrPercentageOrUnitless(value: string | undefined, defaultUnit = ''): string {
  try {
    return measure(value, [...LENGTH_UNITS, '%']);
  } catch {
    try {
      return measure(value, ['']) + defaultUnit;
    } catch {
      return measure(value, [...LENGTH_UNITS, '%']);
    }
  }
}

/** Space-separated class names, each made id-compatible (`Foo_Bar` → `foo-bar`). */
export function classOption(value: string | undefined): string[] {
  if (value === undefined) throw new OptionValueError(NONE_SUPPLIED);
  return pySplit(value).map((name) => {
    const className = makeId(name);
    if (!className) throw new OptionValueError(`cannot make "${name}" into a class name`);
    return className;
  });
}

function formatValues(values: readonly string[]): string {
  const quoted = values.slice(0, -1).map((v) => `"${v}"`);
  return `${quoted.join(', ')}, or "${values[values.length - 1]}"`;
}

/** One of a fixed set of lowercase words (case-insensitive on input). */
export function choice(values: readonly string[]): (value: string | undefined) => string {
  return (value) => {
    if (value === undefined) {
      throw new OptionValueError(`must supply an argument; choose from ${formatValues(values)}`);
    }
    const normalized = pyStrip(value.toLowerCase());
    if (values.includes(normalized)) return normalized;
    throw new OptionValueError(`"${value}" unknown; choose from ${formatValues(values)}`);
  };
}

/** Either one of `values` as written, or what `other` makes of the value. */
export function valueOr<T>(
  values: readonly string[],
  other: (value: string | undefined) => T,
): (value: string | undefined) => string | T {
  return (value) => (value !== undefined && values.includes(value) ? value : other(value));
}

/**
 * Python codec names that iconv-lite spells differently. Python folds case and
 * treats `-`, `_` and spaces alike; iconv-lite ignores non-alphanumerics.
 */
const PYTHON_ONLY_ENCODINGS: Record<string, string> = {
  utf8sig: 'utf8',
  u8: 'utf8',
  utf: 'utf8',
  cp65001: 'utf8',
  latin: 'latin1',
  l1: 'latin1',
  iso88591: 'latin1',
  '8859': 'latin1',
  cp819: 'latin1',
  usascii: 'ascii',
  '646': 'ascii',
  u16: 'utf16',
  u32: 'utf32',
};

/** The iconv-lite name for a Python codec name, or undefined when unknown. */
export function iconvEncodingName(name: string): string | undefined {
  const folded = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const candidate = PYTHON_ONLY_ENCODINGS[folded] ?? folded;
  return candidate && iconv.encodingExists(candidate) ? candidate : undefined;
}

/** A known text encoding name (returned as written). */
export function encoding(value: string | undefined): string {
  if (value === undefined) throw new OptionValueError('lookup() argument must be str, not None');
  if (!iconvEncodingName(value)) throw new OptionValueError(`unknown encoding: "${value}"`);
  return value;
}

//   "0x262E"  "x262E"  "\x262E"  "U+262E"  "u262E"  "\u262E"  "&#x262E;"
const UNICODE_CODE = /^(?:0x|x|\\x|U\+?|\\u)([0-9a-f]+)$|^&#x([0-9a-f]+);$/i;

function codePointToString(code: bigint): string {
  if (code > 0x7fffffffn) {
    throw new OptionValueError('code too large (Python int too large to convert to C int)');
  }
  if (code > 0x10ffffn) throw new OptionValueError('chr() arg not in range(0x110000)');
  return String.fromCodePoint(Number(code));
}

/**
 * A character code (decimal, hexadecimal with 0x/x/\x/U+/u/\u prefix, or
 * `&#x…;`) as the character; any other text is returned as it is.
 */
export function unicodeCode(value: string | undefined): string {
  if (value === undefined) throw new OptionValueError(NONE_SUPPLIED);
  if (/^[0-9]+$/.test(value)) return codePointToString(BigInt(value));
  const match = UNICODE_CODE.exec(value);
  if (match) return codePointToString(BigInt('0x' + (match[1] ?? match[2])));
  return value;
}

/** One character, given as itself or as a code (see `unicodeCode`). */
export function singleCharOrUnicode(value: string | undefined): string {
  const char = unicodeCode(value);
  if ([...char].length > 1) {
    throw new OptionValueError(`${pyRepr(char)} invalid; must be a single character or a Unicode code`);
  }
  return char;
}

/** As `singleCharOrUnicode`, plus the words `tab` and `space`. */
export function singleCharOrWhitespaceOrUnicode(value: string | undefined): string {
  if (value === 'tab') return '\t';
  if (value === 'space') return ' ';
  return singleCharOrUnicode(value);
}

/** Positive integers separated by commas, or else by whitespace. */
export function positiveIntList(value: string | undefined): number[] {
  if (value === undefined) {
    throw new OptionValueError("argument of type 'NoneType' is not iterable");
  }
  const entries = value.includes(',') ? value.split(',') : pySplit(value);
  return entries.map((entry) => positiveInt(entry));
}
