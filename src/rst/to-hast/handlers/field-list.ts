// A field list is a `<dl class="field-list">`: `:name: body` gives `<dt>name</dt><dd>body</dd>`.

import { wrap } from './shared.js';

export const fieldList = wrap('dl', ['field-list']);
