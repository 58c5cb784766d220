// A field is its name and body, side by side in the list.

import { transparent } from './shared.js';

export const field = transparent;
