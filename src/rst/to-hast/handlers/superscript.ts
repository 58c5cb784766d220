// `:sup:` is `<sup>`.

import { wrap } from './shared.js';

export const superscript = wrap('sup');
