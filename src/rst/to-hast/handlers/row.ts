// A table row is a `<tr>`.

import { wrap } from './shared.js';

export const row = wrap('tr');
