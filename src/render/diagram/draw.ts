// Draws a laid-out diagram as SVG with d3-selection on a linkedom document (no
// browser at build time) and serializes it. Every box and wire carries a
// <title>: its name, what it is, and the `file:line` lines that prove it.

import { select } from 'd3';
import { parseHTML } from 'linkedom';
import type { EvidenceRef } from '../../topology/model.js';
import type { DiagramLayout } from './layout.js';

export interface DrawOptions {
  /** Accessible name of the whole figure. */
  title: string;
  /** Words for kinds of boxes and wires in the tooltip, e.g. `{ bridge: '网桥' }`. */
  words?: Record<string, string>;
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
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);

  const svg = select(document.body as unknown as Element)
    .append('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('class', 'topology-diagram')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .attr('role', 'img');
  svg.append('title').text(options.title);

  const boxes = svg.append('g').attr('class', 'boxes');
  for (const placed of layout.boxes) {
    const { box } = placed;
    const g = boxes.append('g')
      .attr('class', `box ${box.kind}`)
      .attr('id', box.id)
      .attr('transform', `translate(${round(placed.x)},${round(placed.y)})`);
    const where = evidenceText(box.evidence);
    g.append('title').text([`${word(box.kind)} ${box.label}`, ...box.detail, where].filter(Boolean).join('\n'));
    g.append('rect').attr('width', round(placed.width)).attr('height', round(placed.height)).attr('rx', box.children.length > 0 ? 6 : 4);
    const compound = box.children.length > 0;
    g.append('text')
      .attr('x', compound ? 8 : round(placed.width / 2))
      .attr('y', compound ? 16 : round(placed.height / 2 + 4))
      .attr('text-anchor', compound ? 'start' : 'middle')
      .text(box.label);
  }

  const wires = svg.append('g').attr('class', 'wires');
  for (const { wire, points } of layout.wires) {
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join('');
    const g = wires.append('g').attr('class', `wire ${wire.kind}${wire.likely ? ' likely' : ''}`).attr('id', wire.id);
    g.append('title').text([`${word(wire.kind)}${wire.likely ? ` (${word('likely')})` : ''}: ${wire.label}`, wire.reason, evidenceText(wire.evidence)].filter(Boolean).join('\n'));
    g.append('path').attr('d', d).attr('fill', 'none');
  }
  return (svg.node() as unknown as { outerHTML: string }).outerHTML;
}
