// A term on its own (no item around it) is a `<dt>`.

import { wrap } from './shared.js';

export const term = wrap('dt');
