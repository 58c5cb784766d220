// rehype plugin: a guide page's capture blocks explained where they stand.
// Given the explained topology, the page's language and where the guide's
// captures are, it
//
//   lines    makes each line of each capture block addressable (lines.ts)
//   names    links the names of devices in them to the diagram (names.ts)
//   notes    puts under each block what it shows, evidence lines marked (notes.ts)
//   claims   puts the verdict beside each of the author's checked bullets (claims.ts)
//   panel    places the diagram panel: at a `data-diagram-slot` element, else
//            before the first capture block
//   copy     gives every `<pre>` the copy button's labels (`data-copy`,
//            `data-copied`), which _includes/assets/copy.js turns into a button,
//            and a place in the keyboard's order (it may scroll)
//
// Each block becomes `<div class="capture-block" id="capture-…">` (its
// `.capture-grid` lays out) the `<pre>`, an optional link to the capture's rows
// on another page, and the notes. Everything is HTML, readable without a script; the page's script
// (_includes/assets/diagram.js) reads the classes and data attributes only.

import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { Topology } from '../../topology/model.js';
import { lineAnchor } from '../anchors.js';
import { diagramGraph } from '../diagram/graph.js';
import type { EvidenceOptions } from '../evidence.js';
import { walkViews } from '../walks/view.js';
import { ui } from '../words.js';
import { markClaims } from './claims.js';
import { findCaptureBlocks, preBlocks, type CaptureBlock } from './find-blocks.js';
import { addressLines, type LineSpan } from './lines.js';
import { linkNames, nameIndex, namePattern, netnsOf, resolveName, type NamedDevice } from './names.js';
import { notesAside, notesByBlock } from './notes.js';
import type { CapturePosition } from './positions.js';

export type { CapturePosition } from './positions.js';
export { capturePositions } from './positions.js';

export interface CaptureNotesOptions {
  /** The explained topology of the guide (explanations, walks and findings made). */
  topology: Topology;
  /** The page's language. */
  lang: string;
  /** Where the guide's captures are (positions.ts). */
  captures: readonly CapturePosition[];
  /** Evidence labels are relative to this folder (the guide's). */
  folder?: string;
  /** The id of the element showing a line (default anchors.ts's lineAnchor; the topology page's rows use the same). */
  anchor?: (file: string, line: number) => string;
  /** Where a capture's rows are shown with their roles (the topology page), by its file and first output line. */
  rolesHref?: (file: string, line: number) => string;
  /** The diagram panel (diagram/panel.ts). */
  panel?: Element;
}

interface Placed {
  block: CaptureBlock;
  id: string;
  lines: LineSpan[];
  names: NamedDevice[];
}

export function rehypeCaptureNotes(options: CaptureNotesOptions) {
  const anchor = options.anchor ?? lineAnchor;
  const evidence: EvidenceOptions = { anchor, ...(options.folder !== undefined ? { folder: options.folder } : {}) };
  const { lang, topology } = options;

  return function transformer(tree: Root): void {
    const taken = idsIn(tree);
    const blocks = findCaptureBlocks(tree, options.captures);

    // lines and names
    const graph = diagramGraph(topology);
    const index = nameIndex(graph, topology);
    const pattern = namePattern(index);
    const placed: Placed[] = blocks.map((block) => {
      const lines = addressLines(block.pre, block.firstLine, (line) => {
        const id = anchor(block.file, line);
        return taken.has(id) ? undefined : (taken.add(id), id);
      });
      const id = `capture-${anchor(block.file, block.captures[0]!.firstLine)}`;
      const names: NamedDevice[] = [];
      if (pattern) {
        for (const span of lines) {
          const capture = [...block.captures].reverse().find((c) => c.firstLine <= span.line) ?? block.captures[0]!;
          const netns = netnsOf(capture.command);
          names.push(...linkNames(span.element, pattern, (name) => resolveName(index, name, capture.host, netns)));
        }
      }
      return { block, id, lines, names };
    });

    // notes
    const blockOfLine = new Map<string, number>();
    placed.forEach((p, i) => p.lines.forEach((l) => l.element.properties.id && blockOfLine.set(String(l.element.properties.id), i)));
    const walks = walkViews(topology, lang, evidence);
    const notes = notesByBlock(topology, walks, lang, (a) => blockOfLine.get(a), evidence);
    const mentions = new Map<string, number[]>(); // node id → blocks showing it
    placed.forEach((p, i) => new Set(p.names.map((n) => n.node)).forEach((node) => mentions.set(node, [...(mentions.get(node) ?? []), i])));

    placed.forEach((p, i) => {
      const own = notes.get(i) ?? [];
      own.forEach((note, k) => {
        for (const a of note.here) {
          const span = p.lines.find((l) => l.element.properties.id === a)?.element;
          if (!span) continue;
          const marks = String(span.properties.dataNotes ?? '').split(' ').filter(Boolean);
          marks.push(String(k + 1));
          span.properties.dataNotes = marks.join(' ');
          span.properties.dataMark = marks.length > 2 ? `${marks[0]},${marks[1]}…` : marks.join(',');
          span.properties.className = ['line', 'noted'];
        }
      });
      const children: ElementContent[] = [p.block.pre];
      if (options.rolesHref) {
        const first = p.block.captures[0]!;
        children.push(h('p', { className: ['capture-link'] }, [h('a', { href: options.rolesHref(first.file, first.firstLine) }, ui('notes:roles', lang))]));
      }
      // every block says what it shows, or that nothing explained rests on it (never silently nothing)
      const aside = own.length > 0 ? notesAside(own, p.id, lang, blockLabel(p)) : h('aside', { className: ['capture-notes'], ariaLabel: ui('notes:title-of', lang, { command: blockLabel(p) }) });
      if (own.length === 0 && p.names.length === 0) aside.children.push(h('p', { className: ['capture-notes-none'] }, ui('notes:none', lang)));
      if (p.names.length > 0) aside.children.push(namesList(p, placed, mentions, lang));
      children.push(aside);
      const wrapper = h('div', {
        className: ['capture-block', ...(own.length > 0 ? ['has-notes'] : [])],
        id: p.id,
        dataFile: p.block.file,
        dataFirstLine: String(p.block.firstLine),
        dataCommand: p.block.captures.map((c) => c.command).join('\n'),
      }, [h('div', { className: ['capture-grid'] }, children)]);
      const at = p.block.parent.children.indexOf(p.block.pre);
      p.block.parent.children.splice(at, 1, wrapper as never);
    });

    markClaims(tree, topology.findings, lang, evidence);
    if (options.panel) placePanel(tree, options.panel, placed[0]?.block);
    for (const { pre } of preBlocks(tree)) {
      pre.properties.dataCopy = ui('copy', lang);
      pre.properties.dataCopied = ui('copied', lang);
      // a block scrolls sideways (and, beside its notes, down): a keyboard reaches it to scroll
      pre.properties.tabIndex = 0;
    }
    for (const p of placed) {
      const classes = Array.isArray(p.block.pre.properties.className) ? p.block.pre.properties.className.map(String) : [];
      p.block.pre.properties.className = [...classes, 'capture-output'];
    }
  };
}

/** The names a block shows, each a link to the diagram and to the other blocks showing it. */
function namesList(p: Placed, placed: readonly Placed[], mentions: Map<string, number[]>, lang: string): Element {
  const seen = new Map<string, NamedDevice>();
  for (const n of p.names) if (!seen.has(n.node)) seen.set(n.node, n);
  const self = placed.indexOf(p);
  const items = [...seen.values()].map((n) => {
    const others = (mentions.get(n.node) ?? []).filter((i) => i !== self);
    return h('li', [
      h('a', { href: `#${n.node}`, className: ['name'], dataNode: n.node }, n.name),
      ...(others.length > 0
        ? [` — ${ui('notes:also-in', lang)} `, ...others.flatMap((i, k): ElementContent[] => [
            ...(k > 0 ? [{ type: 'text' as const, value: ui('notes:list-separator', lang) }] : []),
            h('a', { href: `#${placed[i]!.id}` }, blockLabel(placed[i]!)),
          ])]
        : []),
    ]);
  });
  return h('details', { className: ['capture-names'] }, [
    h('summary', ui('notes:names', lang, { count: items.length })),
    h('ul', items),
  ]);
}

/** `ip link` (the command; the block's first line's number when several blocks ran it). */
function blockLabel(p: Placed): string {
  return `${p.block.captures.map((c) => c.command).join(' · ')} (${p.block.captures[0]!.firstLine})`;
}

/** The panel at the slot left for it, else before the first capture block. */
function placePanel(tree: Root, panel: Element, first: CaptureBlock | undefined): void {
  const slot = findSlot(tree);
  if (slot) {
    slot.parent.children.splice(slot.parent.children.indexOf(slot.element), 1, panel as never);
    return;
  }
  if (!first) {
    tree.children.push(panel);
    return;
  }
  // the block is inside its wrapper now
  const siblings = first.parent.children as ElementContent[];
  const at = siblings.findIndex((c) => c.type === 'element' && c.children.includes(first.pre));
  siblings.splice(Math.max(at, 0), 0, panel);
}

function findSlot(tree: Root): { element: Element; parent: Root | Element } | undefined {
  const stack: (Root | Element)[] = [tree];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      if (child.properties.dataDiagramSlot !== undefined) return { element: child, parent };
      stack.push(child);
    }
  }
  return undefined;
}

function idsIn(tree: Root): Set<string> {
  const ids = new Set<string>();
  const stack: (Root | Element)[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.properties.id !== undefined) ids.add(String(child.properties.id));
      stack.push(child);
    }
  }
  return ids;
}

