// Entry point of the inline parser (see types.ts for the contract).
import { Inliner } from './inliner.js';
import type { InlineParse } from './types.js';

export const parseInline: InlineParse = (request) => new Inliner(request).parse();
