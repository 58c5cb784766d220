// `:acronym:` is `<abbr>` too (HTML5 dropped `<acronym>`).

import { wrap } from './shared.js';

export const acronym = wrap('abbr');
