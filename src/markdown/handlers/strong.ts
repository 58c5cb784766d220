// `**a**` / `__a__` is docutils' `strong`.

import type { Strong } from 'mdast';
import type { Handler } from '../state.js';

export const strong: Handler = (state, node: Strong) => state.element(node, 'strong', {}, state.all(node));
