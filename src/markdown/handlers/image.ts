// `![alt](uri "title")` is docutils' `image` (uri, alt). Inside a paragraph it
// is an inline image; alone in its paragraph, the paragraph handler makes it
// a block image or a figure. The title is kept in `data.title`.

import type { Image } from 'mdast';
import type { Handler } from '../state.js';

export const image: Handler = (state, node: Image) => {
  const attributes: Record<string, string> = { uri: node.url };
  if (node.alt) attributes.alt = node.alt;
  const image = state.element(node, 'image', attributes);
  if (node.title) image.data = { title: node.title };
  return image;
};
