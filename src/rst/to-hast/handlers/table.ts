// A table is a `<table>`; its title is the `<caption>` (title.ts) and its
// tgroup supplies colgroup, head and body.

import type { Properties } from 'hast';
import type { Handler } from '../state.js';

export const table: Handler = (state, node) => {
  const properties: Properties = {};
  if (node.attributes.align !== undefined) properties.className = [`align-${String(node.attributes.align)}`];
  if (node.attributes.width !== undefined) properties.style = `width: ${String(node.attributes.width)}`;
  return state.element(node, 'table', properties, state.all(node));
};
