// Table body rows.

import { wrap } from './shared.js';

export const tbody = wrap('tbody');
