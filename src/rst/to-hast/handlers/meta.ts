// `.. meta::` entries are `<meta>` elements (a page layout moves them into <head>).
// An `http-equiv` entry controls the page itself (refresh: a redirect to
// anywhere; Content-Security-Policy, set-cookie): it is written only where raw
// HTML is allowed (`allowRaw`), otherwise refused and reported.

import type { Properties } from 'hast';
import type { Handler } from '../state.js';

export const meta: Handler = (state, node) => {
  const equiv = node.attributes['http-equiv'];
  if (equiv !== undefined && !state.options.allowRaw) {
    state.warnings.push({ message: `meta http-equiv="${String(equiv)}" not put on the page (it would control the page: a redirect, a policy; allowed only with raw HTML)`, node, ruleId: 'unsafe-meta' });
    return undefined;
  }
  const properties: Properties = {};
  for (const [key, value] of Object.entries(node.attributes)) {
    if (['ids', 'names', 'classes', 'dupnames'].includes(key)) continue;
    properties[key === 'http-equiv' ? 'httpEquiv' : key] = Array.isArray(value) ? value.join(' ') : String(value);
  }
  return state.patch(node, { type: 'element', tagName: 'meta', properties, children: [] });
};
