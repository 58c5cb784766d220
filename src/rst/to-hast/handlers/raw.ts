// Raw content is passed through only when it is HTML and the caller allowed
// raw output; otherwise nothing of it reaches the page (the parser has
// already reported a refused raw directive).

import type { Handler } from '../state.js';
import { textContent } from './shared.js';

export const raw: Handler = (state, node) => {
  const formats = String(node.attributes.format ?? '').toLowerCase().split(/\s+/);
  if (!state.options.allowRaw || !formats.includes('html')) return undefined;
  // hast's `raw` node (hast-util-raw / rehype-stringify with allowDangerousHtml).
  return state.patch(node, { type: 'raw', value: textContent(node) } as never);
};
