// Draws a laid-out diagram as SVG with d3-selection on a linkedom document (no
// browser at build time) and serializes it. The figure has a <title> and a
// <desc>; every box is focusable (tabindex, role, aria-label) and, like every
// wire, carries a <title> (its name, what it is, the `file:line` lines that
// prove it) and data attributes the page's script reads: `data-key` (the
// devices it stands for, space-separated attribute keys), `data-lines` (the ids
// of the capture lines that prove it), and for wires `data-source`/`data-target`
// (the ids of the boxes it joins).

import { select } from 'd3';
import { parseHTML } from 'linkedom';
import type { EvidenceRef } from '../../topology/model.js';
import { evidenceAnchors, lineAnchor } from '../anchors.js';
import { words as say } from '../words.js';
import type { Detail } from './graph.js';
import type { DiagramLayout } from './layout.js';

export interface DrawOptions {
  /** Accessible name of the whole figure. */
  title: string;
  /** A sentence describing it (its <desc>). */
  description?: string;
  /** Words for kinds of boxes and wires and for `{ word }` details, e.g. `{ bridge: '网桥', 'role-router': '路由器' }`. */
  words?: Record<string, string>;
  /** The page's language, for the model's own words (a likely link's reason). */
  lang?: string;
  /** Put before every id (two drawings on one page). */
  idPrefix?: string;
  /** The id of the element showing a capture line (default: anchors.ts's lineAnchor). */
  anchor?: (file: string, line: number) => string;
}

export function evidenceText(evidence: EvidenceRef[]): string {
  const seen = new Set<string>();
  for (const e of evidence) seen.add(e.endLine && e.endLine !== e.line ? `${e.file}:${e.line}-${e.endLine}` : `${e.file}:${e.line}`);
  return [...seen].join(', ');
}

const round = (n: number) => Math.round(n * 10) / 10;

export function drawDiagram(layout: DiagramLayout, options: DrawOptions): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const word = (k: string) => options.words?.[k] ?? k;
  const said = (d: Detail) => (typeof d === 'string' ? d : options.words?.[d.word] ?? d.word.replace(/^role-/, ''));
  const prefix = options.idPrefix ?? '';
  const anchor = options.anchor ?? lineAnchor;
  const lines = (evidence: EvidenceRef[]) => evidenceAnchors(evidence, anchor).join(' ');
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);

  const svg = select(document.body as unknown as Element)
    .append('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('class', 'topology-diagram')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .attr('role', 'group')
    .attr('aria-labelledby', `${prefix}ng-diagram-title`);
  svg.append('title').attr('id', `${prefix}ng-diagram-title`).text(options.title);
  if (options.description) {
    svg.attr('aria-describedby', `${prefix}ng-diagram-desc`);
    svg.append('desc').attr('id', `${prefix}ng-diagram-desc`).text(options.description);
  }
  // zoom and pan move this group (the page's script); without a script it is the identity
  const viewport = svg.append('g').attr('class', 'viewport');

  const boxes = viewport.append('g').attr('class', 'boxes');
  for (const placed of layout.boxes) {
    const { box } = placed;
    const compound = box.children.length > 0;
    const named = `${word(box.kind)} ${box.label}`;
    // linkedom writes attributes last set first: this order gives id, class, transform, data-*, tabindex, role, aria-label
    const g = boxes.append('g')
      .attr('aria-label', [named, ...box.detail.map(said)].join(', '))
      .attr('role', 'img')
      .attr('tabindex', '0')
      .attr('data-lines', lines(box.evidence))
      .attr('data-key', box.keys.join(' '))
      .attr('transform', `translate(${round(placed.x)},${round(placed.y)})`)
      .attr('class', `box ${box.kind}${compound ? ' compound' : ''}`)
      .attr('id', prefix + box.id);
    g.append('title').text([named, ...box.detail.map(said), evidenceText(box.evidence)].filter(Boolean).join('\n'));
    g.append('rect').attr('width', round(placed.width)).attr('height', round(placed.height)).attr('rx', compound ? 6 : 4);
    g.append('text')
      .attr('x', compound ? 8 : round(placed.width / 2))
      .attr('y', compound ? 16 : round(placed.height / 2 + 4))
      .attr('text-anchor', compound ? 'start' : 'middle')
      .text(box.label);
  }

  const wires = viewport.append('g').attr('class', 'wires');
  for (const { wire, points } of layout.wires) {
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join('');
    // written as id, class, data-key, data-source, data-target, data-lines
    const g = wires.append('g')
      .attr('data-lines', lines(wire.evidence))
      .attr('data-target', prefix + wire.target)
      .attr('data-source', prefix + wire.source)
      .attr('data-key', wire.key)
      .attr('class', `wire ${wire.kind}${wire.likely ? ' likely' : ''}`)
      .attr('id', prefix + wire.id);
    const reason = say(wire.reason, options.lang ?? 'en');
    g.append('title').text([`${word(wire.kind)}${wire.likely ? ` (${word('likely')})` : ''}: ${wire.label}`, reason, evidenceText(wire.evidence)].filter(Boolean).join('\n'));
    g.append('path').attr('d', d).attr('fill', 'none');
  }
  return (svg.node() as unknown as { outerHTML: string }).outerHTML;
}
