// The option itself (`-v`, `--verbose`).

import { transparent } from './shared.js';

export const optionString = transparent;
