// A hard line break (two trailing spaces or a backslash before the line end)
// stays a line end in the paragraph's text: docutils' paragraphs have no
// break element, and the words on both sides are kept.

import type { Break } from 'mdast';
import type { Handler } from '../state.js';

export const hardBreak: Handler = (state, node: Break) => state.text('\n', node);
