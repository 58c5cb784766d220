// CSV records for the csv-table directive, read exactly as Python's `csv`
// module reads them with docutils' dialects, keeping each field's origin.
// Hand-written because docutils defines csv-table by Python's csv state
// machine (a closing quote without doublequote re-enters the field,
// skipinitialspace before the delimiter test, escapechar outside quotes,
// strict errors) which csv-parse does not reproduce, and because cells need
// per-field source positions, which no CSV library reports.

import type { SourceLine } from '../source-lines.js';

export interface CsvDialect {
  delimiter: string;
  quotechar: string;
  /** `""` inside a quoted field is one quote (else a quote ends the quoting). */
  doublequote: boolean;
  escapechar?: string;
  /** Spaces right after a delimiter are skipped. */
  skipinitialspace: boolean;
  /** Errors on a bad quote or an unterminated quoted field. */
  strict: boolean;
}

/** docutils' DocutilsDialect (csv-table content, :file:). */
export const DOCUTILS_DIALECT: CsvDialect = {
  delimiter: ',',
  quotechar: '"',
  doublequote: true,
  skipinitialspace: true,
  strict: true,
};

/** docutils' HeaderDialect (the :header: option). */
export const HEADER_DIALECT: CsvDialect = {
  delimiter: ',',
  quotechar: '"',
  doublequote: false,
  escapechar: '\\',
  skipinitialspace: true,
  strict: true,
};

/** A CSV problem, with Python's message. */
export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

/** One field: its text lines (Python `splitlines()`), each with its origin. */
export type CsvField = SourceLine[];

const enum State {
  StartRecord,
  StartField,
  EscapeChar,
  InField,
  InQuotedField,
  EscapeInQuotedField,
  QuoteInQuotedField,
  EatCrnl,
  AfterEscapedCrnl,
}

/** Marks the end of an input line (Python's EOL pseudo-character). */
const EOL = null;

interface Origin {
  line: SourceLine;
  index: number;
}

/**
 * Read the records of `lines` (each line gets a `\n`, as docutils feeds the
 * csv reader). Throws CsvError as Python's reader would.
 */
export function readCsv(lines: readonly SourceLine[], dialect: CsvDialect): CsvField[][] {
  const records: CsvField[][] = [];
  let fields: CsvField[] = [];
  let chars: string[] = [];
  let origins: Origin[] = [];
  let state = State.StartRecord;

  const add = (char: string, origin: Origin) => {
    chars.push(char);
    origins.push(origin);
  };
  const save = (where: Origin) => {
    fields.push(toField(chars, origins, where));
    chars = [];
    origins = [];
  };
  const endOfLine = (c: string | null, where: Origin) => {
    save(where);
    state = c === EOL ? State.StartRecord : State.EatCrnl;
  };
  const isLineEnd = (c: string | null) => c === EOL || c === '\n' || c === '\r';

  const step = (c: string | null, origin: Origin): void => {
    switch (state) {
      case State.StartRecord:
        if (c === EOL) return;
        if (c === '\n' || c === '\r') {
          state = State.EatCrnl;
          return;
        }
        // The character starts the first field.
        state = State.StartField;
        step(c, origin);
        return;
      case State.StartField:
        if (isLineEnd(c)) endOfLine(c, origin);
        else if (c === dialect.quotechar) state = State.InQuotedField;
        else if (c === dialect.escapechar) state = State.EscapeChar;
        else if (c === ' ' && dialect.skipinitialspace) return;
        else if (c === dialect.delimiter) save(origin);
        else {
          add(c!, origin);
          state = State.InField;
        }
        return;
      case State.EscapeChar:
        if (c === '\n' || c === '\r') {
          add(c, origin);
          state = State.AfterEscapedCrnl;
          return;
        }
        add(c ?? '\n', origin);
        state = State.InField;
        return;
      case State.AfterEscapedCrnl:
        if (c === EOL) return;
        state = State.InField;
        step(c, origin);
        return;
      case State.InField:
        if (isLineEnd(c)) endOfLine(c, origin);
        else if (c === dialect.escapechar) state = State.EscapeChar;
        else if (c === dialect.delimiter) {
          save(origin);
          state = State.StartField;
        } else add(c!, origin);
        return;
      case State.InQuotedField:
        if (c === EOL) return;
        if (c === dialect.escapechar) state = State.EscapeInQuotedField;
        else if (c === dialect.quotechar) state = dialect.doublequote ? State.QuoteInQuotedField : State.InField;
        else add(c, origin);
        return;
      case State.EscapeInQuotedField:
        add(c ?? '\n', origin);
        state = State.InQuotedField;
        return;
      case State.QuoteInQuotedField:
        if (c === dialect.quotechar) {
          add(c, origin);
          state = State.InQuotedField;
        } else if (c === dialect.delimiter) {
          save(origin);
          state = State.StartField;
        } else if (isLineEnd(c)) endOfLine(c, origin);
        else if (!dialect.strict) {
          add(c, origin);
          state = State.InField;
        } else {
          throw new CsvError(`'${dialect.delimiter}' expected after '${dialect.quotechar}'`);
        }
        return;
      case State.EatCrnl:
        if (c === '\n' || c === '\r') return;
        if (c === EOL) {
          state = State.StartRecord;
          return;
        }
        throw new CsvError("new-line character seen in unquoted field - do you need to open the file with newline=''?");
    }
  };

  let index = 0;
  while (index < lines.length) {
    // One record: lines are fed until the state machine is back at a record start.
    do {
      const line = lines[index]!;
      index++;
      let at = 0;
      for (const char of line.text) {
        step(char, { line, index: at });
        at += char.length;
      }
      step('\n', { line, index: at });
      step(EOL, { line, index: at });
    } while (state !== State.StartRecord && index < lines.length);
    if (state !== State.StartRecord) {
      // Input ended inside a record: Python keeps it only when a field has begun.
      if (chars.length === 0 && state !== State.InQuotedField) break;
      if (dialect.strict) throw new CsvError('unexpected end of data');
      save({ line: lines[index - 1]!, index: lines[index - 1]!.text.length });
    }
    records.push(fields);
    fields = [];
    state = State.StartRecord;
  }
  return records;
}

/** A field's text split into lines (Python `splitlines()`), each placed at its first character. */
function toField(chars: readonly string[], origins: readonly Origin[], where: Origin): CsvField {
  const lines: CsvField = [];
  let text = '';
  let first: Origin | undefined;
  const flush = (fallback: Origin) => {
    const origin = first ?? fallback;
    lines.push({
      text,
      source: origin.line.source,
      line: origin.line.line,
      column: origin.line.column + origin.index,
      offset: origin.line.offset + origin.index,
    });
    text = '';
    first = undefined;
  };
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (/^[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]$/.test(char)) {
      // `\r\n` is one break.
      if (char === '\r' && chars[i + 1] === '\n') i++;
      flush(origins[i]!);
      continue;
    }
    if (!first) first = origins[i];
    text += char;
  }
  if (text || first) flush(where);
  return lines;
}
