// A label outside a footnote or citation (rare) is a span.

import { wrap } from './shared.js';

export const label = wrap('span', ['label']);
