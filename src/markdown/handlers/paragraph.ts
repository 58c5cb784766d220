// A paragraph is docutils' `paragraph`; the messages its inline content left
// (refused HTML) follow it, where docutils puts them. An image alone in its
// paragraph is a block image, and a figure with its alt text as the caption
// when it has one (pandoc's implicit figures):
//
//   ![The topology](local.png)   →  <figure><image alt="The topology" uri="local.png"/><caption>The topology</caption></figure>
//   ![](local.png)               →  <image uri="local.png"/>

import type { Image, ImageReference, Paragraph, PhrasingContent } from 'mdast';
import type { RstElement } from '../../rst/nodes.js';
import type { Handler, State } from '../state.js';

export const paragraph: Handler = (state, node: Paragraph) => {
  const alone = aloneImage(node);
  if (alone) return [figureOf(state, node, alone), ...state.takePending()];
  return [state.element(node, 'paragraph', {}, state.all(node)), ...state.takePending()];
};

function aloneImage(node: Paragraph): Image | ImageReference | undefined {
  const content = node.children.filter((c: PhrasingContent) => !(c.type === 'text' && c.value.trim() === ''));
  const only = content.length === 1 ? content[0] : undefined;
  return only && (only.type === 'image' || only.type === 'imageReference') ? only : undefined;
}

function figureOf(state: State, node: Paragraph, image: Image | ImageReference): RstElement {
  const converted = state.one(image, node)[0] as RstElement;
  if (!image.alt) return converted;
  const caption = state.element(image, 'caption', {}, [state.text(image.alt, image)]);
  return state.element(node, 'figure', {}, [converted, caption]);
}
