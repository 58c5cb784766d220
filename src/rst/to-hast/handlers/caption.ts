// A figure caption is a `<figcaption>`.

import { wrap } from './shared.js';

export const caption = wrap('figcaption');
