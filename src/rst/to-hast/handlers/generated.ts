// Generated text (section numbers, class `sectnum`) is a `<span>`.

import { wrap } from './shared.js';

export const generated = wrap('span');
