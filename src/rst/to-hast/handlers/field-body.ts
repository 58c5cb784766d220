// A field body is the `<dd>`.

import { wrap } from './shared.js';

export const fieldBody = wrap('dd');
