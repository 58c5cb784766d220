// `term : classifier` / definition: the term and its classifiers share one
// `<dt>` (HTML has no element between `<dt>` and `<dd>`), the definition is the `<dd>`.

import type { ElementContent } from 'hast';
import { isElement } from '../../nodes.js';
import type { Handler } from '../state.js';

export const definitionListItem: Handler = (state, node) => {
  const out: ElementContent[] = [];
  let dt: ElementContent | undefined;
  for (const child of node.children) {
    if (isElement(child) && child.type === 'classifier' && dt && dt.type === 'element') {
      dt.children.push({ type: 'text', value: ' : ' }, ...state.one(child, node));
      continue;
    }
    const converted = state.one(child, node);
    if (isElement(child) && child.type === 'term') dt = converted[0];
    out.push(...converted);
  }
  if (out[0] && out[0].type === 'element') out[0].children.unshift(...state.extraIds(node));
  return out;
};
