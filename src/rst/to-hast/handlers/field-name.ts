// A field name is the `<dt>`.

import { wrap } from './shared.js';

export const fieldName = wrap('dt');
