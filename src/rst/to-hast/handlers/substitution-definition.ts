// Definitions show where they are used, not where they are defined.

import { hidden } from './shared.js';

export const substitutionDefinition = hidden;
