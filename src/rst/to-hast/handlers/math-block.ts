// A math block keeps its LaTeX source in a `<div class="math">` (no renderer at build time).

import type { Handler } from '../state.js';
import { textContent } from './shared.js';

export const mathBlock: Handler = (state, node) =>
  state.element(node, 'div', { className: ['math'] }, [{ type: 'text', value: textContent(node) }]);
