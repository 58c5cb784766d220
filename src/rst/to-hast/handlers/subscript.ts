// `:sub:` is `<sub>`.

import { wrap } from './shared.js';

export const subscript = wrap('sub');
