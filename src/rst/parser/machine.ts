// The block state machine: docutils' Body state and its specialised list
// states (states.py), re-designed as generators. A nested parse is *yielded*
// as a request; ParseContext.run keeps the machines on an explicit stack, so
// 5,000 nested block quotes cost heap, not call stack.
//
// Line indices are absolute indices into the shared line array of a Block;
// a machine returns the index of the first line it did not consume.

import { element, listAttribute, text as textNode, toText, type RstElement, type RstNode } from '../nodes.js';
import { normalizeName } from '../names.js';
import { Level } from '../reporter.js';
import type { SourceLine } from '../source-lines.js';
import { columnWidth } from './column-width.js';
import {
  linesFor, linesSpan, literalBlock,
  type MachineRequest, type MachineResult, type MachineRun, type ParseContext, type StateName,
} from './context.js';
import { FORMATS, makeEnumerator, parseEnumerator, type EnumFormat, type Sequence } from './enumerators.js';
import { Block, getIndented, lineIndex, rstrip, shiftLine, trimEnd, type BlockLine, type IndentOptions } from './lines.js';
import {
  attributionPattern, classifierDelimiter, classify, NON_ALPHANUM_7BIT, patterns, type Transition,
} from './patterns.js';
import { anonymousTarget, explicitConstruct } from './explicit.js';
import { escapeToNull, unescape } from './escapes.js';
import { parseTable } from './tables-bridge.js';

const INITIAL_QUOTE = new RegExp(`^${NON_ALPHANUM_7BIT}`);

/** Which Body transition a specialised (list) state accepts; every other construct ends it. */
const ACCEPTS: Partial<Record<StateName, Transition['name']>> = {
  BulletList: 'bullet',
  EnumeratedList: 'enumerator',
  FieldList: 'fieldMarker',
  ExtensionOptions: 'fieldMarker',
  OptionList: 'optionMarker',
  DefinitionList: 'text',
  LineBlock: 'lineBlock',
  Explicit: 'explicitMarkup',
};

/** Sentinel: the machine ends, next line to look at is `next`. */
class End {
  constructor(readonly next: number) {}
}
type Step = number | End;

export function createMachine(context: ParseContext, request: MachineRequest): MachineRun {
  return new Machine(context, request).run();
}

export class Machine {
  readonly block: Block;
  readonly parent: RstElement;
  readonly state: StateName;
  readonly matchTitles: boolean;
  blankFinish: boolean;
  readonly data: Record<string, unknown>;

  constructor(
    readonly p: ParseContext,
    request: MachineRequest,
  ) {
    this.block = request.block;
    this.parent = request.parent;
    this.state = request.state;
    this.matchTitles = request.matchTitles;
    this.blankFinish = request.blankFinish ?? true;
    this.data = request.data ?? {};
  }

  add(...nodes: (RstNode | undefined | null)[]): void {
    for (const node of nodes) if (node) this.parent.children.push(node);
  }

  /** Append a list of any length (spreading a huge list into push() overflows the stack). */
  addAll(nodes: readonly RstNode[]): void {
    append(this.parent.children, nodes);
  }

  /** Source line for messages about absolute index `i` (past the end: the last line + 1). */
  lineNo(i: number): number {
    const b = this.block;
    if (i < b.end) return b.lines[i]!.line;
    if (b.end > b.start) return b.lines[b.end - 1]!.line + 1;
    if (i > 0 && i - 1 < b.lines.length) return b.lines[i - 1]!.line + 1;
    return b.lines[Math.min(i, b.lines.length - 1)]?.line ?? 1;
  }

  *run(): MachineRun {
    if (this.state === 'QuotedLiteralBlock') return this.quotedLiteralBlock();
    let i = this.block.start;
    const skipsBlank = this.state !== 'LineBlock' && this.state !== 'Explicit' && this.state !== 'SubstitutionDef';
    while (i < this.block.end) {
      if (skipsBlank && this.block.isBlank(i)) {
        i++;
        continue;
      }
      const step: Step = yield* this.step(i);
      if (step instanceof End) return { next: step.next, blankFinish: this.blankFinish };
      i = step;
    }
    return { next: this.block.end, blankFinish: this.blankFinish };
  }

  /** Nested parse of `block` into `node` (docutils' nested_parse). */
  *nested(block: Block, node: RstElement, matchTitles = false): Generator<MachineRequest, MachineResult, MachineResult> {
    return yield { block, parent: node, state: 'Body', matchTitles };
  }

  indented(i: number, options: IndentOptions = {}) {
    return getIndented(this.block, i, options);
  }

  // ---------------------------------------------------------------- dispatch

  *step(i: number): Generator<MachineRequest, Step, MachineResult> {
    const b = this.block;
    const state = this.state;
    if (b.isBlank(i)) {
      if (state === 'LineBlock' || state === 'Explicit') return new End(i);
      return i + 1;
    }
    if (b.indentAt(i) > 0) {
      if (state === 'Body') return yield* this.blockQuote(i);
      return new End(i);
    }
    const line = b.at(i);
    if (state === 'SubstitutionDef') return yield* this.substitutionContent(i, line);
    const transition = classify(line.text);
    const accepted = ACCEPTS[state];
    if (accepted !== undefined) {
      if (transition.name !== accepted && !(state === 'Explicit' && transition.name === 'anonymous')) return new End(i);
    }
    switch (transition.name) {
      case 'bullet': return yield* this.bullet(i, line, transition.match!);
      case 'enumerator': return yield* this.enumerator(i, line, transition.match!);
      case 'fieldMarker': return yield* this.fieldMarker(i, line, transition.match!);
      case 'optionMarker': return yield* this.optionMarker(i, line, transition.match!);
      case 'doctest': return this.doctest(i);
      case 'lineBlock': return yield* this.lineBlock(i, line, transition.match!);
      case 'gridTableTop': return this.table(i, 'grid');
      case 'simpleTableTop': return this.table(i, 'simple');
      case 'explicitMarkup': return yield* this.explicitMarkup(i, line, transition.match!);
      case 'anonymous': return yield* this.anonymous(i, line, transition.match!);
      case 'line': return yield* this.line(i, line);
      default:
        if (state === 'DefinitionList') return yield* this.definitionContinuation(i);
        return yield* this.textState(i);
    }
  }

  // ------------------------------------------------------------ block quote

  *blockQuote(i: number): Generator<MachineRequest, Step, MachineResult> {
    const { block, last, blankFinish } = this.indented(i);
    let rest: Block | null = block;
    while (rest && rest.length > 0) {
      const split = this.splitAttribution(rest);
      const quote = element('block_quote', {}, []);
      const content = trimEnd(split.content);
      quote.position = linesSpan(rest.at(rest.start), content.length ? content.at(content.end - 1) : rest.at(rest.start));
      yield* this.nested(split.content, quote);
      this.add(quote);
      if (split.attribution) {
        const lines = split.attribution;
        const value = rstrip(lines.map((l) => l.text).join('\n'));
        const attribution = element('attribution', {}, [], linesSpan(lines[0]!, lines[lines.length - 1]!));
        const { nodes, messages } = this.p.parseInline(value, linesFor(value, lines), this.parent);
        append(attribution.children, nodes);
        quote.children.push(attribution);
        this.addAll(messages);
      }
      rest = split.rest ?? null;
      if (rest) {
        let s = rest.start;
        while (s < rest.end && rest.isBlank(s)) s++;
        rest = s < rest.end ? rest.sub(s, rest.end) : null;
      }
    }
    if (!blankFinish) this.add(this.unindentWarning('Block quote', last + 1));
    return last + 1;
  }

  /**
   *     quoted text
   *
   *     -- Attribution          <- after a blank line, starts with a dash
   *        continued
   */
  splitAttribution(b: Block): { content: Block; attribution?: BlockLine[]; rest?: Block } {
    // Only lines at the block's own indentation can start an attribution; on
    // large inputs the line index lists them without scanning the block.
    const index = lineIndex(b.lines);
    let candidates: Iterable<number>;
    let firstNonBlank = b.start;
    while (firstNonBlank < b.end && b.isBlank(firstNonBlank)) firstNonBlank++;
    if (index) candidates = index.withIndent(b.shift, Math.max(firstNonBlank + 1, b.start + 1), b.end);
    else candidates = range(firstNonBlank + 1, b.end);
    for (const k of candidates) {
      if (b.isBlank(k) || !b.isBlank(k - 1) || b.indentAt(k) !== 0) continue;
      const match = attributionPattern.exec(b.text(k));
      if (!match) continue;
      const shape = this.checkAttribution(b, k);
      if (shape) {
        const lines = [shiftLine(b.at(k), match[0].length)];
        for (let m = k + 1; m < shape.end; m++) lines.push(shiftLine(b.at(m), shape.indent));
        return { content: b.sub(b.start, k), attribution: lines, rest: b.sub(shape.end, b.end) };
      }
    }
    return { content: b };
  }

  checkAttribution(b: Block, start: number): { end: number; indent: number } | null {
    let indent: number | null = null;
    let k = start + 1;
    for (; k < b.end; k++) {
      if (b.isBlank(k)) break;
      const lineIndent = b.indentAt(k);
      if (indent === null) indent = lineIndent;
      else if (lineIndent !== indent) return null;
    }
    return { end: k, indent: indent ?? 0 };
  }

  unindentWarning(name: string, next: number): RstElement {
    return this.p.message(Level.WARNING, `${name} ends without a blank line; unexpected unindent.`, this.lineNo(next));
  }

  // ------------------------------------------------------------------ lists

  /** A list item's body: the text after the marker and the lines indented under it. */
  *listItem(i: number, line: BlockLine, markerEnd: number): Generator<MachineRequest, { item: RstElement; last: number; blankFinish: boolean }, MachineResult> {
    const r = line.text.length > markerEnd
      ? this.indented(i, { blockIndent: markerEnd })
      : this.indented(i, { firstIndent: markerEnd });
    const item = element('list_item', {}, []);
    const body = trimEnd(r.block);
    item.position = linesSpan(line, body.length ? body.at(body.end - 1) : line);
    if (r.block.length > 0) yield* this.nested(r.block, item);
    return { item, last: r.last, blankFinish: r.blankFinish };
  }

  *bullet(i: number, line: BlockLine, match: RegExpExecArray): Generator<MachineRequest, Step, MachineResult> {
    if (this.state === 'BulletList') {
      if (line.text[0] !== this.parent.attributes.bullet) return new End(i);
      const { item, last, blankFinish } = yield* this.listItem(i, line, match[0].length);
      this.add(item);
      this.blankFinish = blankFinish;
      return last + 1;
    }
    const list = element('bullet_list', { bullet: line.text[0]! }, [], linesSpan(line));
    this.add(list);
    const { item, last, blankFinish } = yield* this.listItem(i, line, match[0].length);
    list.children.push(item);
    const r: MachineResult = yield {
      block: this.block.sub(last + 1, this.block.end), parent: list, state: 'BulletList',
      matchTitles: false, blankFinish,
    };
    this.endList(list);
    if (!r.blankFinish) this.add(this.unindentWarning('Bullet list', r.next));
    return r.next;
  }

  endList(list: RstElement): void {
    const last = list.children[list.children.length - 1];
    if (last?.position && list.position) list.position = { start: list.position.start, end: last.position.end };
  }

  /** docutils' is_enumerated_list_item: the next line must be blank, indented or the next enumerator. */
  isEnumeratedItem(i: number, ordinal: number | null, sequence: Sequence, format: EnumFormat): boolean {
    if (ordinal === null) return false;
    const j = i + 1;
    if (j >= this.block.end) return true;
    if (this.block.isBlank(j) || this.block.indentAt(j) > 0) return true;
    const next = makeEnumerator(ordinal + 1, sequence, format);
    if (!next) return false;
    const text = this.block.text(j);
    return text.startsWith(next[0]) || text.startsWith(next[1]);
  }

  *enumerator(i: number, line: BlockLine, match: RegExpExecArray): Generator<MachineRequest, Step, MachineResult> {
    if (this.state === 'EnumeratedList') {
      const enumtype = this.parent.attributes.enumtype as Sequence;
      const e = parseEnumerator(match, enumtype);
      const d = this.data as { format: EnumFormat; lastOrdinal: number; auto: boolean };
      if (
        e.format !== d.format ||
        (e.sequence !== '#' && (e.sequence !== enumtype || d.auto || e.ordinal !== d.lastOrdinal + 1)) ||
        !this.isEnumeratedItem(i, e.ordinal, e.sequence, e.format)
      ) return new End(i);
      if (e.sequence === '#') d.auto = true;
      const { item, last, blankFinish } = yield* this.listItem(i, line, match[0].length);
      this.add(item);
      this.blankFinish = blankFinish;
      d.lastOrdinal = e.ordinal!;
      return last + 1;
    }
    const e = parseEnumerator(match);
    if (!this.isEnumeratedItem(i, e.ordinal, e.sequence, e.format)) return yield* this.textState(i);
    const { prefix, suffix } = FORMATS[e.format];
    const list = element('enumerated_list', {
      enumtype: e.sequence === '#' ? 'arabic' : e.sequence, prefix, suffix,
    }, [], linesSpan(line));
    this.add(list);
    if (e.ordinal !== 1) {
      list.attributes.start = e.ordinal!;
      this.add(this.p.message(Level.INFO, `Enumerated list start value not ordinal-1: "${e.text}" (ordinal ${e.ordinal})`, line));
    }
    const { item, last, blankFinish } = yield* this.listItem(i, line, match[0].length);
    list.children.push(item);
    const r: MachineResult = yield {
      block: this.block.sub(last + 1, this.block.end), parent: list, state: 'EnumeratedList',
      matchTitles: false, blankFinish,
      data: { format: e.format, lastOrdinal: e.ordinal, auto: e.sequence === '#' },
    };
    this.endList(list);
    if (!r.blankFinish) this.add(this.unindentWarning('Enumerated list', r.next));
    return r.next;
  }

  // ------------------------------------------------------------ field lists

  *field(i: number, line: BlockLine, match: RegExpExecArray): Generator<MachineRequest, { field: RstElement; last: number; blankFinish: boolean }, MachineResult> {
    const marker = match[0];
    const raw = marker.slice(1);
    const name = raw.slice(0, raw.lastIndexOf(':'));
    const r = this.indented(i, { firstIndent: marker.length });
    const field = element('field', {}, []);
    const body = trimEnd(r.block);
    field.position = linesSpan(line, body.length ? body.at(body.end - 1) : line);
    const nameLine = { ...line, text: name, column: line.column + 1, offset: line.offset + 1 };
    const fieldName = element('field_name', {}, [], linesSpan(nameLine));
    const fieldBody = element('field_body', {}, []);
    if (body.length) fieldBody.position = linesSpan(body.at(body.start), body.at(body.end - 1));
    if (this.state === 'ExtensionOptions') {
      fieldName.children.push(textNode(name));
      // Option values are not parsed: one paragraph per run of non-blank lines.
      let run: BlockLine[] = [];
      const flush = () => {
        if (run.length === 0) return;
        const value = run.map((l) => l.text).join('\n');
        fieldBody.children.push(element('paragraph', {}, [textNode(value)], linesSpan(run[0]!, run[run.length - 1]!)));
        run = [];
      };
      for (let k = r.block.start; k < r.block.end; k++) {
        if (r.block.isBlank(k)) flush();
        else run.push(r.block.at(k));
      }
      flush();
    } else {
      const { nodes, messages } = this.p.parseInline(name, [nameLine], this.parent);
      append(fieldName.children, nodes);
      append(fieldBody.children, messages);
      if (r.block.length > 0) yield* this.nested(r.block, fieldBody);
    }
    field.children.push(fieldName, fieldBody);
    return { field, last: r.last, blankFinish: r.blankFinish };
  }

  *fieldMarker(i: number, line: BlockLine, match: RegExpExecArray): Generator<MachineRequest, Step, MachineResult> {
    if (this.state === 'FieldList' || this.state === 'ExtensionOptions') {
      const { field, last, blankFinish } = yield* this.field(i, line, match);
      this.add(field);
      this.blankFinish = blankFinish;
      return last + 1;
    }
    const list = element('field_list', {}, [], linesSpan(line));
    this.add(list);
    const { field, last, blankFinish } = yield* this.field(i, line, match);
    list.children.push(field);
    const r: MachineResult = yield {
      block: this.block.sub(last + 1, this.block.end), parent: list, state: 'FieldList', matchTitles: false, blankFinish,
    };
    this.endList(list);
    if (!r.blankFinish) this.add(this.unindentWarning('Field list', r.next));
    return r.next;
  }

  // ----------------------------------------------------------- option lists

  /** `-a, --all=FILE  description` → option nodes; null when the marker has a wrong number of tokens. */
  parseOptionMarker(marker: string, line: BlockLine): RstElement[] | null {
    const options: RstElement[] = [];
    for (const optionString of rstrip(marker).split(', ')) {
      let tokens = optionString.split(/\s+/).filter(Boolean);
      let delimiter = ' ';
      const first = tokens[0]!;
      const eq = first.indexOf('=');
      if (eq >= 0) {
        tokens = [first.slice(0, eq), first.slice(eq + 1), ...tokens.slice(1)];
        delimiter = '=';
      } else if (first.length > 2 && ((first.startsWith('-') && !first.startsWith('--')) || first.startsWith('+'))) {
        tokens = [first.slice(0, 2), first.slice(2), ...tokens.slice(1)];
        delimiter = '';
      }
      if (tokens.length > 1 && tokens[1]!.startsWith('<') && tokens[tokens.length - 1]!.endsWith('>')) {
        tokens = [tokens[0]!, tokens.slice(1).join(' ')];
      }
      if (tokens.length < 1 || tokens.length > 2) return null;
      const option = element('option', {}, [element('option_string', {}, [textNode(tokens[0]!)], linesSpan(line))], linesSpan(line));
      if (tokens.length > 1) option.children.push(element('option_argument', { delimiter }, [textNode(tokens[1]!)], linesSpan(line)));
      options.push(option);
    }
    return options;
  }

  *optionListItem(i: number, line: BlockLine, match: RegExpExecArray): Generator<MachineRequest, { item: RstElement; last: number; blankFinish: boolean } | 'text' | 'invalid', MachineResult> {
    const options = this.parseOptionMarker(match[0], line);
    if (!options) return 'invalid';
    const r = this.indented(i, { firstIndent: match[0].length });
    if (r.block.length === 0) return 'text';
    const body = trimEnd(r.block);
    const group = element('option_group', {}, options, linesSpan(line));
    const description = element('description', {}, [], linesSpan(body.at(body.start), body.at(body.end - 1)));
    const item = element('option_list_item', {}, [group, description], linesSpan(line, body.at(body.end - 1)));
    yield* this.nested(r.block, description);
    return { item, last: r.last, blankFinish: r.blankFinish };
  }

  *optionMarker(i: number, line: BlockLine, match: RegExpExecArray): Generator<MachineRequest, Step, MachineResult> {
    const result = yield* this.optionListItem(i, line, match);
    if (this.state === 'OptionList') {
      if (typeof result === 'string') return new End(i);
      this.add(result.item);
      this.blankFinish = result.blankFinish;
      return result.last + 1;
    }
    if (result === 'text') return yield* this.textState(i);
    if (result === 'invalid') {
      // docutils: cannot happen (the pattern already refused such markers); keep the text.
      return yield* this.textState(i);
    }
    const list = element('option_list', {}, [result.item], linesSpan(line));
    this.add(list);
    const r: MachineResult = yield {
      block: this.block.sub(result.last + 1, this.block.end), parent: list, state: 'OptionList', matchTitles: false,
      blankFinish: result.blankFinish,
    };
    this.endList(list);
    if (!r.blankFinish) this.add(this.unindentWarning('Option list', r.next));
    return r.next;
  }

  // ------------------------------------------------------ doctest, line block

  /** Lines from `i` up to the first blank line; `flushLeft` stops at an indented line. */
  textBlock(i: number, flushLeft: boolean): { end: number; indentedAt: number | null } {
    let k = i;
    while (k < this.block.end && !this.block.isBlank(k)) {
      if (flushLeft && this.block.indentAt(k) > 0) return { end: k, indentedAt: k };
      k++;
    }
    return { end: k, indentedAt: null };
  }

  doctest(i: number): Step {
    const { end } = this.textBlock(i, false);
    const lines = this.block.toArray(i, end);
    const value = lines.map((l) => l.text).join('\n');
    this.add(element('doctest_block', { 'xml:space': 'preserve' }, [textNode(value)], linesSpan(lines[0]!, lines[lines.length - 1]!)));
    return end;
  }

  lineBlockLine(i: number, line: BlockLine, match: RegExpExecArray): { node: RstElement; messages: RstElement[]; last: number; blankFinish: boolean } {
    const r = this.indented(i, { firstIndent: match[0].length, untilBlank: true });
    const lines = r.block.toArray();
    const value = lines.map((l) => l.text).join('\n');
    const node = element('line', {}, [], linesSpan(line, lines.length ? lines[lines.length - 1]! : line));
    const { nodes, messages } = this.p.parseInline(value, lines, this.parent);
    append(node.children, nodes);
    node.data = { indent: rstrip(line.text) !== '|' ? match[1]!.length - 1 : null };
    return { node, messages, last: r.last, blankFinish: r.blankFinish };
  }

  *lineBlock(i: number, line: BlockLine, match: RegExpExecArray): Generator<MachineRequest, Step, MachineResult> {
    const { node, messages, last, blankFinish } = this.lineBlockLine(i, line, match);
    if (this.state === 'LineBlock') {
      this.add(node);
      const outer = this.data.outer as RstElement;
      append(outer.children, messages);
      this.blankFinish = blankFinish;
      return last + 1;
    }
    const block = element('line_block', {}, [node], linesSpan(line));
    this.add(block);
    this.addAll(messages);
    let next = last + 1;
    let finish = blankFinish;
    if (!finish) {
      const r: MachineResult = yield {
        block: this.block.sub(next, this.block.end), parent: block, state: 'LineBlock', matchTitles: false,
        blankFinish: false, data: { outer: this.parent },
      };
      next = r.next;
      finish = r.blankFinish;
    }
    if (!finish) this.add(this.p.message(Level.WARNING, 'Line block ends without a blank line.', line.line + 1));
    this.endList(block);
    nestLineBlock(block);
    return next;
  }

  // ------------------------------------------------------------------ tables

  table(i: number, kind: 'grid' | 'simple'): Step {
    const result = parseTable(this, i, kind);
    this.addAll(result.nodes);
    return result.next;
  }

  // --------------------------------------------------------- explicit markup

  *explicitMarkup(i: number, line: BlockLine, match: RegExpExecArray): Generator<MachineRequest, Step, MachineResult> {
    const r = yield* explicitConstruct(this, i, line, match);
    this.addAll(r.nodes);
    if (this.state === 'Explicit') {
      this.blankFinish = r.blankFinish;
      return r.last + 1;
    }
    return yield* this.explicitList(r.last + 1, r.blankFinish);
  }

  *anonymous(i: number, line: BlockLine, match: RegExpExecArray): Generator<MachineRequest, Step, MachineResult> {
    const r = anonymousTarget(this, i, line, match);
    this.addAll(r.nodes);
    if (this.state === 'Explicit') {
      this.blankFinish = r.blankFinish;
      return r.last + 1;
    }
    return yield* this.explicitList(r.last + 1, r.blankFinish);
  }

  *explicitList(next: number, blankFinish: boolean): Generator<MachineRequest, Step, MachineResult> {
    const r: MachineResult = yield {
      block: this.block.sub(next, this.block.end), parent: this.parent, state: 'Explicit',
      matchTitles: this.matchTitles, blankFinish,
    };
    if (!r.blankFinish) this.add(this.unindentWarning('Explicit markup', r.next));
    return r.next;
  }

  // ------------------------------------------------- substitution contents

  /** Inside a substitution definition: an embedded directive, or text. */
  *substitutionContent(i: number, line: BlockLine): Generator<MachineRequest, Step, MachineResult> {
    const match = EMBEDDED_DIRECTIVE.exec(line.text);
    const atEof = i >= this.block.end - 1;
    if (match) {
      const r = yield* explicitConstruct(this, i, line, match, { alt: this.data.alt as string, embedded: true });
      this.addAll(r.nodes);
      if (!atEof) this.blankFinish = r.blankFinish;
      return new End(r.last + 1);
    }
    if (!atEof) this.blankFinish = this.block.isBlank(i + 1);
    return new End(i);
  }

  // ------------------------------------------------------ lines & sections

  /** A line of punctuation: transition, section overline, or (in body context) an error. */
  *line(i: number, line: BlockLine): Generator<MachineRequest, Step, MachineResult> {
    const marker = line.text.trim();
    if (!this.matchTitles) {
      if (marker === '::') return yield* this.textState(i);
      if (marker.length < 4) {
        this.add(this.p.message(Level.INFO, "Unexpected possible title overline or transition.\nTreating it as ordinary text because it's so short.", line));
        return yield* this.textState(i);
      }
      this.add(this.p.message(Level.SEVERE, 'Unexpected section title or transition.', line, [literalBlock(line.text, [line])]));
      return i + 1;
    }
    const b = this.block;
    const j = i + 1;
    const transition = () => element('transition', {}, [], linesSpan(line));
    if (j >= b.end || b.isBlank(j)) {
      // ----------   <- a transition (a line of 4 or more punctuation characters)
      if (marker.length < 4) return yield* this.textState(i);
      this.add(transition());
      return j >= b.end ? j : j + 1;
    }
    const overline = line.text;
    const second = b.at(j);
    if (b.indentAt(j) === 0 && patterns.line.test(second.text)) {
      // -----
      // -----   <- two adornment lines: neither title nor transition
      const blocktext = overline + '\n' + second.text;
      if (overline.length < 4) {
        this.add(this.p.message(Level.INFO, "Possible incomplete section title.\nTreating the overline as ordinary text because it's so short.", line));
        return yield* this.textState(i);
      }
      this.add(this.p.message(Level.ERROR, 'Invalid section title or transition marker.', line, [literalBlock(blocktext, [line, second])]));
      return j + 1;
    }
    // =======
    //  Title     <- overline, title, underline
    // =======
    const shortOverline = () => {
      this.add(this.p.message(Level.INFO, "Possible incomplete section title.\nTreating the overline as ordinary text because it's so short.", line));
    };
    const k = j + 1;
    const title = second.text;
    if (k >= b.end) {
      if (overline.length < 4) {
        shortOverline();
        return yield* this.textState(i);
      }
      this.add(this.p.message(Level.SEVERE, 'Incomplete section title.', line, [literalBlock(overline + '\n' + title, [line, second])]));
      return k;
    }
    const third = b.at(k);
    const underline = third.text;
    const source = `${overline}\n${title}\n${underline}`;
    const sourceLines = [line, second, third];
    if (!patterns.line.test(underline)) {
      if (overline.length < 4) {
        shortOverline();
        return yield* this.textState(i);
      }
      this.add(this.p.message(Level.SEVERE, 'Missing matching underline for section title overline.', line, [literalBlock(source, sourceLines)]));
      return k + 1;
    }
    if (overline !== underline) {
      if (overline.length < 4) {
        shortOverline();
        return yield* this.textState(i);
      }
      this.add(this.p.message(Level.SEVERE, 'Title overline & underline mismatch.', line, [literalBlock(source, sourceLines)]));
      return k + 1;
    }
    const messages: RstElement[] = [];
    if (columnWidth(title) > overline.length) {
      if (overline.length < 4) {
        shortOverline();
        return yield* this.textState(i);
      }
      messages.push(this.p.message(Level.WARNING, 'Title overline too short.', line, [literalBlock(source, sourceLines)]));
    }
    const lead = second.indent;
    const titleLine = shiftLine(second, lead);
    return yield* this.section(titleLine, overline[0]! + underline[0]!, source, sourceLines, messages, i, k + 1, second.line);
  }

  /**
   * docutils' check_subsection + new_subsection. Returns the next line, or
   * End when the title belongs to an enclosing section (the machines unwind to
   * the level that owns it).
   */
  *section(
    titleLine: BlockLine, style: string, source: string, sourceLines: BlockLine[], messages: RstElement[],
    start: number, after: number, lineno: number,
  ): Generator<MachineRequest, Step, MachineResult> {
    const p = this.p;
    const styles = p.titleStyles;
    const mylevel = p.sectionLevel;
    const index = styles.indexOf(style);
    if (index < 0) {
      if (styles.length !== mylevel) {
        this.addAll(messages);
        this.add(p.message(Level.SEVERE, 'Title level inconsistent:', lineno, [literalBlock(source, sourceLines)]));
        return after;
      }
      styles.push(style);
    } else {
      const level = index + 1;
      if (level <= mylevel) {
        p.sectionLevel = level;
        return new End(start);
      }
      if (level !== mylevel + 1) {
        this.addAll(messages);
        this.add(p.message(Level.SEVERE, 'Title level inconsistent:', lineno, [literalBlock(source, sourceLines)]));
        return after;
      }
    }
    p.sectionLevel = mylevel + 1;
    const section = element('section', {}, [], linesSpan(sourceLines[0]!));
    this.add(section);
    const title = element('title', {}, [], linesSpan(titleLine));
    const { nodes, messages: titleMessages } = p.parseInline(titleLine.text, [titleLine], this.parent);
    append(title.children, nodes);
    listAttribute(section, 'names').push(normalizeName(toText(title)));
    // docutils reports name clashes of a section at its underline.
    section.data = { messageLine: sourceLines[sourceLines.length - 1]!.line };
    section.children.push(title);
    append(section.children, messages);
    append(section.children, titleMessages);
    p.document.noteImplicitTarget(section, section);
    const r: MachineResult = yield {
      block: this.block.sub(after, this.block.end), parent: section, state: 'Body', matchTitles: true,
    };
    const lastChild = section.children[section.children.length - 1];
    if (lastChild?.position && section.position) section.position = { start: section.position.start, end: lastChild.position.end };
    if (p.sectionLevel <= mylevel) return new End(r.next);
    p.sectionLevel = mylevel;
    return r.next;
  }

  // ----------------------------------------------------------- text state

  /**
   * docutils' Text state: line `i` is text; the next line decides.
   *
   *     Title        text         term         text
   *     =====        more text      definition <blank>
   */
  *textState(i: number): Generator<MachineRequest, Step, MachineResult> {
    const b = this.block;
    const j = i + 1;
    if (j >= b.end || b.isBlank(j)) {
      const literalNext = this.paragraph([b.at(i)]);
      if (literalNext) return yield* this.literalBlock(j);
      return j >= b.end ? j : j + 1;
    }
    if (b.indentAt(j) > 0) return yield* this.definitionList(i);
    const second = b.at(j);
    if (patterns.line.test(second.text)) {
      const r = yield* this.underline(i, j, second);
      if (r !== null) return r;
    }
    return yield* this.paragraphFrom(i, j);
  }

  /** Text state, "text" transition: a paragraph of lines `i`, `j`, … up to a blank line. */
  *paragraphFrom(i: number, j: number): Generator<MachineRequest, Step, MachineResult> {
    const b = this.block;
    const { end, indentedAt } = this.textBlock(j, true);
    const lines = [b.at(i), ...b.toArray(j, end)];
    const literalNext = this.paragraph(lines);
    if (indentedAt !== null) this.add(this.p.message(Level.ERROR, 'Unexpected indentation.', b.at(indentedAt)));
    if (literalNext) return yield* this.literalBlock(end);
    return end;
  }

  /** Title underline after text line `i`: a section, a message, or null for "just a paragraph". */
  *underline(i: number, j: number, second: BlockLine): Generator<MachineRequest, Step | null, MachineResult> {
    const first = this.block.at(i);
    const title = first.text;
    const underline = second.text;
    const messages: RstElement[] = [];
    const blocktext = title + '\n' + underline;
    if (columnWidth(title) > underline.length) {
      if (underline.length < 4) {
        if (this.matchTitles) {
          this.add(this.p.message(Level.INFO, "Possible title underline, too short for the title.\nTreating it as ordinary text because it's so short.", second));
        }
        return null;
      }
      messages.push(this.p.message(Level.WARNING, 'Title underline too short.', second, [literalBlock(blocktext, [first, second])]));
    }
    if (!this.matchTitles) {
      this.addAll(messages);
      this.add(this.p.message(Level.SEVERE, 'Unexpected section title.', second, [literalBlock(blocktext, [first, second])]));
      return j + 1;
    }
    return yield* this.section(first, underline[0]!, blocktext, [first, second], messages, i, j + 1, first.line);
  }

  /** Build a paragraph from `lines`; true when it ends with `::` (a literal block follows). */
  paragraph(lines: BlockLine[]): boolean {
    const data = rstrip(lines.map((l) => l.text).join('\n'));
    let value = data;
    let literalNext = false;
    if (/(?<!\\)(\\\\)*::$/.test(data)) {
      literalNext = true;
      if (data.length === 2) return true;
      if (data[data.length - 3] === ' ' || data[data.length - 3] === '\n') value = rstrip(data.slice(0, -3));
      else value = data.slice(0, -1);
    }
    const used = linesFor(value, lines);
    const node = element('paragraph', {}, [], linesSpan(lines[0]!, lines[lines.length - 1]!));
    const { nodes, messages } = this.p.parseInline(value, used, this.parent);
    append(node.children, nodes);
    this.add(node);
    this.addAll(messages);
    return literalNext;
  }

  /** After a `::` paragraph: an indented (or quoted) literal block starting at or after `c`. */
  *literalBlock(c: number): Generator<MachineRequest, Step, MachineResult> {
    const r = this.indented(c);
    const body = trimEnd(r.block);
    if (body.length === 0) {
      const q: MachineResult = yield {
        block: this.block.sub(Math.min(r.last, this.block.end), this.block.end), parent: this.parent,
        state: 'QuotedLiteralBlock', matchTitles: false,
      };
      return q.next;
    }
    const lines = body.toArray();
    this.add(literalBlock(lines.map((l) => l.text).join('\n'), lines, this.p.document.settings.sourceName));
    if (!r.blankFinish) this.add(this.unindentWarning('Literal block', r.last + 1));
    return r.last + 1;
  }

  /**
   *     "  quoted literal       <- every line starts with the same punctuation
   *     "  block
   */
  quotedLiteralBlock(): MachineResult {
    const b = this.block;
    const context: BlockLine[] = [];
    const messages: RstElement[] = [];
    let quote = '';
    let k = b.start;
    let next: number | null = null;
    for (; k < b.end; k++) {
      if (b.isBlank(k)) {
        if (context.length) {
          next = k + 1;
          break;
        }
        continue;
      }
      if (b.indentAt(k) > 0) {
        messages.push(this.p.message(Level.ERROR, 'Unexpected indentation.', b.at(k)));
        next = k;
        break;
      }
      const line = b.at(k);
      if (context.length === 0) {
        if (INITIAL_QUOTE.test(line.text)) {
          quote = line.text[0]!;
          context.push(line);
          continue;
        }
        next = k;
        break;
      }
      if (line.text.startsWith(quote)) {
        context.push(line);
        continue;
      }
      messages.push(this.p.message(Level.ERROR, 'Inconsistent literal block quoting.', line));
      next = k;
      break;
    }
    if (next === null) next = b.end;
    if (context.length) {
      this.add(literalBlock(context.map((l) => l.text).join('\n'), context, this.p.document.settings.sourceName));
    } else {
      this.add(this.p.message(Level.WARNING, 'Literal block expected; none found.', this.lineNo(next)));
    }
    this.addAll(messages);
    return { next, blankFinish: true };
  }

  // -------------------------------------------------------- definition lists

  *definitionList(i: number): Generator<MachineRequest, Step, MachineResult> {
    const list = element('definition_list', {}, [], linesSpan(this.block.at(i)));
    this.add(list);
    const { item, last, blankFinish } = yield* this.definitionListItem(i);
    list.children.push(item);
    const r: MachineResult = yield {
      block: this.block.sub(last + 1, this.block.end), parent: list, state: 'DefinitionList', matchTitles: false, blankFinish,
    };
    this.endList(list);
    if (!r.blankFinish) this.add(this.unindentWarning('Definition list', r.next));
    return r.next;
  }

  /** DefinitionList state, "text" transition: another item only if the next line is indented. */
  *definitionContinuation(i: number): Generator<MachineRequest, Step, MachineResult> {
    const j = i + 1;
    if (j >= this.block.end || this.block.isBlank(j) || this.block.indentAt(j) === 0) return new End(i);
    const { item, last, blankFinish } = yield* this.definitionListItem(i);
    this.add(item);
    this.blankFinish = blankFinish;
    return last + 1;
  }

  *definitionListItem(i: number): Generator<MachineRequest, { item: RstElement; last: number; blankFinish: boolean }, MachineResult> {
    const termLine = this.block.at(i);
    const r = this.indented(i + 1);
    const body = trimEnd(r.block);
    const item = element('definition_list_item', {}, [], linesSpan(termLine, body.length ? body.at(body.end - 1) : termLine));
    const { nodes, messages } = this.term(termLine);
    append(item.children, nodes);
    const definition = element('definition', {}, [...messages]);
    if (body.length) definition.position = linesSpan(body.at(body.start), body.at(body.end - 1));
    item.children.push(definition);
    if (termLine.text.endsWith('::')) {
      definition.children.push(this.p.message(Level.INFO, 'Blank line missing before literal block (after the "::")? Interpreted as a definition list item.', this.lineNo(r.last)));
    }
    yield* this.nested(r.block, definition);
    return { item, last: r.last, blankFinish: r.blankFinish };
  }

  /** `term : classifier : classifier` → term and classifier nodes. */
  term(line: BlockLine): { nodes: RstElement[]; messages: RstElement[] } {
    const term = element('term', {}, [], linesSpan(line));
    const { nodes, messages } = this.p.parseInline(line.text, [line], this.parent);
    const out: RstElement[] = [term];
    for (const node of nodes) {
      if (node.type === 'text' && 'value' in node) {
        // docutils splits the still-escaped text: `Term \: x` has no delimiter.
        const parts = escapedParts(node.value, node.position, line);
        if (parts.length === 1) {
          out[out.length - 1]!.children.push(node);
        } else {
          const head = rstrip(unescape(parts[0]!));
          if (head) out[out.length - 1]!.children.push(textNode(head, node.position));
          for (const part of parts.slice(1)) {
            const value = unescape(part);
            out.push(element('classifier', {}, value ? [textNode(value)] : [], linesSpan(line)));
          }
        }
      } else out[out.length - 1]!.children.push(node);
    }
    return { nodes: out, messages };
  }
}

/**
 * Split a term's text node on ` : ` as docutils does, on the NUL-escaped
 * source text when the node's position lets us recover it.
 */
function escapedParts(value: string, position: RstNode['position'], line: BlockLine): string[] {
  if (position && position.start.line === line.line && position.end.line === line.line) {
    const from = position.start.offset - line.offset;
    const to = position.end.offset - line.offset;
    if (from >= 0 && to <= line.text.length && from <= to) {
      const escaped = escapeToNull(line.text.slice(from, to));
      if (unescape(escaped) === value) return escaped.split(classifierDelimiter);
    }
  }
  return value.split(classifierDelimiter);
}

export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function* range(from: number, to: number): Generator<number> {
  for (let k = from; k < to; k++) yield k;
}

const EMBEDDED_DIRECTIVE = /^((?:(?!_)[\p{L}\p{N}\p{M}_])+(?:[-._+:](?:(?!_)[\p{L}\p{N}\p{M}_])+)*)::( +|$)/u;

/** docutils' nest_line_block_lines: deeper-indented lines become nested line blocks. */
function nestLineBlock(block: RstElement): void {
  const lines = block.children as RstElement[];
  if (lines.length === 0) return;
  const indentOf = (n: RstElement) => (n.data?.indent as number | null | undefined) ?? null;
  if (indentOf(lines[0]!) === null) lines[0]!.data = { ...lines[0]!.data, indent: 0 };
  for (let k = 1; k < lines.length; k++) {
    if (indentOf(lines[k]!) === null) lines[k]!.data = { ...lines[k]!.data, indent: indentOf(lines[k - 1]!) };
  }
  // Iterative segment nesting: a work list instead of recursion.
  const work: RstElement[] = [block];
  while (work.length) {
    const current = work.pop()!;
    const items = current.children as RstElement[];
    let least = Infinity;
    for (const n of items) if (n.type === 'line') least = Math.min(least, indentOf(n) ?? 0);
    const out: RstNode[] = [];
    let nested: RstElement | null = null;
    for (const item of items) {
      if (item.type === 'line' && (indentOf(item) ?? 0) > least) {
        if (!nested) {
          nested = element('line_block', {}, [], item.position);
          nested.data = { indent: least };
        }
        nested.children.push(item);
        if (item.position && nested.position) nested.position = { start: nested.position.start, end: item.position.end };
      } else {
        if (nested) {
          out.push(nested);
          work.push(nested);
          nested = null;
        }
        out.push(item);
      }
    }
    if (nested) {
      out.push(nested);
      work.push(nested);
    }
    current.children = out;
  }
}

export type { SourceLine };
