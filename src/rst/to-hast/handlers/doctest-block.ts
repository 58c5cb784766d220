// A doctest block (`>>> …`) is a `<pre class="doctest-block">` of Python.

import type { Handler } from '../state.js';
import { textContent } from './shared.js';

export const doctestBlock: Handler = (state, node) =>
  state.element(node, 'pre', { className: ['doctest-block'] }, [
    state.patch(node, { type: 'element', tagName: 'code', properties: { className: ['language-pycon'] }, children: [{ type: 'text', value: textContent(node) }] }),
  ]);
