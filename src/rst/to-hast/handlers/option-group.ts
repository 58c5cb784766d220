// The options of one row, comma separated, as keyboard input.

import type { ElementContent } from 'hast';
import type { Handler } from '../state.js';

export const optionGroup: Handler = (state, node) => state.element(node, 'td', {}, [{ type: 'element', tagName: 'kbd', properties: {}, children: joinOptions(state.all(node)) }]);

function joinOptions(options: ElementContent[]): ElementContent[] {
  return options.flatMap((option, i) => (i === 0 ? [option] : [{ type: 'text', value: ', ' } as ElementContent, option]));
}
