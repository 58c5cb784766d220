// Body-element directives, as docutils 0.19: topic and sidebar (titled
// pseudo-sections), line-block, parsed-literal, code (code-block,
// sourcecode), math, rubric, the block-quote family (epigraph, highlights,
// pull-quote), compound and container.

import { element, listAttribute, text, type Position, type RstElement, type RstNode } from '../nodes.js';
import { Level } from '../reporter.js';
import type { SourceLine } from '../source-lines.js';
import { linesPosition, pointInJoined, trimStart } from '../source-lines.js';
import { addName, argumentLines, assertHasContent, classesOf, contentText, inlineTitle } from './helpers.js';
import { codeTokens, type CodeToken } from './code-tokens.js';
import { numberLinesStart } from './number-lines.js';
import { plainLine } from '../tables/table-line.js';
import { classOption, unchanged, unchangedRequired } from './options.js';
import type { DirectiveCall, DirectiveDefinition, ParserState } from './types.js';

const classAndName = { class: classOption, name: unchanged };

function contentPosition(call: DirectiveCall): Position {
  const first = call.content[0];
  const last = call.content[call.content.length - 1];
  return first && last ? linesPosition(first, last) : call.position;
}

function withClasses(node: RstElement, classes: readonly string[]): RstElement {
  if (classes.length) listAttribute(node, 'classes').push(...classes);
  return node;
}

/**
 * Whether section-like constructs may appear here (docutils' match_titles):
 * at document or section level. Uses the parser's own flag when it offers one.
 */
function titlesAllowed(state: ParserState): boolean {
  const flag = (state as { matchTitles?: unknown }).matchTitles;
  if (typeof flag === 'boolean') return flag;
  return state.parent.type === 'document' || state.parent.type === 'section';
}

/** Inline markup of one directive text (an argument or an option) with lines found in the block. */
function inlineOf(call: DirectiveCall, value: string, into: RstElement): RstElement[] {
  const { nodes, messages } = call.state.parseInline(value, argumentLines(call, value), into);
  into.children.push(...nodes);
  return messages;
}

// ------------------------------------------------------------ topic, sidebar

function pseudoSection(call: DirectiveCall, nodeType: 'topic' | 'sidebar'): RstNode[] {
  if (!(titlesAllowed(call.state) || call.state.parent.type === 'sidebar')) {
    throw call.error(Level.ERROR, `The "${call.name}" directive may not be used within topics or body elements.`);
  }
  assertHasContent(call);
  const heads: RstElement[] = [];
  const messages: RstElement[] = [];
  const titleText = call.arguments[0];
  if (titleText !== undefined) {
    const { title, messages: titleMessages } = inlineTitle(call, titleText);
    heads.push(title);
    messages.push(...titleMessages);
    if (typeof call.options.subtitle === 'string') {
      const subtitle = element('subtitle', {}, [], call.position);
      messages.push(...inlineOf(call, call.options.subtitle, subtitle));
      heads.push(subtitle);
    }
  }
  const node = withClasses(element(nodeType, {}, [...heads, ...messages], call.position), classesOf(call));
  addName(call, node);
  if (contentText(call)) call.state.nestedParse(call.content, node);
  return [node];
}

function runSidebar(call: DirectiveCall): RstNode[] {
  if (call.state.parent.type === 'sidebar') {
    throw call.error(Level.ERROR, `The "${call.name}" directive may not be used within a sidebar element.`);
  }
  if ('subtitle' in call.options && call.arguments.length === 0) {
    throw call.error(Level.ERROR, 'The "subtitle" option may not be used without a title.');
  }
  return pseudoSection(call, 'sidebar');
}

// ---------------------------------------------------------------- line-block

/**
 * docutils' nest_line_block_lines: a line indented deeper than the lines
 * around it goes into a nested line_block. Iterative (a work list), so deep
 * indentation cannot overflow the stack.
 */
function nestLines(block: RstElement, indents: Map<RstElement, number>): void {
  const work: RstElement[] = [block];
  while (work.length > 0) {
    const current = work.pop()!;
    const items = current.children as RstElement[];
    const least = Math.min(...items.map((item) => indents.get(item) ?? 0));
    const out: RstElement[] = [];
    let nested: RstElement | undefined;
    for (const item of items) {
      if ((indents.get(item) ?? 0) > least) {
        if (!nested) {
          nested = element('line_block', {}, [], item.position);
          out.push(nested);
          work.push(nested);
        }
        nested.children.push(item);
        if (nested.position && item.position) nested.position = { start: nested.position.start, end: item.position.end };
      } else {
        nested = undefined;
        out.push(item);
      }
    }
    current.children = out;
  }
}

function runLineBlock(call: DirectiveCall): RstNode[] {
  assertHasContent(call);
  const block = withClasses(element('line_block', {}, [], contentPosition(call)), classesOf(call));
  addName(call, block);
  const messages: RstElement[] = [];
  const indents = new Map<RstElement, number>();
  let previousIndent = 0;
  for (const source of call.content) {
    const lead = source.text.length - source.text.trimStart().length;
    const stripped: SourceLine = { ...trimStart(plainLine(source), lead), text: source.text.trim() };
    const line = element('line', {}, [], linesPosition(stripped));
    if (stripped.text) {
      const result = call.state.parseInline(stripped.text, [stripped], line);
      line.children.push(...result.nodes);
      messages.push(...result.messages);
      previousIndent = lead;
    }
    // A blank line keeps the indentation of the line before it.
    indents.set(line, previousIndent);
    block.children.push(line);
  }
  nestLines(block, indents);
  return [block, ...messages];
}

// ------------------------------------------------------------ parsed-literal

function runParsedLiteral(call: DirectiveCall): RstNode[] {
  assertHasContent(call);
  const value = contentText(call);
  const node = withClasses(
    element('literal_block', { 'xml:space': 'preserve' }, [], contentPosition(call)),
    classesOf(call),
  );
  const { nodes, messages } = call.state.parseInline(value, call.content, node);
  node.children.push(...nodes);
  addName(call, node);
  return [node, ...messages];
}

// ---------------------------------------------------------------------- code

/**
 * docutils' NumberLines: an `ln` token before every line; a token spanning
 * lines is split at each newline (an empty remainder stays, as docutils keeps it).
 */
function numberTokens(tokens: CodeToken[], start: number, end: number): CodeToken[] {
  const width = String(end).length;
  const label = (n: number) => ({ classes: ['ln'], value: String(n).padStart(width) + ' ' });
  let lineNumber = start;
  const out: CodeToken[] = [label(lineNumber)];
  for (const token of tokens) {
    const pieces = token.value.split('\n');
    pieces.slice(0, -1).forEach((piece) => {
      out.push({ classes: token.classes, value: piece + '\n' });
      lineNumber++;
      out.push(label(lineNumber));
    });
    out.push({ classes: token.classes, value: pieces[pieces.length - 1]! });
  }
  return out;
}

function runCode(call: DirectiveCall): RstNode[] {
  assertHasContent(call);
  const language = call.arguments[0] ?? '';
  const classes = ['code', ...(language ? [language] : []), ...classesOf(call)];
  const value = contentText(call);
  const node = element('literal_block', { classes, 'xml:space': 'preserve' }, [], contentPosition(call));
  addName(call, node);
  // The language, for the HTML stage's highlighter.
  node.data = { language };
  // docutils splits the code into Pygments tokens (syntax_highlight long or
  // short); languages without a tokenizer here stay one text.
  let tokens = codeTokens(value, language, call.state.document.settings.syntaxHighlight);
  if ('number-lines' in call.options) {
    const start = numberLinesStart(call);
    tokens = numberTokens(tokens, start, start + call.content.length);
  }
  for (const token of tokens) {
    if (token.classes.length > 0) node.children.push(element('inline', { classes: token.classes }, token.value ? [text(token.value)] : []));
    else if (token.value) node.children.push(text(token.value));
  }
  return [node];
}

// ---------------------------------------------------------------------- math

function runMath(call: DirectiveCall): RstNode[] {
  assertHasContent(call);
  const classes = classesOf(call);
  const nodes: RstNode[] = [];
  // Blocks are what lies between "\n\n" in the joined content (docutils'
  // split('\n\n'): three blank lines leave a "\n" at a block's start).
  const joined = contentText(call);
  let from = 0;
  for (const value of joined.split('\n\n')) {
    const at = from;
    from += value.length + 2;
    if (!value) continue;
    const position = {
      start: pointInJoined(call.content, at),
      end: pointInJoined(call.content, at + value.length),
    };
    const node = withClasses(element('math_block', { 'xml:space': 'preserve' }, [text(value)], position), classes);
    // docutils' add_name consumes the :name: option: only the first block gets it.
    if (nodes.length === 0) addName(call, node);
    nodes.push(node);
  }
  return nodes;
}

// -------------------------------------------------------------------- rubric

function runRubric(call: DirectiveCall): RstNode[] {
  const rubric = withClasses(element('rubric', {}, [], call.position), classesOf(call));
  const messages = inlineOf(call, call.arguments[0] ?? '', rubric);
  addName(call, rubric);
  return [rubric, ...messages];
}

// ------------------------------------------- epigraph, highlights, pull-quote

/**
 * The content parsed as an indented block, which gives exactly docutils'
 * block_quote(): attributions split it into several block quotes.
 */
function blockQuoteDirective(className: string) {
  return (call: DirectiveCall): RstNode[] => {
    assertHasContent(call);
    const indented = call.content.map((line) =>
      line.text
        ? { text: ' ' + line.text, source: line.source, line: line.line, column: line.column - 1, offset: line.offset - 1 }
        : plainLine(line),
    );
    const holder = element('container', {}, [], call.position);
    call.state.nestedParse(indented, holder);
    for (const child of holder.children) {
      if (child.type === 'block_quote') listAttribute(child as RstElement, 'classes').push(className);
    }
    return holder.children;
  };
}

// -------------------------------------------------------- compound, container

function runCompound(call: DirectiveCall): RstNode[] {
  assertHasContent(call);
  const node = withClasses(element('compound', {}, [], call.position), classesOf(call));
  addName(call, node);
  call.state.nestedParse(call.content, node);
  return [node];
}

function runContainer(call: DirectiveCall): RstNode[] {
  assertHasContent(call);
  let classes: string[] = [];
  if (call.arguments.length > 0) {
    try {
      classes = classOption(call.arguments[0]);
    } catch {
      throw call.error(
        Level.ERROR,
        `Invalid class attribute value for "${call.name}" directive: "${call.arguments[0]}".`,
      );
    }
  }
  const node = withClasses(element('container', {}, [], call.position), classes);
  addName(call, node);
  call.state.nestedParse(call.content, node);
  return [node];
}

// --------------------------------------------------------------- definitions

const code: DirectiveDefinition = {
  optionalArguments: 1,
  optionSpec: { ...classAndName, 'number-lines': unchanged },
  hasContent: true,
  run: runCode,
};

const blockQuote = (className: string): DirectiveDefinition => ({
  hasContent: true,
  run: blockQuoteDirective(className),
});

export const directives: Record<string, DirectiveDefinition> = {
  topic: {
    requiredArguments: 1,
    finalArgumentWhitespace: true,
    optionSpec: classAndName,
    hasContent: true,
    run: (call) => pseudoSection(call, 'topic'),
  },
  sidebar: {
    optionalArguments: 1,
    finalArgumentWhitespace: true,
    optionSpec: { ...classAndName, subtitle: unchangedRequired },
    hasContent: true,
    run: runSidebar,
  },
  'line-block': { optionSpec: classAndName, hasContent: true, run: runLineBlock },
  'parsed-literal': { optionSpec: classAndName, hasContent: true, run: runParsedLiteral },
  code,
  'code-block': code,
  sourcecode: code,
  math: { optionSpec: classAndName, hasContent: true, run: runMath },
  rubric: { requiredArguments: 1, finalArgumentWhitespace: true, optionSpec: classAndName, run: runRubric },
  epigraph: blockQuote('epigraph'),
  highlights: blockQuote('highlights'),
  'pull-quote': blockQuote('pull-quote'),
  compound: { optionSpec: classAndName, hasContent: true, run: runCompound },
  container: { optionalArguments: 1, finalArgumentWhitespace: true, optionSpec: { name: unchanged }, hasContent: true, run: runContainer },
};
