// `:title-reference:` (the default role) is `<cite>`.

import { wrap } from './shared.js';

export const titleReference = wrap('cite');
