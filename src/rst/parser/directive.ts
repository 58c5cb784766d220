// Directive blocks: split into arguments, options (a field list) and content
// exactly as docutils' parse_directive_block does, run the directive, and turn
// its errors into system messages carrying the directive's text.
//
//     .. name:: argument words      <- arguments (until the first blank line)
//        :option: value             <- options (field list)
//
//        content

import { lookupDirective } from '../directives/registry.js';
import { DirectiveError, type DirectiveCall, type DirectiveDefinition, type ParserState } from '../directives/types.js';
import { describeOptionError } from '../directives/options.js';
import { element, text as textNode, type RstElement, type RstNode } from '../nodes.js';
import { Level } from '../reporter.js';
import type { SourceLine } from '../source-lines.js';
import { linesSpan, literalBlock, type MachineRequest, type MachineResult } from './context.js';
import { pySplit } from './escapes.js';
import type { Construct } from './explicit.js';
import { Block, fromSourceLines, type BlockLine } from './lines.js';
import type { Machine } from './machine.js';
import { patterns } from './patterns.js';

class MarkupError extends Error {}

type Gen<T> = Generator<MachineRequest, T, MachineResult>;

export function* runDirective(
  m: Machine, i: number, line: BlockLine, match: RegExpExecArray, presets: { alt?: string },
): Gen<Construct> {
  const name = match[1]!;
  const lookup = lookupDirective(name);
  const infoNodes: RstNode[] = [];
  if (lookup.info) m.add(m.p.message(Level.INFO, lookup.info, line));
  if (!lookup.definition) return unknownDirective(m, i, line, name, infoNodes);
  const definition = lookup.definition;
  const r = m.indented(i, { firstIndent: match[0].length, stripTop: false });
  const rawLines = m.block.toArray(i, r.last + 1);
  const blockText = rawLines.map((l) => l.text).join('\n');
  const position = linesSpan(line, rawLines[rawLines.length - 1] ?? line);
  const blankFinish = r.blankFinish;
  const nextBlank = () => r.last + 1 >= m.block.end || m.block.isBlank(r.last + 1);
  const errorWithText = (level: Level, message: string): RstElement =>
    m.p.message(level, message, line, [literalBlock(blockText, rawLines)]);
  let parsed: ParsedBlock;
  try {
    parsed = yield* parseDirectiveBlock(m, r.block.toArray(), definition, presets);
  } catch (error) {
    if (!(error instanceof MarkupError)) throw error;
    return { nodes: [errorWithText(Level.ERROR, `Error in "${name}" directive:\n${error.message}.`)], last: r.last, blankFinish };
  }
  const inserted: { lines: BlockLine[]; source: string }[] = [];
  const state = parserState(m, inserted);
  const call: DirectiveCall = {
    name,
    arguments: parsed.arguments,
    options: parsed.options,
    content: parsed.content,
    line: line.line,
    ...(line.source ? { source: line.source } : {}),
    blockText,
    position,
    state,
    error: (level: Level, message: string) => new DirectiveError(level, message),
  };
  let result: RstNode[];
  try {
    result = definition.run(call);
  } catch (error) {
    if (!(error instanceof DirectiveError)) throw error;
    result = [errorWithText(error.level, error.message)];
  }
  for (const node of result) if (!node.position) node.position = position;
  const construct: Construct = { nodes: result, last: r.last, blankFinish: blankFinish || nextBlank() };
  if (inserted.length > 0) {
    // `include`: the inserted lines are parsed where the directive stood.
    m.addAll(construct.nodes);
    construct.nodes = [];
    const at = r.last + 1;
    if (m.block.shift === 0 && at >= m.block.start && at <= m.block.end) {
      // At the left margin (a section's body, the document): splice the lines
      // into the input, as docutils does, so the machine reads them next and
      // a section title in them opens or closes sections as it would here.
      m.block.insert(at, inserted.flatMap((input) => input.lines));
      return construct;
    }
    // Indented (a block quote, a list item): parse them here, in that context.
    for (const input of inserted) {
      const total = input.lines.length;
      const level = m.p.sectionLevel;
      let from = 0;
      let titles = m.matchTitles;
      while (from < total) {
        const r: MachineResult = yield {
          block: new Block(input.lines, from, total), parent: m.parent, state: 'Body', matchTitles: titles,
        };
        if (r.next >= total || !titles) break;
        // A title of an enclosing section level inside the inserted text:
        // it cannot close sections from inside an indented block; the rest
        // of the text stays here, its titles reported as unexpected.
        m.p.sectionLevel = level;
        from = Math.max(r.next, from + 1);
        titles = false;
      }
    }
  }
  return construct;
}

/** What a directive (or a table cell) may ask of the parser while it runs. */
export function parserState(m: Machine, inserted: { lines: BlockLine[]; source: string }[] = []): ParserState {
  return {
    document: m.p.document,
    nestedParse(lines: readonly SourceLine[], into: RstElement, options?: { matchTitles?: boolean }) {
      const blockLines = fromSourceLines(lines);
      m.p.run({ block: new Block(blockLines, 0, blockLines.length), parent: into, state: 'Body', matchTitles: options?.matchTitles ?? false });
    },
    parseInline(text: string, lines: readonly SourceLine[], parent: RstElement) {
      return m.p.parseInline(text, lines, parent);
    },
    insertInput(lines: readonly SourceLine[], source: string) {
      inserted.push({ lines: fromSourceLines(lines), source });
    },
    get sectionLevel() {
      return m.p.sectionLevel;
    },
    get parent() {
      return m.parent;
    },
  };
}

/**
 *     .. name:: …
 *        block          <- the whole explicit block, indentation kept
 */
function unknownDirective(m: Machine, i: number, line: BlockLine, name: string, extra: RstNode[]): Construct {
  const r = m.indented(i, { firstIndent: 0, stripIndent: false });
  const lines = r.block.toArray();
  const value = lines.map((l) => l.text).join('\n');
  const error = m.p.message(Level.ERROR, `Unknown directive type "${name}".`, line, [literalBlock(value, lines)]);
  return { nodes: [...extra, error], last: r.last, blankFinish: r.blankFinish };
}

interface ParsedBlock {
  arguments: string[];
  options: Record<string, unknown>;
  content: BlockLine[];
}

const isBlank = (l: BlockLine) => l.text.trim() === '';

function* parseDirectiveBlock(
  m: Machine, lines: BlockLine[], d: DirectiveDefinition, presets: { alt?: string },
): Gen<ParsedBlock> {
  let indented = lines;
  if (indented.length && isBlank(indented[0]!)) indented = indented.slice(1);
  let e = indented.length;
  while (e > 0 && isBlank(indented[e - 1]!)) e--;
  indented = indented.slice(0, e);
  const takesArguments = (d.requiredArguments ?? 0) > 0 || (d.optionalArguments ?? 0) > 0;
  const optionSpec = d.optionSpec;
  let argBlock: BlockLine[];
  let content: BlockLine[];
  let firstBlank = indented.length;
  if (indented.length && (takesArguments || optionSpec)) {
    firstBlank = indented.findIndex(isBlank);
    if (firstBlank < 0) firstBlank = indented.length;
    argBlock = indented.slice(0, firstBlank);
    content = indented.slice(firstBlank + 1);
  } else {
    content = indented;
    argBlock = [];
  }
  let options: Record<string, unknown> = {};
  if (optionSpec) {
    if (presets.alt !== undefined) options.alt = presets.alt;
    const optionStart = argBlock.findIndex((l) => patterns.fieldMarker.test(l.text));
    if (optionStart >= 0) {
      const optBlock = argBlock.slice(optionStart);
      argBlock = argBlock.slice(0, optionStart);
      const parsed = yield* parseOptions(m, optBlock, optionSpec);
      options = { ...options, ...parsed };
    }
  }
  if (argBlock.length && !takesArguments) {
    content = [...argBlock, ...indented.slice(firstBlank)];
    argBlock = [];
  }
  let s = 0;
  while (s < content.length && isBlank(content[s]!)) s++;
  content = content.slice(s);
  const args = takesArguments ? parseArguments(d, argBlock) : [];
  if (content.length && !d.hasContent) throw new MarkupError('no content permitted');
  return { arguments: args, options, content };
}

function parseArguments(d: DirectiveDefinition, argBlock: BlockLine[]): string[] {
  const required = d.requiredArguments ?? 0;
  const optional = d.optionalArguments ?? 0;
  const argText = argBlock.map((l) => l.text).join('\n');
  let args = pySplit(argText);
  if (args.length < required) throw new MarkupError(`${required} argument(s) required, ${args.length} supplied`);
  if (args.length > required + optional) {
    if (d.finalArgumentWhitespace) args = pySplit(argText, required + optional - 1);
    else throw new MarkupError(`maximum ${required + optional} argument(s) allowed, ${args.length} supplied`);
  }
  return args;
}

/** docutils' parse_extension_options: the option lines as a field list, then converted. */
function* parseOptions(
  m: Machine, optBlock: BlockLine[], spec: Record<string, (value: string | undefined) => unknown>,
): Gen<Record<string, unknown>> {
  const list = element('field_list', {}, []);
  const r: MachineResult = yield {
    block: new Block(optBlock, 0, optBlock.length), parent: list, state: 'ExtensionOptions', matchTitles: false, blankFinish: true,
  };
  void m;
  if (r.next !== optBlock.length) throw new MarkupError('invalid option block');
  const options: Record<string, unknown> = {};
  for (const field of list.children as RstElement[]) {
    const nameNode = field.children[0] as RstElement;
    const bodyNode = field.children[1] as RstElement;
    const rawName = nameNode.children.map((c) => ('value' in c ? c.value : '')).join('');
    if (pySplit(rawName).length !== 1) throw new MarkupError('invalid option data: extension option field name may not contain multiple words');
    const name = rawName.toLowerCase();
    let value: string | undefined;
    if (bodyNode.children.length === 0) value = undefined;
    else {
      const paragraph = bodyNode.children[0] as RstElement;
      if (bodyNode.children.length > 1 || paragraph.type !== 'paragraph' || paragraph.children.length !== 1 || paragraph.children[0]!.type !== 'text') {
        throw new MarkupError(`invalid option data: extension option field body may contain\na single paragraph only (option "${name}")`);
      }
      value = (paragraph.children[0] as { value: string }).value;
    }
    const convert = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (!convert) throw new MarkupError(`unknown option: "${name}"`);
    if (Object.prototype.hasOwnProperty.call(options, name)) throw new MarkupError(`invalid option data: duplicate option "${name}"`);
    try {
      options[name] = convert(value);
    } catch (error) {
      throw new MarkupError(`invalid option value: ${describeOptionError(name, value, error)}`);
    }
  }
  if (!r.blankFinish) throw new MarkupError('option data incompletely parsed');
  return options;
}

export { textNode };
