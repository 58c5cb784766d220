// A line block (`| line`) is a `<div class="line-block">` of lines.

import { wrap } from './shared.js';

export const lineBlock = wrap('div', ['line-block']);
