// `![alt][label]`: an image whose URI is a link definition's, resolved here.

import type { ImageReference } from 'mdast';
import type { Handler } from '../state.js';

export const imageReference: Handler = (state, node: ImageReference) => {
  const definition = state.definitions.get(node.identifier);
  if (!definition) return state.text(node.alt ?? '', node);
  const attributes: Record<string, string> = { uri: definition.url };
  if (node.alt) attributes.alt = node.alt;
  const image = state.element(node, 'image', attributes);
  if (definition.title) image.data = { title: definition.title };
  return image;
};
