// A figure legend is a `<div class="legend">`.

import { wrap } from './shared.js';

export const legend = wrap('div', ['legend']);
