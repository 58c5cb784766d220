// The document footer (`footer` directive) is a `<footer>`.

import { wrap } from './shared.js';

export const footer = wrap('footer');
