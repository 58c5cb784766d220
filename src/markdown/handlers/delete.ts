// GFM's `~~a~~` has no docutils element of its own: it is an `inline` with the
// class `strike`, as the custom role RST authors define for it
// (`.. role:: strike`) makes.

import type { Delete } from 'mdast';
import type { Handler } from '../state.js';

export const strike: Handler = (state, node: Delete) => state.element(node, 'inline', { classes: ['strike'] }, state.all(node));
