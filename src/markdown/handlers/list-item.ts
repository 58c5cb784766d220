// A list item is docutils' `list_item` holding its blocks. A GFM task item
// (`- [x] done`) keeps its state as classes (`task-list-item checked` or
// `unchecked`): docutils has no checkbox, and the item's words stay as written.

import type { ListItem } from 'mdast';
import type { Handler } from '../state.js';

export const listItem: Handler = (state, node: ListItem) => {
  const attributes: Record<string, string[]> = typeof node.checked === 'boolean' ? { classes: ['task-list-item', node.checked ? 'checked' : 'unchecked'] } : {};
  return state.element(node, 'list_item', attributes, state.all(node));
};
