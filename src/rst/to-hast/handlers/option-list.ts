// An option list is a two-column table: options, then their description.

import type { Handler } from '../state.js';

export const optionList: Handler = (state, node) => state.element(node, 'table', { className: ['option-list'] }, [{ type: 'element', tagName: 'tbody', properties: {}, children: state.all(node) }]);
