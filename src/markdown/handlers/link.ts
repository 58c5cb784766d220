// A link is docutils' `reference` to its URI. Its text names it (`name`), as
// an embedded-URI reference `` `text <uri>`__ `` does; an autolink
// (`<http://x>`, or a bare `www.x` with GFM) is named by nothing, as a
// standalone URI in RST. A link title has no docutils attribute; it is kept
// in `data.title`.

import type { Link } from 'mdast';
import { toText } from '../../rst/nodes.js';
import type { Handler } from '../state.js';

export const link: Handler = (state, node: Link) => {
  const children = state.all(node);
  const label = children.map(toText).join('');
  const autolink = label === node.url || `mailto:${label}` === node.url || (label.startsWith('www.') && `http://${label}` === node.url);
  const reference = state.element(node, 'reference', autolink ? { refuri: node.url } : { name: label, refuri: node.url }, children);
  if (node.title) reference.data = { title: node.title };
  return reference;
};
