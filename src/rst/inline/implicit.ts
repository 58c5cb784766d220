// Implicit inline markup: the text between explicit constructs is searched for
// standalone URIs / e-mail addresses and (when enabled) PEP and RFC mentions,
// in docutils' order: the first pattern's leftmost match wins; an unknown URI
// scheme makes the URI pattern give up on that stretch of text, and later
// patterns are tried on it instead (docutils' MarkupMismatch).

import schemes from 'schemes';
import { element, text, type RstNode } from '../nodes.js';
import type { RstSettings } from '../settings.js';
import { codeAt, codeBefore, isEndSuffix, isStartPrefix, isWhitespace } from './chars.js';
import { unescape } from './escapes.js';
import type { PositionMap } from './positions.js';
import { UriScanner, type UriMatch } from './uri.js';

const KNOWN_SCHEMES = new Set(Object.keys((schemes as { allByName: Record<string, unknown> }).allByName).map((s) => s.toLowerCase()));

interface Found {
  start: number;
  end: number;
  node: RstNode;
}

type Pattern = (from: number, to: number) => Found | 'mismatch' | undefined;

export class ImplicitMarkup {
  private readonly uris: UriScanner;
  private readonly patterns: Pattern[];

  /**
   * `source` is one stretch of text between explicit constructs (its start and
   * end count as start and end of string, as in docutils); `offset` is where it
   * starts in the text the position map knows.
   */
  constructor(
    private readonly source: string,
    private readonly offset: number,
    private readonly map: PositionMap,
    private readonly settings: RstSettings,
  ) {
    this.uris = new UriScanner(source, settings.characterLevelInlineMarkup);
    this.patterns = [(from, to) => this.uri(from, to)];
    if (settings.pepReferences) this.patterns.push((from, to) => this.pep(from, to));
    if (settings.rfcReferences) this.patterns.push((from, to) => this.rfc(from, to));
  }

  /** Append the nodes of the whole stretch to `out`. */
  parseInto(out: RstNode[]): void {
    this.parse(0, this.source.length, out, 0);
  }

  /** Nodes for `source[from, to)`; `from` counts as start of string and `to` as its end. */
  private parse(from: number, to: number, out: RstNode[], firstPattern: number): void {
    let position = from;
    while (position < to) {
      let found: Found | undefined;
      for (let k = firstPattern; k < this.patterns.length; k++) {
        const result = this.patterns[k]!(position, to);
        if (result === 'mismatch' || result === undefined) continue;
        found = result;
        // The text before a match of pattern k holds no match of pattern k
        // (it is the leftmost); later patterns may still match there.
        if (found.start > position) this.parse(position, found.start, out, k + 1);
        break;
      }
      if (!found) {
        this.pushText(position, to, out);
        return;
      }
      out.push(found.node);
      position = found.end;
    }
  }

  private pushText(from: number, to: number, out: RstNode[]): void {
    if (to <= from) return;
    out.push(text(unescape(this.source.slice(from, to)), this.position(from, to)));
  }

  private uri(from: number, to: number): Found | 'mismatch' | undefined {
    // Only ever called with `to` = end of the stretch (see parse).
    const match: UriMatch | undefined = this.uris.search(from, to);
    if (!match) return undefined;
    if (match.scheme !== undefined && !KNOWN_SCHEMES.has(match.scheme.toLowerCase())) return 'mismatch';
    const raw = this.source.slice(match.start, match.end);
    const refuri = (match.scheme === undefined ? 'mailto:' : '') + unescape(raw);
    const position = this.position(match.start, match.end);
    const node = element('reference', { refuri }, [text(unescape(raw), position)], position);
    return { start: match.start, end: match.end, node };
  }

  private pep(from: number, to: number): Found | undefined {
    const source = this.source;
    for (let p = from; p < to; p++) {
      const c = source[p];
      if (c !== 'p' && c !== 'P') continue;
      if (p !== from && !this.startsAt(p)) continue;
      let end = -1;
      let number = '';
      if (source.startsWith('pep-', p)) {
        let q = p + 4;
        while (q < to && isDigit(source, q)) q++;
        if (q === p + 4) continue;
        number = source.slice(p + 4, q);
        if (source.startsWith('.txt', q) && q + 4 <= to && this.endsAt(q + 4, to)) end = q + 4;
        else if (this.endsAt(q, to)) end = q;
      } else if (source.startsWith('PEP', p)) {
        let q = p + 3;
        while (q < to && isWhitespace(codeAt(source, q))) q++;
        if (q === p + 3) continue;
        const digits = q;
        while (q < to && isDigit(source, q)) q++;
        if (q === digits) continue;
        number = source.slice(digits, q);
        if (this.endsAt(q, to)) end = q;
      }
      if (end < 0) continue;
      const settings = this.settings;
      const refuri = `${settings.pepBaseUrl}pep-${String(Number(number)).padStart(4, '0')}`;
      return this.referenceFound(p, end, refuri);
    }
    return undefined;
  }

  private rfc(from: number, to: number): Found | undefined {
    const source = this.source;
    for (let p = source.indexOf('RFC', from); p !== -1 && p < to; p = source.indexOf('RFC', p + 1)) {
      if (p !== from && !this.startsAt(p)) continue;
      let q = p + 3;
      if (source[q] === '-') q++;
      else while (q < to && isWhitespace(codeAt(source, q))) q++;
      const digits = q;
      while (q < to && isDigit(source, q)) q++;
      if (q === digits || !this.endsAt(q, to)) continue;
      const refuri = `${this.settings.rfcBaseUrl}rfc${Number(source.slice(digits, q))}.html`;
      return this.referenceFound(p, q, refuri);
    }
    return undefined;
  }

  private referenceFound(start: number, end: number, refuri: string): Found {
    const raw = this.source.slice(start, end);
    const position = this.position(start, end);
    return { start, end, node: element('reference', { refuri }, [text(unescape(raw), position)], position) };
  }

  private position(start: number, end: number) {
    return this.map.position(this.offset + start, this.offset + end);
  }

  private startsAt(index: number): boolean {
    const before = codeBefore(this.source, index);
    return this.settings.characterLevelInlineMarkup ? before !== 0 : isStartPrefix(before);
  }

  private endsAt(index: number, to: number): boolean {
    if (this.settings.characterLevelInlineMarkup) return true;
    return index >= to || isEndSuffix(codeAt(this.source, index));
  }
}

function isDigit(source: string, index: number): boolean {
  const code = source.charCodeAt(index);
  return code >= 0x30 && code <= 0x39;
}
