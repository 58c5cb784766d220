// A figure is a `<figure>` (align and width from the directive) holding the
// image, its `<figcaption>` and legend.

import type { Properties } from 'hast';
import type { Handler } from '../state.js';

export const figure: Handler = (state, node) => {
  const properties: Properties = {};
  if (node.attributes.align !== undefined) properties.className = [`align-${String(node.attributes.align)}`];
  if (node.attributes.width !== undefined) properties.style = `width: ${String(node.attributes.width)}`;
  return state.element(node, 'figure', properties, state.all(node));
};
