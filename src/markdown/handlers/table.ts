// A GFM table is docutils' table: `table > tgroup cols=N > colspec… > thead >
// row > entry > paragraph`, then `tbody`. The first row is the head. A column's
// width is its widest cell as written (docutils takes a grid table's from its
// borders); its alignment is a class of each cell (`align-center`), and a row
// with fewer cells is padded with empty entries, as docutils' tables are full.

import type { AlignType, Table } from 'mdast';
import type { RstElement } from '../../rst/nodes.js';
import type { Handler } from '../state.js';

export const table: Handler = (state, node: Table) => {
  const align = node.align ?? [];
  const cols = Math.max(align.length, ...node.children.map((row) => row.children.length));
  const widths: number[] = Array.from({ length: cols }, () => 1);
  for (const row of node.children) {
    row.children.forEach((cell, i) => {
      widths[i] = Math.max(widths[i]!, state.slice(cell).replace(/^\|/, '').trim().length);
    });
  }
  const rows = node.children.map((row) => {
    const converted = state.one(row, node)[0] as RstElement;
    while (converted.children.length < cols) converted.children.push(state.element(row, 'entry'));
    converted.children.forEach((entry, i) => alignEntry(entry as RstElement, align[i]));
    return converted;
  });
  const colspecs = widths.map((w) => state.element(node, 'colspec', { colwidth: w }));
  const groups: RstElement[] = [];
  const [head, ...body] = rows;
  if (head) groups.push(state.element(node.children[0], 'thead', {}, [head]));
  if (body.length > 0) {
    const tbody = state.element(node, 'tbody', {}, body);
    tbody.position = { start: body[0]!.position!.start, end: body[body.length - 1]!.position!.end };
    groups.push(tbody);
  }
  const tgroup = state.element(node, 'tgroup', { cols }, [...colspecs, ...groups]);
  return state.element(node, 'table', {}, [tgroup]);
};

function alignEntry(entry: RstElement, align: AlignType | undefined): void {
  if (!align) return;
  const classes = (entry.attributes.classes as string[] | undefined) ?? [];
  entry.attributes.classes = [...classes, `align-${align}`];
}
