// A table row is docutils' `row` of entries.

import type { TableRow } from 'mdast';
import type { Handler } from '../state.js';

export const tableRow: Handler = (state, node: TableRow) => state.element(node, 'row', {}, state.all(node));
