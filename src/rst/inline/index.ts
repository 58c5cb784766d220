// Entry point of the inline parser (see types.ts for the contract).
import type { InlineParse } from './types.js';
import { text } from '../nodes.js';

export const parseInline: InlineParse = (request) => ({
  nodes: request.text ? [text(request.text)] : [],
  messages: [],
});
