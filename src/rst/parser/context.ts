// What every state machine of one parse shares (docutils' `memo`): the
// document, the section title styles seen so far, the current section level,
// the inline parser. Also the driver that runs nested state machines from an
// explicit stack, so nesting depth never grows the JavaScript call stack.

import type { Document } from '../document.js';
import type { InlineParse } from '../inline/types.js';
import { element, type Position, type RstElement, type RstNode } from '../nodes.js';
import type { Level } from '../reporter.js';
import type { SourceLine } from '../source-lines.js';
import { pointAt } from '../source-lines.js';
import type { Block, BlockLine } from './lines.js';

export type StateName =
  | 'Body'
  | 'BulletList'
  | 'EnumeratedList'
  | 'FieldList'
  | 'OptionList'
  | 'DefinitionList'
  | 'LineBlock'
  | 'Explicit'
  | 'ExtensionOptions'
  | 'SubstitutionDef'
  | 'QuotedLiteralBlock';

/** A request, yielded by a running machine, to run a nested machine. */
export interface MachineRequest {
  block: Block;
  parent: RstElement;
  state: StateName;
  matchTitles: boolean;
  /** Initial blank-finish flag of a list machine (docutils nested_list_parse). */
  blankFinish?: boolean;
  /** State data for list machines (enumerated list format, last ordinal …). */
  data?: Record<string, unknown>;
}

export interface MachineResult {
  /** Absolute index of the first line the machine did not consume. */
  next: number;
  blankFinish: boolean;
}

export type MachineRun = Generator<MachineRequest, MachineResult, MachineResult>;
export type MachineFactory = (context: ParseContext, request: MachineRequest) => MachineRun;

export class ParseContext {
  titleStyles: string[] = [];
  sectionLevel = 0;

  constructor(
    readonly document: Document,
    readonly inline: InlineParse,
    private readonly factory: MachineFactory,
  ) {}

  get reporter() {
    return this.document.reporter;
  }

  /** Run a machine and every machine it asks for, without recursion. */
  run(request: MachineRequest): MachineResult {
    const stack: MachineRun[] = [this.factory(this, request)];
    let input: MachineResult | undefined;
    for (;;) {
      const top = stack[stack.length - 1]!;
      const step = input === undefined ? top.next(undefined as unknown as MachineResult) : top.next(input);
      if (step.done) {
        stack.pop();
        input = step.value;
        if (stack.length === 0) return step.value;
      } else {
        stack.push(this.factory(this, step.value));
        input = undefined;
      }
    }
  }

  parseInline(text: string, lines: readonly SourceLine[], parent: RstElement): { nodes: RstNode[]; messages: RstElement[] } {
    if (text === '') return { nodes: [], messages: [] };
    return this.inline({ text, lines, document: this.document, parent });
  }

  message(level: Level, text: string, line: SourceLine | number | undefined, children: RstNode[] = []): RstElement {
    const lineNumber = typeof line === 'number' ? line : line?.line;
    const column = typeof line === 'object' ? line.column : undefined;
    return this.reporter.systemMessage(level, text, { line: lineNumber, column, children, source: typeof line === 'object' ? line.source : undefined });
  }
}

/** Position spanning whole lines. */
export function linesSpan(first: SourceLine, last: SourceLine = first): Position {
  return { start: pointAt(first, 0), end: pointAt(last, last.text.length) };
}

/**
 * A literal_block holding `value`, positioned on `lines`. With `documentSource`,
 * a block read from another file (an included one) says which in `data.source`:
 * its position's lines are that file's.
 */
export function literalBlock(value: string, lines: readonly BlockLine[] | readonly SourceLine[], documentSource?: string): RstElement {
  const node = element('literal_block', { 'xml:space': 'preserve' }, value ? [{ type: 'text', value }] : []);
  if (lines.length > 0) node.position = linesSpan(lines[0]!, lines[lines.length - 1]!);
  const source = lines[0]?.source;
  if (documentSource !== undefined && source !== undefined && source !== documentSource) node.data = { source };
  return node;
}

/**
 * Cut `lines` so that their texts joined by `\n` equal `text` (a prefix of the
 * full join): the inline parser gets exactly the lines it parses.
 */
export function linesFor(text: string, lines: readonly SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  let rest = text.length;
  for (const line of lines) {
    if (rest < 0) break;
    if (line.text.length <= rest) out.push(line);
    else out.push({ ...line, text: line.text.slice(0, rest) });
    rest -= line.text.length + 1;
  }
  return out;
}
