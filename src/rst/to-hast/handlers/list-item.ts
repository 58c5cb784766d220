// A list item is an `<li>`; nested lists decide their own compactness.

import type { Handler } from '../state.js';

export const listItem: Handler = (state, node) => state.element(node, 'li', {}, state.all(node));
