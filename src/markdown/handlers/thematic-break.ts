// `***` / `---` / `___` on a line of its own is docutils' `transition`.

import type { ThematicBreak } from 'mdast';
import type { Handler } from '../state.js';

export const thematicBreak: Handler = (state, node: ThematicBreak) => state.element(node, 'transition');
