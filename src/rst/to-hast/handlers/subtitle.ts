// The document subtitle (a lone subsection's title, promoted) is a
// `<p class="subtitle">` under the `<h1>`; a sidebar's is `sidebar-subtitle`.

import type { Handler } from '../state.js';

export const subtitle: Handler = (state, node, parent) =>
  state.element(node, 'p', { className: [parent?.type === 'sidebar' ? 'sidebar-subtitle' : 'subtitle'] }, state.all(node));
