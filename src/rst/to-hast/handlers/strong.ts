// `**text**` is `<strong>`.

import { wrap } from './shared.js';

export const strong = wrap('strong');
