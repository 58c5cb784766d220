// `term : classifier` puts the classifier in a span inside the `<dt>`.

import { wrap } from './shared.js';

export const classifier = wrap('span', ['classifier']);
