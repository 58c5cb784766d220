// `:abbreviation:` is `<abbr>`.

import { wrap } from './shared.js';

export const abbreviation = wrap('abbr');
