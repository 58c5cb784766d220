// A topic is an `<aside class="topic">`; the table of contents (a topic with
// class `contents`) is a `<nav>` with the ARIA role of a table of contents.

import type { Handler } from '../state.js';
import { classesOf } from './shared.js';

export const topic: Handler = (state, node) => {
  if (classesOf(node).includes('contents')) {
    return state.element(node, 'nav', { className: ['contents'], role: 'doc-toc' }, state.all(node));
  }
  return state.element(node, 'aside', { className: ['topic'] }, state.all(node));
};
