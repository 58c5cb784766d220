// A rubric is an informal heading, a `<p class="rubric">`.

import { wrap } from './shared.js';

export const rubric = wrap('p', ['rubric']);
