// The inline parser, following docutils' Inliner: scan left to right for a
// start-string (or a whole construct such as `name_` or `[1]_`) at a position
// where markup may start, look for its end-string, build the node, and pass
// the text in between to the implicit patterns (standalone URIs …).
//
// Unlike docutils, nothing is re-sliced or re-searched from scratch: the scan
// position only moves forward, end-string searches remember their last answer
// (a later search from inside the already-searched stretch gets the same
// answer), and simple names remember the run they belong to. That keeps a
// whole paragraph linear in its length, whatever it contains.
// Hand-written: no npm package implements docutils' recognition rules.

import type { Document } from '../document.js';
import { normalizeName, whitespaceNormalizeName } from '../names.js';
import { element, text, type Position, type RstElement, type RstNode } from '../nodes.js';
import { lookupRole } from '../roles/registry.js';
import { codeAt, codeBefore, isEndSuffix, isMatchingPair, isNameChar, isStartPrefix, isWhitespace, width } from './chars.js';
import { escapeToNull, restoreBackslashes, unescape } from './escapes.js';
import { parseEmbedded } from './embedded.js';
import { ImplicitMarkup } from './implicit.js';
import { PositionMap } from './positions.js';
import { problematic } from './problematic.js';
import type { InlineRequest, InlineResult } from './types.js';

/** A start-string (or whole construct) found by the scan. */
type Start =
  | { kind: 'emphasis' | 'strong' | 'literal' | 'target' | 'substitution'; start: number; end: number }
  | { kind: 'interpreted'; roleStart: number; role: string | undefined; start: number; end: number }
  | { kind: 'reference'; start: number; nameEnd: number; end: number; anonymous: boolean }
  | { kind: 'footnote'; start: number; labelEnd: number; end: number; citation: boolean };

interface EndMatch {
  /** Index of the end-string. */
  at: number;
  /** Index after the whole end match (role suffix and `_` included). */
  end: number;
  role?: string;
  refend?: string;
}

/** A remembered end-string search: the first match at or after `from`. */
interface EndCache {
  from: number;
  match: EndMatch | null;
}

type EndKind = 'emphasis' | 'strong' | 'literal' | 'target' | 'substitution' | 'interpreted';

/** ASCII lookup tables for the two hottest character tests. */
const START_PREFIX_ASCII = new Uint8Array(128);
const NAME_ASCII = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  START_PREFIX_ASCII[code] = isStartPrefix(code) ? 1 : 0;
  NAME_ASCII[code] = isNameChar(code) ? 1 : 0;
}

const SIMPLE_NAME_SEPARATORS = new Set(['-', '.', '_', '+', ':']);

const NODE_CLASS_NAMES: Record<string, string> = {
  emphasis: 'emphasis',
  strong: 'strong',
  literal: 'literal',
  target: 'target',
  substitution: 'substitution_reference',
};

export class Inliner {
  private readonly s: string;
  private readonly n: number;
  private readonly map: PositionMap;
  private readonly document: Document;
  private readonly parent: RstElement;
  private readonly request: InlineRequest;
  /** docutils' character_level_inline_markup: markup may start and end inside words. */
  private readonly characterLevel: boolean;

  private readonly out: RstNode[] = [];
  private readonly messages: RstElement[] = [];
  /** Start of the text not yet turned into nodes. */
  private chunkStart = 0;
  /** Start of docutils' "remaining" string: `^` matches here. */
  private anchor = 0;

  private lastInRunCache = { end: -1, char: '', at: -1 };
  private nameRunStart = -1;
  private nameRunEnd = -1;
  private readonly endCaches = new Map<EndKind, EndCache>();

  constructor(request: InlineRequest) {
    this.request = request;
    this.s = escapeToNull(request.text);
    this.n = this.s.length;
    this.map = new PositionMap(request.lines);
    this.document = request.document;
    this.parent = request.parent;
    this.characterLevel = this.document.settings.characterLevelInlineMarkup;
  }

  parse(): InlineResult {
    let from = 0;
    while (from < this.n) {
      const start = this.findStart(from);
      if (!start) break;
      from = this.handle(start);
      this.anchor = from;
    }
    this.flushText(this.n);
    return { nodes: this.out, messages: this.messages };
  }

  // ------------------------------------------------------------------ scanning

  private position(start: number, end: number): Position {
    return this.map.position(start, end);
  }

  private line(index: number): number {
    return this.map.line(index);
  }

  private code(index: number): number {
    return codeAt(this.s, index);
  }

  /** `(?!\s)`: true at the end of the text too. */
  private notSpaceAt(index: number): boolean {
    return index >= this.n || !isWhitespace(this.code(index));
  }

  /** May an end-string end right before `index`? */
  private endsAt(index: number): boolean {
    return this.characterLevel || index >= this.n || isEndSuffix(this.code(index));
  }

  /** Is the character before `index` whitespace or an escape (NUL)? */
  private spaceOrEscapeBefore(index: number): boolean {
    const code = codeBefore(this.s, index);
    return code === 0 || (code >= 0 && isWhitespace(code));
  }

  /**
   * End of the simple name starting at `p` (alphanumerics joined by single
   * `-._+:`), or -1. Every start inside one run ends where the run ends, so the
   * run is remembered.
   */
  private simpleNameEnd(p: number): number {
    const s = this.s;
    const c0 = s.charCodeAt(p);
    if (c0 < 128 ? NAME_ASCII[c0] === 0 : !isNameChar(this.code(p))) return -1;
    if (p > this.nameRunStart && p < this.nameRunEnd) return this.nameRunEnd;
    let i = p;
    for (;;) {
      while (i < this.n) {
        const c = s.charCodeAt(i);
        if (c < 128) {
          if (NAME_ASCII[c] === 0) break;
          i++;
          continue;
        }
        const code = this.code(i);
        if (!isNameChar(code)) break;
        i += width(code);
      }
      if (i < this.n && SIMPLE_NAME_SEPARATORS.has(s[i]!)) {
        const next = this.code(i + 1);
        if (next >= 0 && isNameChar(next)) {
          i += 1;
          continue;
        }
      }
      break;
    }
    this.nameRunStart = p;
    this.nameRunEnd = i;
    return i;
  }

  /**
   * The last index in (p, nameEnd] holding `char`, where a simple name from
   * `p` may stop (character-level markup backtracks into the name), or -1.
   */
  private lastInRun(p: number, nameEnd: number, char: string): number {
    if (this.lastInRunCache.end === nameEnd && this.lastInRunCache.char === char && this.lastInRunCache.at > p) {
      return this.lastInRunCache.at;
    }
    let at = -1;
    for (let i = nameEnd; i > p; i--) {
      if (this.s[i] === char) {
        at = i;
        break;
      }
    }
    this.lastInRunCache = { end: nameEnd, char, at };
    return at;
  }

  /** The leftmost start-string at or after `from`. */
  private findStart(from: number): Start | undefined {
    const s = this.s;
    const n = this.n;
    for (let p = from; p < n; p++) {
      const c = s.charCodeAt(p);
      // Fast skip: only these characters and name characters can start markup.
      const special = c === 0x2a || c === 0x60 || c === 0x5f || c === 0x7c || c === 0x5b || c === 0x3a;
      if (!special && (c < 0x30 || (c >= 0xdc00 && c <= 0xdfff))) continue;
      if (p !== this.anchor) {
        const before = s.charCodeAt(p - 1);
        if (this.characterLevel) {
          if (before === 0) continue;
        } else if (before < 128 ? START_PREFIX_ASCII[before] === 0 : !isStartPrefix(codeBefore(s, p))) continue;
      }
      const found = this.startAt(p, c);
      if (found) return found;
      // A simple name that is not a reference: no start inside it can be
      // one either (they all end where it ends), so jump to its end.
      if (!special && !this.characterLevel && this.nameRunStart === p && this.nameRunEnd > p + 1) {
        p = this.nameRunEnd - 1;
      }
    }
    return undefined;
  }

  private startAt(p: number, c: number): Start | undefined {
    const s = this.s;
    switch (c) {
      case 0x2a: // * or **
        if (s[p + 1] === '*') return this.notSpaceAt(p + 2) ? { kind: 'strong', start: p, end: p + 2 } : undefined;
        return this.notSpaceAt(p + 1) ? { kind: 'emphasis', start: p, end: p + 1 } : undefined;
      case 0x60: // `` or `
        if (s[p + 1] === '`') return this.notSpaceAt(p + 2) ? { kind: 'literal', start: p, end: p + 2 } : undefined;
        return this.notSpaceAt(p + 1)
          ? { kind: 'interpreted', roleStart: p, role: undefined, start: p, end: p + 1 }
          : undefined;
      case 0x5f: // _`
        if (s[p + 1] === '`' && this.notSpaceAt(p + 2)) return { kind: 'target', start: p, end: p + 2 };
        return undefined;
      case 0x7c: // | but not ||
        if (s[p + 1] !== '|' && this.notSpaceAt(p + 1)) return { kind: 'substitution', start: p, end: p + 1 };
        return undefined;
      case 0x5b: // [label]_
        return this.footnoteAt(p);
      case 0x3a: {
        // :role:`
        const nameEnd = this.simpleNameEnd(p + 1);
        if (nameEnd < 0 || s[nameEnd] !== ':' || s[nameEnd + 1] !== '`' || s[nameEnd + 2] === '`') return undefined;
        if (!this.notSpaceAt(nameEnd + 2)) return undefined;
        return { kind: 'interpreted', roleStart: p, role: s.slice(p + 1, nameEnd), start: nameEnd + 1, end: nameEnd + 2 };
      }
      default: {
        // name_ or name__
        let nameEnd = this.simpleNameEnd(p);
        if (nameEnd < 0) return undefined;
        if (this.characterLevel) {
          // No end condition: the longest name followed by `_` wins, even
          // inside a longer name (`a_b` holds the reference `a_`).
          nameEnd = this.lastInRun(p, nameEnd, '_');
          if (nameEnd < 0) return undefined;
        }
        if (s[nameEnd] !== '_') return undefined;
        if (s[nameEnd + 1] === '_') {
          return this.endsAt(nameEnd + 2)
            ? { kind: 'reference', start: p, nameEnd, end: nameEnd + 2, anonymous: true }
            : undefined;
        }
        return this.endsAt(nameEnd + 1)
          ? { kind: 'reference', start: p, nameEnd, end: nameEnd + 1, anonymous: false }
          : undefined;
      }
    }
  }

  /** `[1]_`, `[#]_`, `[#label]_`, `[*]_` or `[CITATION]_`, each followed by an end. */
  private footnoteAt(p: number): Start | undefined {
    const s = this.s;
    const closes = (index: number) => s[index] === ']' && s[index + 1] === '_' && this.endsAt(index + 2);
    const found = (labelEnd: number, citation: boolean): Start => ({
      kind: 'footnote',
      start: p,
      labelEnd,
      end: labelEnd + 2,
      citation,
    });
    const i = p + 1;
    let j = i;
    while (j < this.n && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
    if (j > i && closes(j)) return found(j, false);
    if (s[i] === '#') {
      const nameEnd = this.simpleNameEnd(i + 1);
      if (nameEnd > 0 && closes(nameEnd)) return found(nameEnd, false);
      if (closes(i + 1)) return found(i + 1, false);
    }
    if (s[i] === '*' && closes(i + 1)) return found(i + 1, false);
    const nameEnd = this.simpleNameEnd(i);
    if (nameEnd > 0 && closes(nameEnd)) return found(nameEnd, true);
    return undefined;
  }

  // ---------------------------------------------------------------- end-strings

  private findEnd(kind: EndKind, from: number): EndMatch | null {
    const cached = this.endCaches.get(kind);
    if (cached && from >= cached.from && (cached.match === null || from <= cached.match.at)) return cached.match;
    const match = this.searchEnd(kind, from);
    this.endCaches.set(kind, { from, match });
    return match;
  }

  private searchEnd(kind: EndKind, from: number): EndMatch | null {
    const s = this.s;
    const char = kind === 'emphasis' || kind === 'strong' ? '*' : kind === 'substitution' ? '|' : '`';
    for (let q = s.indexOf(char, from); q !== -1; q = s.indexOf(char, q + 1)) {
      const match = this.endAt(kind, q);
      if (match) return match;
    }
    return null;
  }

  private endAt(kind: EndKind, q: number): EndMatch | null {
    const s = this.s;
    switch (kind) {
      case 'emphasis':
        return !this.spaceOrEscapeBefore(q) && this.endsAt(q + 1) ? { at: q, end: q + 1 } : null;
      case 'strong':
        return s[q + 1] === '*' && !this.spaceOrEscapeBefore(q) && this.endsAt(q + 2) ? { at: q, end: q + 2 } : null;
      case 'literal': {
        const before = codeBefore(s, q);
        return s[q + 1] === '`' && !(before >= 0 && isWhitespace(before)) && this.endsAt(q + 2)
          ? { at: q, end: q + 2 }
          : null;
      }
      case 'target':
        return !this.spaceOrEscapeBefore(q) && this.endsAt(q + 1) ? { at: q, end: q + 1 } : null;
      case 'substitution': {
        if (this.spaceOrEscapeBefore(q)) return null;
        // `|`, `|_` or `|__`: the most underscores that still leave an end.
        let underscores = 0;
        while (underscores < 2 && s[q + 1 + underscores] === '_') underscores++;
        for (let u = underscores; u >= 0; u--) {
          if (this.endsAt(q + 1 + u)) return { at: q, end: q + 1 + u };
        }
        return null;
      }
      case 'interpreted':
        return this.interpretedEndAt(q);
    }
  }

  /**
   * `` ` `` not preceded by an unescaped space or an escape, then an optional
   * `:role:` and an optional `_`/`__`, then an end.
   */
  private interpretedEndAt(q: number): EndMatch | null {
    const s = this.s;
    if (this.spaceOrEscapeBefore(q) && !(q >= 2 && s[q - 2] === '\0')) return null;
    const after = q + 1;
    const tries: Array<{ end: number; role?: string }> = [];
    if (s[after] === ':') {
      let nameEnd = this.simpleNameEnd(after + 1);
      if (nameEnd > 0 && this.characterLevel) nameEnd = this.lastInRun(after + 1, nameEnd, ':');
      if (nameEnd > 0 && s[nameEnd] === ':') tries.push({ end: nameEnd + 1, role: s.slice(after + 1, nameEnd) });
    }
    tries.push({ end: after });
    for (const attempt of tries) {
      const e = attempt.end;
      if (s[e] === '_' && s[e + 1] === '_' && this.endsAt(e + 2)) {
        return { at: q, end: e + 2, role: attempt.role, refend: '__' };
      }
      if (s[e] === '_' && this.endsAt(e + 1)) return { at: q, end: e + 1, role: attempt.role, refend: '_' };
      if (this.endsAt(e)) return { at: q, end: e, role: attempt.role };
    }
    return null;
  }

  // ------------------------------------------------------------------ handlers

  private handle(start: Start): number {
    switch (start.kind) {
      case 'emphasis':
      case 'strong':
      case 'literal':
      case 'target':
      case 'substitution':
        return this.simpleConstruct(start.kind, start.start, start.end);
      case 'interpreted':
        return this.interpretedOrPhrase(start.roleStart, start.role, start.start, start.end);
      case 'reference':
        return this.simpleReference(start.start, start.nameEnd, start.end, start.anonymous);
      case 'footnote':
        return this.footnoteReference(start.start, start.labelEnd, start.end, start.citation);
    }
  }

  /** Put `nodes` into the output after the text before `before`; continue at `resume`. */
  private emit(before: number, nodes: RstNode[], resume: number, messages?: RstElement[]): number {
    if (messages) for (const message of messages) this.messages.push(message);
    if (nodes.length > 0) {
      this.flushText(before);
      for (const node of nodes) this.out.push(node);
      this.chunkStart = resume;
    }
    return resume;
  }

  /** Turn the pending text up to `end` into nodes (standalone URIs included). */
  private flushText(end: number): void {
    if (end <= this.chunkStart) return;
    const chunk = this.s.slice(this.chunkStart, end);
    if (this.implicitPossible(chunk)) {
      new ImplicitMarkup(chunk, this.chunkStart, this.map, this.document.settings).parseInto(this.out);
    } else {
      this.out.push(text(unescape(chunk), this.position(this.chunkStart, end)));
    }
    this.chunkStart = end;
  }

  /** Can `chunk` hold a standalone URI, address, or (when enabled) PEP/RFC mention? */
  private implicitPossible(chunk: string): boolean {
    const settings = this.document.settings;
    if (settings.pepReferences || settings.rfcReferences) return true;
    return chunk.includes(':') || chunk.includes('@');
  }

  /** docutils' quoted_start: `(*)`, `"*"`, or a start-string at the very end. */
  private isQuoted(start: number, end: number): boolean {
    if (start === this.anchor) return false;
    const after = this.code(end);
    if (after < 0) return true;
    return isMatchingPair(codeBefore(this.s, start), after);
  }

  /** A problematic node for `[start, end)` plus the warning that explains it. */
  private unterminated(what: string, start: number, end: number): number {
    const message = this.document.reporter.warning(`Inline ${what} start-string without end-string.`, {
      line: this.line(start),
      column: this.map.point(start).column,
    });
    const raw = restoreBackslashes(this.s.slice(start, end));
    const node = problematic(this.document, this.parent, raw, message, this.position(start, end));
    return this.emit(start, [node], end, [message]);
  }

  private warnAndProblem(messageText: string, start: number, end: number): number {
    const message = this.document.reporter.warning(messageText, {
      line: this.line(start),
      column: this.map.point(start).column,
    });
    const raw = restoreBackslashes(this.s.slice(start, end));
    const node = problematic(this.document, this.parent, raw, message, this.position(start, end));
    return this.emit(start, [node], end, [message]);
  }

  private simpleConstruct(kind: Exclude<EndKind, 'interpreted'>, start: number, end: number): number {
    if (this.isQuoted(start, end)) return this.emit(start, [], end);
    const match = this.findEnd(kind, end);
    if (!match || match.at <= end) return this.unterminated(NODE_CLASS_NAMES[kind]!, start, end);
    const raw = this.s.slice(end, match.at);
    const value = kind === 'literal' ? restoreBackslashes(raw) : unescape(raw);
    const type = NODE_CLASS_NAMES[kind]!;
    const node = element(type, {}, [text(value, this.position(end, match.at))], this.position(start, match.end));
    if (kind === 'target') {
      node.attributes.names = [normalizeName(value)];
      this.document.noteExplicitTarget(node, this.parent);
      return this.emit(start, [node], match.end);
    }
    if (kind === 'substitution') {
      const endString = this.s.slice(match.at, match.end);
      this.document.noteSubstitutionRef(node, value);
      if (endString.endsWith('_')) {
        const reference = element('reference', {}, [node], node.position);
        if (endString.endsWith('__')) reference.attributes.anonymous = 1;
        else {
          reference.attributes.refname = normalizeName(value);
          this.document.noteRefname(reference);
        }
        return this.emit(start, [reference], match.end);
      }
    }
    return this.emit(start, [node], match.end);
  }

  private simpleReference(start: number, nameEnd: number, end: number, anonymous: boolean): number {
    const name = this.s.slice(start, nameEnd);
    const position = this.position(start, end);
    const node = element('reference', { name: whitespaceNormalizeName(name) }, [text(name, this.position(start, nameEnd))], position);
    if (anonymous) node.attributes.anonymous = 1;
    else {
      node.attributes.refname = normalizeName(name);
      this.document.noteRefname(node);
    }
    return this.emit(start, [node], end);
  }

  private footnoteReference(start: number, labelEnd: number, end: number, citation: boolean): number {
    const label = this.s.slice(start + 1, labelEnd);
    let refname = normalizeName(label);
    const position = this.position(start, end);
    const labelPosition = this.position(start + 1, labelEnd);
    if (citation) {
      const node = element('citation_reference', { refname }, [text(label, labelPosition)], position);
      this.document.noteCitationRef(node);
      return this.emit(start, [node], end);
    }
    const node = element('footnote_reference', {}, [], position);
    if (refname.startsWith('#')) {
      refname = refname.slice(1);
      node.attributes.auto = 1;
      this.document.noteAutofootnoteRef(node);
    } else if (refname === '*') {
      refname = '';
      node.attributes.auto = '*';
      this.document.noteSymbolFootnoteRef(node);
    } else {
      node.children.push(text(label, labelPosition));
    }
    if (refname) {
      node.attributes.refname = refname;
      this.document.noteFootnoteRef(node);
    }
    return this.emit(start, [node], end);
  }

  private interpretedOrPhrase(roleStart: number, prefixRole: string | undefined, start: number, end: number): number {
    const s = this.s;
    if (prefixRole === undefined && this.isQuoted(start, end)) return this.emit(start, [], end);
    const match = this.findEnd('interpreted', end);
    if (!match || match.at <= end) {
      return this.unterminated('interpreted text or phrase reference', start, end);
    }
    let role = prefixRole;
    let rolePosition: 'prefix' | 'suffix' | '' = prefixRole !== undefined ? 'prefix' : '';
    if (match.role !== undefined) {
      if (prefixRole !== undefined) {
        return this.warnAndProblem(
          'Multiple roles in interpreted text (both prefix and suffix present; only one allowed).',
          roleStart,
          match.end,
        );
      }
      role = match.role;
      rolePosition = 'suffix';
    }
    const escaped = s.slice(end, match.at);
    if (match.refend !== undefined) {
      if (role !== undefined) {
        return this.warnAndProblem(
          `Mismatch: both interpreted text role ${rolePosition} and reference suffix.`,
          roleStart,
          match.end,
        );
      }
      return this.phraseReference(start, end, match, escaped);
    }
    return this.interpreted(roleStart, match, escaped, role ?? '');
  }

  private interpreted(roleStart: number, match: EndMatch, escaped: string, roleName: string): number {
    const rawText = restoreBackslashes(this.s.slice(roleStart, match.end));
    const line = this.line(roleStart);
    const position = this.position(roleStart, match.end);
    const textStart = match.at - escaped.length;
    const lookup = lookupRole(this.document, roleName, line);
    if (!lookup.role) {
      const message = this.document.reporter.error(`Unknown interpreted text role "${roleName}".`, {
        line,
        column: position.start.column,
      });
      const node = problematic(this.document, this.parent, rawText, message, position);
      return this.emit(roleStart, [node], match.end, [...lookup.messages, message]);
    }
    const role = lookup.role;
    const result = role.run({
      name: roleName,
      rawText,
      text: escaped,
      line,
      position,
      textPosition: this.position(textStart, match.at),
      options: { ...(role.options ?? {}) },
      content: role.content ?? [],
      document: this.document,
      parent: this.parent,
      parseInline: (value) => parseNested(this.request, value),
    });
    return this.emit(roleStart, result.nodes, match.end, [...lookup.messages, ...result.messages]);
  }

  private phraseReference(start: number, textStart: number, match: EndMatch, escaped: string): number {
    const anonymous = match.refend === '__';
    const position = this.position(start, match.end);
    const embedded = parseEmbedded(escaped);
    let label = escaped;
    let target: RstElement | undefined;
    let aliasIsName = false;
    let alias = '';
    if (embedded) {
      label = embedded.label || embedded.alias;
      alias = embedded.alias;
      aliasIsName = embedded.isName;
      const targetPosition = this.position(textStart + embedded.start, match.at);
      target = element('target', aliasIsName ? { refname: alias } : { refuri: alias }, [], targetPosition);
    }
    const labelText = unescape(label);
    const refname = normalizeName(labelText);
    const labelEnd = embedded && embedded.label ? textStart + embedded.start : match.at;
    const reference = element(
      'reference',
      { name: whitespaceNormalizeName(labelText) },
      [text(labelText, this.position(textStart, labelEnd))],
      position,
    );
    const nodes: RstNode[] = [reference];
    if (anonymous) {
      if (target && aliasIsName) {
        reference.attributes.refname = alias;
        this.document.noteRefname(reference);
      } else if (target) reference.attributes.refuri = alias;
      else reference.attributes.anonymous = 1;
    } else if (target) {
      target.attributes.names = [refname];
      if (aliasIsName) {
        reference.attributes.refname = alias;
        this.document.noteIndirectTarget(target);
        this.document.noteRefname(reference);
      } else {
        reference.attributes.refuri = alias;
        this.document.noteExplicitTarget(target, this.parent);
      }
      nodes.push(target);
    } else {
      reference.attributes.refname = refname;
      this.document.noteRefname(reference);
    }
    return this.emit(start, nodes, match.end);
  }
}

/** Inline markup inside a role's text (for roles that parse their content). */
function parseNested(request: InlineRequest, value: string): InlineResult {
  const lines = request.lines.length > 0 ? [{ ...request.lines[0]!, text: value }] : [];
  return new Inliner({ ...request, text: value, lines }).parse();
}
