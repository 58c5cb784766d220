// A definition is the `<dd>` after its term.

import { wrap } from './shared.js';

export const definition = wrap('dd');
