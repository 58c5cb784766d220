// Standalone hyperlinks (absolute URIs and e-mail addresses) as docutils
// recognizes them in running text. Matching works from candidate start
// positions with per-run caches (a scheme run, a mailbox run, the part after
// one colon or one `@` is examined once), so a long line stays linear even when
// it is full of `a-b-c:` look-alikes. Hand-written: these are docutils' rules.

import { isEndSuffix, isStartPrefix, codeAt, codeBefore, WHITESPACE_CLASS } from './chars.js';

// RFC 2396/2732 URI characters (NUL: a backslash-escaped character).
const URIC = "[-_.!~*'()[\\];/:@&=+$,%a-zA-Z0-9\\x00]";
// A URI ends with one of these, or with any URI character right before `>`.
const URI_LAST = '[_~*/=+a-zA-Z0-9]';
const URI_END = `(?:${URI_LAST}|${URIC}(?=>))`;
const EMAILC = "[-_!~*'{|}/#?^`&=+$%a-zA-Z0-9\\x00]";
// What may follow an end-string (see chars.ts isEndSuffix), as a lookahead.
const END_SUFFIX =
  `(?=$|[${WHITESPACE_CLASS}\\x00\\\\.,;!?\\-/:"')>\\]}\\u201a\\u201e\\ufd3f\\p{Pe}\\p{Pi}\\p{Pf}\\p{Pd}]` +
  `|(?![\\x00-\\x7f\\xa7\\xb6])\\p{Po})`;

/** After `scheme:`: hierarchical part, optional query and fragment (then an end, unless character-level). */
const AFTER_COLON_BODY = `(?://?)?${URIC}*${URI_END}(?:\\?${URIC}*${URI_END})?(?:#${URIC}*${URI_END})?`;
const AFTER_COLON = new RegExp(AFTER_COLON_BODY + END_SUFFIX, 'uy');
const AFTER_COLON_ANYWHERE = new RegExp(AFTER_COLON_BODY, 'uy');
/** After `@`: the host part of an address. */
const AFTER_AT_BODY = `${EMAILC}+(?:\\.${EMAILC}*)*${URI_END}`;
const AFTER_AT = new RegExp(AFTER_AT_BODY + END_SUFFIX, 'uy');
const AFTER_AT_ANYWHERE = new RegExp(AFTER_AT_BODY, 'uy');
/** A whole string that is an e-mail address (for embedded URIs: add `mailto:`). */
const WHOLE_EMAIL = new RegExp(
  `^${EMAILC}+(?:\\.${EMAILC}+)*(?<!\\x00)@${EMAILC}+(?:\\.${EMAILC}*)*${URI_END}$`,
  'u',
);

const SCHEME_CHAR = /[a-zA-Z0-9.+-]/;
const EMAIL_CHAR = new RegExp(EMAILC);

export interface UriMatch {
  start: number;
  end: number;
  /** The scheme of an absolute URI; undefined for an e-mail address. */
  scheme?: string;
}

export function isEmailAddress(text: string): boolean {
  return WHOLE_EMAIL.test(text);
}

/** Finds standalone URIs and addresses in one string. */
export class UriScanner {
  // Memo of the match end after one colon / one `@` (-1: no match), made on first use.
  private afterColon?: Map<number, number>;
  private afterAt?: Map<number, number>;
  private schemeRun = { start: -1, end: -1 };
  private mailboxRun = { start: -1, end: -1, lastDoubleDot: -1 };
  readonly hasCandidates: boolean;

  private readonly afterColonPattern: RegExp;
  private readonly afterAtPattern: RegExp;

  /** `characterLevel`: matches may start after any unescaped character and end anywhere. */
  constructor(
    private readonly text: string,
    private readonly characterLevel = false,
  ) {
    this.afterColonPattern = characterLevel ? AFTER_COLON_ANYWHERE : AFTER_COLON;
    this.afterAtPattern = characterLevel ? AFTER_AT_ANYWHERE : AFTER_AT;
    this.hasCandidates = text.includes(':') || text.includes('@');
  }

  /** The leftmost match starting in [from, to), with `from` acting as start of string. */
  search(from: number, to = this.text.length): UriMatch | undefined {
    if (!this.hasCandidates) return undefined;
    for (let p = from; p < to; p++) {
      if (p !== from) {
        const before = codeBefore(this.text, p);
        if (this.characterLevel ? before === 0 : !isStartPrefix(before)) continue;
      }
      const match = this.matchAt(p);
      if (match) return match;
    }
    return undefined;
  }

  /** A match starting exactly at `p` (the start-string prefix is not checked). */
  matchAt(p: number): UriMatch | undefined {
    return this.absoluteAt(p) ?? this.emailAt(p);
  }

  private absoluteAt(p: number): UriMatch | undefined {
    const text = this.text;
    const code = text.charCodeAt(p);
    const isLetter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    if (!isLetter) return undefined;
    if (!(p >= this.schemeRun.start && p < this.schemeRun.end)) {
      let end = p;
      while (end < text.length && SCHEME_CHAR.test(text[end]!)) end++;
      this.schemeRun = { start: p, end };
    }
    const colon = this.schemeRun.end;
    if (text[colon] !== ':') return undefined;
    this.afterColon ??= new Map();
    let end = this.afterColon.get(colon);
    if (end === undefined) {
      const pattern = this.afterColonPattern;
      pattern.lastIndex = colon + 1;
      end = pattern.test(text) ? pattern.lastIndex : -1;
      this.afterColon.set(colon, end);
    }
    if (end < 0) return undefined;
    return { start: p, end, scheme: text.slice(p, colon) };
  }

  private emailAt(p: number): UriMatch | undefined {
    const text = this.text;
    const first = text[p]!;
    if (first === '.' || !EMAIL_CHAR.test(first)) return undefined;
    if (!(p >= this.mailboxRun.start && p < this.mailboxRun.end)) {
      let end = p;
      let lastDoubleDot = -1;
      while (end < text.length && (text[end] === '.' || EMAIL_CHAR.test(text[end]!))) {
        if (text[end] === '.' && text[end + 1] === '.') lastDoubleDot = end;
        end++;
      }
      this.mailboxRun = { start: p, end, lastDoubleDot };
    }
    const at = this.mailboxRun.end;
    // name@: the name is dot-separated parts (no empty part) and `@` is not escaped.
    if (text[at] !== '@' || this.mailboxRun.lastDoubleDot >= p) return undefined;
    const last = text[at - 1];
    if (last === '.' || last === '\0') return undefined;
    this.afterAt ??= new Map();
    let end = this.afterAt.get(at);
    if (end === undefined) {
      const pattern = this.afterAtPattern;
      pattern.lastIndex = at + 1;
      end = pattern.test(text) ? pattern.lastIndex : -1;
      this.afterAt.set(at, end);
    }
    if (end < 0) return undefined;
    return { start: p, end };
  }
}

/** Does a URI or address start at 0 of `text` (docutils' `patterns.uri.match`)? */
export function startsWithUri(text: string): boolean {
  return new UriScanner(text).matchAt(0) !== undefined;
}

/** Is the character at `index` an acceptable end of a match? */
export function endsWell(text: string, index: number): boolean {
  return index >= text.length || isEndSuffix(codeAt(text, index));
}
