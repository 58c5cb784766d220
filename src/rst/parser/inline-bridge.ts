// The one place the block parser reaches the inline parser (src/rst/inline/),
// so the inline engineer's parser can replace the placeholder without touching
// the block parser.
export { parseInline } from '../inline/index.js';
