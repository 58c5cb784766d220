// One option list row.

import { wrap } from './shared.js';

export const optionListItem = wrap('tr');
