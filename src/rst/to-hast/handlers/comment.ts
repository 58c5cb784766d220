// Comments never reach the HTML (they may hold notes not meant for readers).

import { hidden } from './shared.js';

export const comment = hidden;
