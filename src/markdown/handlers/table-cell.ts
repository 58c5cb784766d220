// A table cell is docutils' `entry` holding one paragraph (none when empty);
// messages its content left stay in the cell, after the paragraph.

import type { TableCell } from 'mdast';
import type { Handler } from '../state.js';

export const tableCell: Handler = (state, node: TableCell) => {
  const content = state.all(node);
  const paragraph = content.length > 0 ? [state.element(node, 'paragraph', {}, content)] : [];
  return state.element(node, 'entry', {}, [...paragraph, ...state.takePending()]);
};
