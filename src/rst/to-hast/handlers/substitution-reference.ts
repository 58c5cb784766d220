// An unresolved substitution reference (transforms not run) shows its text.

import { transparent } from './shared.js';

export const substitutionReference = transparent;
