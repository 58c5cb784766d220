// A paragraph is a `<p>`, except directly in the item of a compact list,
// where its content stands alone.

import type { Handler } from '../state.js';

export const paragraph: Handler = (state, node, parent) => {
  if (parent?.type === 'list_item' && state.context.compact && !hasAny(node.attributes.ids) && !hasAny(node.attributes.classes)) {
    return state.within({ compact: false }, () => state.all(node));
  }
  return state.element(node, 'p', {}, state.within({ compact: false }, () => state.all(node)));
};

function hasAny(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}
