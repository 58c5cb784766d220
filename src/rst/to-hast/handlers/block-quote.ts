// A block quote (also epigraph, highlights, pull-quote by class) is a `<blockquote>`.

import { wrap } from './shared.js';

export const blockQuote = wrap('blockquote');
