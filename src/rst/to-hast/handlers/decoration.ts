// The decoration only groups header and footer.

import { transparent } from './shared.js';

export const decoration = transparent;
