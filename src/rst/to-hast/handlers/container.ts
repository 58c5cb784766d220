// The `container` directive is a `<div>` with its classes.

import { wrap } from './shared.js';

export const container = wrap('div', ['docutils', 'container']);
