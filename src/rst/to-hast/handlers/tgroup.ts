// A tgroup gives the table its `<colgroup>` (relative column widths as
// percentages, unless the table says `widths: auto`) and then its head and body;
// its colspecs' `stub` flags tell the cells which columns are row headers.

import type { Element, ElementContent } from 'hast';
import { isElement, type RstElement } from '../../nodes.js';
import type { Handler } from '../state.js';

export const tgroup: Handler = (state, node, parent) => {
  const colspecs = node.children.filter((child): child is RstElement => isElement(child) && child.type === 'colspec');
  const out: ElementContent[] = [];
  const auto = Array.isArray(parent?.attributes.classes) && (parent!.attributes.classes as string[]).includes('colwidths-auto');
  const widths = colspecs.map((spec) => Number(spec.attributes.colwidth ?? 0));
  const total = widths.reduce((a, b) => a + b, 0);
  if (colspecs.length > 0 && !auto && total > 0) {
    const cols: Element[] = colspecs.map((spec, i) =>
      state.patch(spec, { type: 'element', tagName: 'col', properties: { style: `width: ${Math.round((widths[i]! * 100) / total)}%` }, children: [] }),
    );
    out.push(state.patch(node, { type: 'element', tagName: 'colgroup', properties: {}, children: cols }));
  }
  const stubs = colspecs.map((spec) => Boolean(spec.attributes.stub));
  state.within({ stubs }, () => {
    for (const child of node.children) {
      if (isElement(child) && child.type === 'colspec') continue;
      out.push(...(isElement(child) && child.type === 'thead' ? state.within({ inHead: true }, () => state.one(child, node)) : state.one(child, node)));
    }
  });
  return out;
};
