// The document header (`header` directive) is a `<header>`.

import { wrap } from './shared.js';

export const header = wrap('header');
