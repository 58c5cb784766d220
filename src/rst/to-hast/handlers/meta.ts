// `.. meta::` entries are `<meta>` elements (a page layout moves them into <head>).

import type { Properties } from 'hast';
import type { Handler } from '../state.js';

export const meta: Handler = (state, node) => {
  const properties: Properties = {};
  for (const [key, value] of Object.entries(node.attributes)) {
    if (['ids', 'names', 'classes', 'dupnames'].includes(key)) continue;
    properties[key === 'http-equiv' ? 'httpEquiv' : key] = Array.isArray(value) ? value.join(' ') : String(value);
  }
  return state.patch(node, { type: 'element', tagName: 'meta', properties, children: [] });
};
