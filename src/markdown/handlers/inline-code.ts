// `` `ip link` `` is docutils' `literal`, its text exactly as written (a
// command named this way before a code block announces a capture).

import type { InlineCode } from 'mdast';
import type { Handler } from '../state.js';

export const inlineCode: Handler = (state, node: InlineCode) => state.element(node, 'literal', {}, [state.text(node.value, node)]);
