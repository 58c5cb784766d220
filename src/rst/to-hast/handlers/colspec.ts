// Column specifications become the table's `<colgroup>` (see tgroup).

import { hidden } from './shared.js';

export const colspec = hidden;
