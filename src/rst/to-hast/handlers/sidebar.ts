// A sidebar is an `<aside class="sidebar">`.

import { wrap } from './shared.js';

export const sidebar = wrap('aside', ['sidebar']);
