// Table head rows.

import { wrap } from './shared.js';

export const thead = wrap('thead');
