// An option's description is the second cell.

import { wrap } from './shared.js';

export const description = wrap('td');
