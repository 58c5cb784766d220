// An inline with classes (from a custom role) is a `<span>`.

import { wrap } from './shared.js';

export const inline = wrap('span');
