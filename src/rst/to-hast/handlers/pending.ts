// A pending node left over (its transform did not run) shows nothing.

import { hidden } from './shared.js';

export const pending = hidden;
