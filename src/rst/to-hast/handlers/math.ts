// Inline math keeps its LaTeX source as text in a `<span class="math">`.

import { wrap } from './shared.js';

export const math = wrap('span', ['math']);
