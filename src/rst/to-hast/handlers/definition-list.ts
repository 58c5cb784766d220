// A definition list is a `<dl>`.

import { wrap } from './shared.js';

export const definitionList = wrap('dl');
