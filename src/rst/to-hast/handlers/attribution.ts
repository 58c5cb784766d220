// A quote's attribution is a paragraph starting with an em dash.

import type { Handler } from '../state.js';

export const attribution: Handler = (state, node) => state.element(node, 'p', { className: ['attribution'] }, [{ type: 'text', value: '\u2014\u00a0' }, ...state.all(node)]);
