// The `compound` directive is a `<div class="compound">`.

import { wrap } from './shared.js';

export const compound = wrap('div', ['compound']);
