// A transition (`----`) is an `<hr>`.

import type { Handler } from '../state.js';

export const transition: Handler = (state, node) => state.patch(node, { type: 'element', tagName: 'hr', properties: { className: ['docutils'] }, children: [] });
