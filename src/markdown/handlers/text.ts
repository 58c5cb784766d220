// Text is text: its value (escapes and character references already
// resolved by micromark) at its place.
//
//   a \*b\* &amp; c   →   "a *b* & c"

import type { Text } from 'mdast';
import type { Handler } from '../state.js';

export const text: Handler = (state, node: Text) => state.text(node.value, node);
