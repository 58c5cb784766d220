// A table cell: `<th>` in the head, `<td>` in the body; cells spanning
// columns or rows (grid tables) get colspan / rowspan.

import type { Properties } from 'hast';
import type { Handler } from '../state.js';

export const entry: Handler = (state, node) => {
  const properties: Properties = {};
  const morecols = Number(node.attributes.morecols ?? 0);
  const morerows = Number(node.attributes.morerows ?? 0);
  if (morecols > 0) properties.colSpan = morecols + 1;
  if (morerows > 0) properties.rowSpan = morerows + 1;
  const inHead = state.context.inHead === true;
  return state.element(node, inHead ? 'th' : 'td', properties, state.all(node));
};
