// A bullet list is a `<ul>` (compact when its items are single paragraphs).

import type { Handler } from '../state.js';
import { isCompactList } from './compact.js';

export const bulletList: Handler = (state, node) => {
  const compact = isCompactList(node);
  return state.element(node, 'ul', compact ? { className: ['simple'] } : {}, state.within({ compact }, () => state.all(node)));
};
