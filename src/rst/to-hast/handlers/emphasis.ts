// `*text*` is `<em>`.

import { wrap } from './shared.js';

export const emphasis = wrap('em');
