// A literal block is a `<pre>` holding its text exactly. One with a language
// (`code-block:: bash`, `include` with `:code: bash`; docutils gives it the
// classes `code bash`) is `<pre><code class="language-bash">`, which the shiki
// step highlights. Token children (`inline` nodes from a highlighting parser)
// and line numbers are flattened to their text: nothing of the block is lost.

import type { Handler } from '../state.js';
import { classesOf, textContent } from './shared.js';

export function literalLanguage(classes: string[]): string | undefined {
  if (!classes.includes('code')) return undefined;
  return classes.find((c) => c !== 'code' && c !== 'literal-block' && c !== 'number-lines');
}

export const literalBlock: Handler = (state, node) => {
  const classes = classesOf(node);
  const value = textContent(node);
  const language = literalLanguage(classes);
  if (language === undefined) {
    return state.element(node, 'pre', { className: ['literal-block'] }, [{ type: 'text', value }]);
  }
  const code = state.patch(node, {
    type: 'element' as const,
    tagName: 'code',
    properties: { className: [`language-${language}`] },
    children: [{ type: 'text' as const, value }],
  });
  return state.element(node, 'pre', { className: ['literal-block'] }, [code]);
};
