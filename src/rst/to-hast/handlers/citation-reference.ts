// A citation reference renders like a footnote reference (`[CIT2002]`).

import { footnoteReference } from './footnote-reference.js';

export const citationReference = footnoteReference;
