// An option's argument is a `<var>` after its delimiter.

import type { Handler } from '../state.js';

export const optionArgument: Handler = (state, node) => [{ type: 'text', value: String(node.attributes.delimiter ?? ' ') }, state.element(node, 'var', {}, state.all(node))];
