// A citation renders like a footnote, with its text label.

import { footnote } from './footnote.js';

export const citation = footnote;
