// A table cell. As docutils' HTML writer: `<th class="head">` in the head,
// `<th class="stub">` in a stub column, `<td>` otherwise; cells spanning
// columns or rows (grid tables) get colspan / rowspan. The column is counted
// as docutils counts it: the cells before this one in its row, each with its
// column span (cells spanning down from rows above are not counted).

import type { Properties } from 'hast';
import { isElement } from '../../nodes.js';
import type { Handler } from '../state.js';

export const entry: Handler = (state, node, parent) => {
  const properties: Properties = {};
  const morecols = Number(node.attributes.morecols ?? 0);
  const morerows = Number(node.attributes.morerows ?? 0);
  if (morecols > 0) properties.colSpan = morecols + 1;
  if (morerows > 0) properties.rowSpan = morerows + 1;
  let column = 0;
  for (const cell of parent?.children ?? []) {
    if (cell === node) break;
    if (isElement(cell) && cell.type === 'entry') column += 1 + Number(cell.attributes.morecols ?? 0);
  }
  const classes: string[] = [];
  if (state.context.inHead === true) classes.push('head');
  if (state.context.stubs?.[column] === true) classes.push('stub');
  if (classes.length > 0) properties.className = classes;
  return state.element(node, classes.length > 0 ? 'th' : 'td', properties, state.all(node));
};
