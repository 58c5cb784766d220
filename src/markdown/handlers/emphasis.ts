// `*a*` / `_a_` is docutils' `emphasis`.

import type { Emphasis } from 'mdast';
import type { Handler } from '../state.js';

export const emphasis: Handler = (state, node: Emphasis) => state.element(node, 'emphasis', {}, state.all(node));
