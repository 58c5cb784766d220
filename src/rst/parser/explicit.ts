// Explicit markup blocks (`.. ` …): footnotes, citations, hyperlink targets,
// substitution definitions, directives and comments, tried in docutils'
// order (Body.explicit.constructs); plus anonymous targets (`__ uri`).

import { normalizeName, whitespaceNormalizeName } from '../names.js';
import { element, listAttribute, text as textNode, type RstElement, type RstNode } from '../nodes.js';
import { Level } from '../reporter.js';
import { linesSpan, literalBlock, type MachineRequest, type MachineResult } from './context.js';
import { runDirective } from './directive.js';
import { escapeToNull, splitEscapedWhitespace, unescape } from './escapes.js';
import { Block, rstrip, type BlockLine } from './lines.js';
import type { Machine } from './machine.js';

const NAME_CHAR = '(?:(?!_)[\\p{L}\\p{N}\\p{M}_])';
export const SIMPLENAME = `${NAME_CHAR}+(?:[-._+:]${NAME_CHAR}+)*`;

const FOOTNOTE = new RegExp(`^\\.\\.[ ]+\\[([0-9]+|#|#${SIMPLENAME}|\\*)\\]([ ]+|$)`, 'u');
const CITATION = new RegExp(`^\\.\\.[ ]+\\[(${SIMPLENAME})\\]([ ]+|$)`, 'u');
const HYPERLINK_TARGET = /^\.\.[ ]+_(?![ ]|$)/;
const SUBSTITUTION_DEF = /^\.\.[ ]+\|(?![ ]|$)/;
const DIRECTIVE = new RegExp(`^\\.\\.[ ]+(${SIMPLENAME})[ ]?::([ ]+|$)`, 'u');

const NON_WS_ESCAPE_BEFORE = '(?<![\\s\\x00])';
/** The name part of a target, on NUL-escaped text. */
const TARGET = new RegExp(
  `^(?:_|(?!_)(?<quote>\`?)(?![ \`])(?<name>.+?)${NON_WS_ESCAPE_BEFORE}\\k<quote>)` +
    `(?<!(?<!\\x00):)${NON_WS_ESCAPE_BEFORE}[ ]?:([ ]+|$)`,
);
const REFERENCE = new RegExp(
  `^(?:(?<simple>${SIMPLENAME})_|\`(?![ ])(?<phrase>.+?)${NON_WS_ESCAPE_BEFORE}\`_)$`,
  'u',
);
const SUBSTITUTION = new RegExp(`^(?![ ])(?<name>.+?)${NON_WS_ESCAPE_BEFORE}\\|([ ]+|$)`);

const EMAILC = "[-_!~*'{|}/#?^`&=+$%a-zA-Z0-9\\x00]";
const EMAIL = new RegExp(
  `^${EMAILC}+(?:\\.${EMAILC}+)*(?<!\\x00)@${EMAILC}+(?:\\.${EMAILC}*)*(?:[_~*/=+a-zA-Z0-9]|[-_.!~*'()[\\];/:@&=+$,%a-zA-Z0-9\\x00](?=[_~*/=+a-zA-Z0-9]))$`,
);

export interface Construct {
  nodes: RstNode[];
  /** Absolute index of the construct's last line. */
  last: number;
  blankFinish: boolean;
}

class MarkupError extends Error {}

type Gen<T> = Generator<MachineRequest, T, MachineResult>;

export function* explicitConstruct(
  m: Machine, i: number, line: BlockLine, match: RegExpExecArray,
  presets?: { alt?: string; embedded?: boolean },
): Gen<Construct> {
  if (presets?.embedded) return yield* directive(m, i, line, match, { alt: presets.alt });
  const text = line.text;
  const errors: RstElement[] = [];
  try {
    let found: RegExpExecArray | null;
    if ((found = FOOTNOTE.exec(text))) return yield* footnote(m, i, line, found);
    if ((found = CITATION.exec(text))) return yield* citation(m, i, line, found);
    if ((found = HYPERLINK_TARGET.exec(text))) return hyperlinkTarget(m, i, line, found);
    if ((found = SUBSTITUTION_DEF.exec(text))) return yield* substitutionDef(m, i, line, found);
    if ((found = DIRECTIVE.exec(text))) return yield* directive(m, i, line, found);
  } catch (error) {
    if (!(error instanceof MarkupError)) throw error;
    errors.push(m.p.message(Level.WARNING, error.message, line));
  }
  const comment = commentConstruct(m, i, line, match);
  return { ...comment, nodes: [...comment.nodes, ...errors] };
}

function spanOf(first: BlockLine, block: Block): ReturnType<typeof linesSpan> {
  let e = block.end;
  while (e > block.start && block.isBlank(e - 1)) e--;
  return linesSpan(first, e > block.start ? block.at(e - 1) : first);
}

// ----------------------------------------------------------------- comments

/**
 *     .. a comment
 *        continued
 */
function commentConstruct(m: Machine, i: number, line: BlockLine, match: RegExpExecArray): Construct {
  const b = m.block;
  if (i + 1 >= b.end || b.isBlank(i + 1)) {
    if (line.text.slice(match[0].length).trim() === '') {
      return { nodes: [element('comment', { 'xml:space': 'preserve' }, [], linesSpan(line))], last: i, blankFinish: true };
    }
  }
  const r = m.indented(i, { firstIndent: match[0].length });
  let e = r.block.end;
  while (e > r.block.start && r.block.isBlank(e - 1)) e--;
  const lines = r.block.toArray(r.block.start, e);
  const value = lines.map((l) => l.text).join('\n');
  const node = element('comment', { 'xml:space': 'preserve' }, value ? [textNode(value)] : [], linesSpan(line, lines.length ? lines[lines.length - 1]! : line));
  return { nodes: [node], last: r.last, blankFinish: r.blankFinish };
}

// -------------------------------------------------------- footnotes, citations

/**
 *     .. [1] manually numbered    .. [#] auto-numbered
 *     .. [#label] auto-numbered   .. [*] auto-symbol
 */
function* footnote(m: Machine, i: number, line: BlockLine, match: RegExpExecArray): Gen<Construct> {
  const r = m.indented(i, { firstIndent: match[0].length });
  const label = match[1]!;
  let name = normalizeName(label);
  const node = element('footnote', {}, [], spanOf(line, r.block));
  const doc = m.p.document;
  if (name[0] === '#') {
    name = name.slice(1);
    node.attributes.auto = 1;
    if (name) listAttribute(node, 'names').push(name);
    doc.noteAutofootnote(node);
  } else if (name === '*') {
    name = '';
    node.attributes.auto = '*';
    doc.noteSymbolFootnote(node);
  } else {
    node.children.push(element('label', {}, [textNode(label)], linesSpan(line)));
    listAttribute(node, 'names').push(name);
    doc.noteFootnote(node);
  }
  if (name) doc.noteExplicitTarget(node, node);
  else doc.setId(node, node);
  if (r.block.length > 0) yield* m.nested(r.block, node);
  return { nodes: [node], last: r.last, blankFinish: r.blankFinish };
}

function* citation(m: Machine, i: number, line: BlockLine, match: RegExpExecArray): Gen<Construct> {
  const r = m.indented(i, { firstIndent: match[0].length });
  const label = match[1]!;
  const node = element('citation', {}, [element('label', {}, [textNode(label)], linesSpan(line))], spanOf(line, r.block));
  listAttribute(node, 'names').push(normalizeName(label));
  m.p.document.noteCitation(node);
  m.p.document.noteExplicitTarget(node, node);
  if (r.block.length > 0) yield* m.nested(r.block, node);
  return { nodes: [node], last: r.last, blankFinish: r.blankFinish };
}

// ------------------------------------------------------------------- targets

/**
 *     .. _name: http://uri         external
 *     .. _name:                    internal
 *     .. _name: other_             indirect
 *     .. __: http://uri            anonymous
 */
function hyperlinkTarget(m: Machine, i: number, line: BlockLine, match: RegExpExecArray): Construct {
  const r = m.indented(i, { firstIndent: match[0].length, untilBlank: true, stripIndent: false });
  const raw = r.block.toArray();
  const blocktext = line.text.slice(0, match[0].length) + raw.map((l) => l.text).join('\n');
  const block = raw.map((l) => escapeToNull(l.text));
  let escaped = block[0] ?? '';
  let index = 0;
  let target: RegExpExecArray | null;
  for (;;) {
    target = TARGET.exec(escaped);
    if (target) break;
    index++;
    if (index >= block.length) throw new MarkupError('malformed hyperlink target.');
    escaped += block[index]!;
  }
  const rest = block.slice(index);
  rest[0] = (rest[0]! + ' ').slice(target[0].length - escaped.length - 1 + (rest[0]!.length + 1)).trim();
  const node = makeTarget(m, rest, blocktext, line, target.groups?.name ?? '', spanOf(line, r.block));
  return { nodes: [node], last: r.last, blankFinish: r.blankFinish };
}

export function anonymousTarget(m: Machine, i: number, line: BlockLine, match: RegExpExecArray): Construct {
  const r = m.indented(i, { firstIndent: match[0].length, untilBlank: true });
  const raw = r.block.toArray();
  const blocktext = line.text.slice(0, match[0].length) + raw.map((l) => l.text).join('\n');
  const block = raw.map((l) => escapeToNull(l.text));
  const node = makeTarget(m, block, blocktext, line, '', spanOf(line, r.block));
  return { nodes: [node], last: r.last, blankFinish: r.blankFinish };
}

function makeTarget(m: Machine, block: string[], blocktext: string, line: BlockLine, name: string, position: ReturnType<typeof linesSpan>): RstElement {
  void blocktext;
  const node = element('target', {}, [], position);
  if (block.length && block[block.length - 1]!.trim().endsWith('_')) {
    const reference = block.map((l) => l.trim()).join(' ');
    const refname = isReference(reference);
    if (refname !== null) {
      node.attributes.refname = normalizeName(refname);
      node.data = { indirectReferenceName: refname };
      addTarget(m, name, '', node, line);
      m.p.document.noteIndirectTarget(node);
      return node;
    }
  }
  const parts = splitEscapedWhitespace(block.join(' '));
  const uri = parts.map((part) => unescape(part).split(/\s+/).join('')).join(' ');
  addTarget(m, name, uri, node, line);
  return node;
}

function isReference(reference: string): string | null {
  const match = REFERENCE.exec(whitespaceNormalizeName(reference));
  if (!match) return null;
  return unescape(match.groups!.simple ?? match.groups!.phrase!);
}

function addTarget(m: Machine, targetName: string, refuri: string, node: RstElement, line: BlockLine): void {
  void line;
  if (targetName) {
    listAttribute(node, 'names').push(normalizeName(unescape(targetName)));
    if (refuri) node.attributes.refuri = EMAIL.test(refuri) ? 'mailto:' + refuri : refuri;
    m.p.document.noteExplicitTarget(node, m.parent);
  } else {
    if (refuri) node.attributes.refuri = refuri;
    node.attributes.anonymous = 1;
    m.p.document.noteAnonymousTarget(node);
  }
}

// ---------------------------------------------------- substitution definitions

/** Elements that may appear directly in a substitution definition (docutils' Inline classes). */
const INLINE = new Set([
  'emphasis', 'strong', 'literal', 'reference', 'footnote_reference', 'citation_reference',
  'substitution_reference', 'title_reference', 'abbreviation', 'acronym', 'superscript', 'subscript',
  'math', 'image', 'inline', 'problematic', 'generated', 'target', 'raw',
]);

/**
 *     .. |name| directive:: arguments
 *        :option: value
 */
function* substitutionDef(m: Machine, i: number, line: BlockLine, match: RegExpExecArray): Gen<Construct> {
  const r = m.indented(i, { firstIndent: match[0].length, stripIndent: false });
  const raw = r.block.toArray();
  const blocktext = line.text.slice(0, match[0].length) + raw.map((l) => l.text).join('\n');
  let escaped = escapeToNull(rstrip(raw[0]?.text ?? ''));
  let index = 0;
  let sub: RegExpExecArray | null;
  for (;;) {
    sub = SUBSTITUTION.exec(escaped);
    if (sub) break;
    index++;
    if (index >= raw.length) throw new MarkupError('malformed substitution definition.');
    escaped = escaped + ' ' + escapeToNull(raw[index]!.text.trim());
  }
  let lines = raw.slice(index);
  const start = sub[0].length - escaped.length - 1;
  const head = lines[0]!;
  const stripped = head.text.trim() + ' ';
  const cut = stripped.length + start;
  const firstText = stripped.slice(cut, -1);
  const lead = head.text.length - head.text.replace(/^\s+/, '').length;
  lines[0] = { ...head, text: firstText, column: head.column + lead + cut, offset: head.offset + lead + cut, indent: 0 };
  if (!lines[0].text) lines = lines.slice(1);
  while (lines.length && !lines[lines.length - 1]!.text.trim()) lines.pop();
  const subname = sub.groups!.name!;
  const position = spanOf(line, r.block);
  const blockLiteral = () => literalBlock(blocktext, raw.length ? [line, raw[raw.length - 1]!] : [line]);
  if (lines.length === 0) {
    return { nodes: [m.p.message(Level.WARNING, `Substitution definition "${subname}" missing contents.`, line, [blockLiteral()])], last: r.last, blankFinish: r.blankFinish };
  }
  const first = lines[0]!;
  const firstLead = first.text.length - first.text.replace(/^\s+/, '').length;
  lines[0] = { ...first, text: first.text.trim(), column: first.column + firstLead, offset: first.offset + firstLead, indent: 0 };
  const node = element('substitution_definition', {}, [], position);
  const content = new Block(lines, 0, lines.length);
  const result: MachineResult = yield {
    block: content, parent: node, state: 'SubstitutionDef', matchTitles: false, blankFinish: r.blankFinish,
    data: { alt: whitespaceNormalizeName(subname) },
  };
  const blankFinish = result.blankFinish;
  const moved: RstNode[] = [];
  node.children = node.children.filter((child) => {
    if (child.type === 'text' || INLINE.has(child.type)) return true;
    moved.push(child);
    return false;
  });
  const out: RstNode[] = [...moved];
  for (const bad of walkElements(node)) {
    const ids = bad.attributes.ids;
    if ((Array.isArray(ids) && ids.length > 0) || (bad.type === 'reference' && bad.attributes.anonymous) || (bad.type === 'footnote_reference' && bad.attributes.auto)) {
      const msg = m.p.message(Level.ERROR, `Substitution definition contains illegal element <${bad.type}>:`, line, [
        element('literal_block', { 'xml:space': 'preserve' }, [textNode(rstrip(pseudoXml(bad)))]), blockLiteral(),
      ]);
      return { nodes: [...out, msg], last: r.last, blankFinish };
    }
  }
  if (node.children.length === 0) {
    const msg = m.p.message(Level.WARNING, `Substitution definition "${subname}" empty or invalid.`, line, [blockLiteral()]);
    return { nodes: [...out, msg], last: r.last, blankFinish };
  }
  m.p.document.noteSubstitutionDef(node, subname, m.parent);
  return { nodes: [...out, node], last: r.last, blankFinish };
}

/** docutils' Node.pformat(): the pseudo-XML of a node, four spaces per level. */
function pseudoXml(root: RstNode): string {
  const out: string[] = [];
  const stack: [RstNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, level] = stack.pop()!;
    const indent = '    '.repeat(level);
    if (node.type === 'text' && 'value' in node) {
      for (const line of node.value.split(/\r\n|\r|\n/)) out.push(indent + line + '\n');
      continue;
    }
    const element = node as RstElement;
    const attributes = Object.keys(element.attributes).sort().flatMap((name) => {
      const value = element.attributes[name]!;
      if (Array.isArray(value)) {
        if (value.length === 0) return [];
        return [`${name}="${value.map((v) => String(v).replace(/\\/g, '\\\\').replace(/ /g, '\\ ')).join(' ')}"`];
      }
      return [`${name}="${String(value)}"`];
    });
    out.push(`${indent}<${[element.type, ...attributes].join(' ')}>\n`);
    for (let k = element.children.length - 1; k >= 0; k--) stack.push([element.children[k]!, level + 1]);
  }
  return out.join('');
}

function* walkElements(root: RstElement): Generator<RstElement> {
  const stack: RstElement[] = [...(root.children.filter((c) => c.type !== 'text') as RstElement[])].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    yield node;
    for (let k = node.children.length - 1; k >= 0; k--) {
      const child = node.children[k]!;
      if (child.type !== 'text') stack.push(child as RstElement);
    }
  }
}

// ------------------------------------------------------------------ directives

function* directive(m: Machine, i: number, line: BlockLine, match: RegExpExecArray, presets: { alt?: string } = {}): Gen<Construct> {
  return yield* runDirective(m, i, line, match, presets);
}
