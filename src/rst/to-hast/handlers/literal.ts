// ``` ``text`` ``` and `:code:` are `<code>`.

import { wrap } from './shared.js';

export const literal = wrap('code', ['docutils', 'literal']);
