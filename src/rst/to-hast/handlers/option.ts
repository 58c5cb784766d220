// One option with its argument.

import { wrap } from './shared.js';

export const option = wrap('span', ['option']);
