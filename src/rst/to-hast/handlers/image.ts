// An image is an `<img>`: uri → src, alt (the uri when absent, as docutils
// does), width/height, scale (kept as a data attribute) and align (a class).
// A missing image the caller gave a replacement for becomes that replacement.
// A URI whose scheme is not on the allow-list (../safe-url.ts) gives no `src`:
// the alternative text is shown and the refusal reported.

import type { Element, Properties } from 'hast';
import type { Handler } from '../state.js';
import { classesOf } from './shared.js';
import { refusedUrlMessage, safeImage } from '../safe-url.js';

export const image: Handler = (state, node) => {
  const replacement = state.options.imageReplacements?.get(node);
  if (replacement) return replacement;
  const uri = String(node.attributes.uri ?? '');
  const verdict = safeImage(uri);
  if (verdict.url === undefined) state.warnings.push({ message: refusedUrlMessage('image', uri, verdict.refused!), node, ruleId: 'unsafe-url' });
  const properties: Properties = { ...(verdict.url !== undefined ? { src: verdict.url } : {}), alt: String(node.attributes.alt ?? uri) };
  for (const dimension of ['width', 'height'] as const) {
    const value = node.attributes[dimension];
    if (value !== undefined) properties[dimension] = String(value);
  }
  if (node.attributes.scale !== undefined) properties.dataScale = String(node.attributes.scale);
  const classes = [...classesOf(node)];
  if (node.attributes.align !== undefined) classes.push(`align-${String(node.attributes.align)}`);
  if (classes.length > 0) properties.className = classes;
  const ids = node.attributes.ids;
  if (Array.isArray(ids) && ids.length > 0) properties.id = ids[0]!;
  const img: Element = state.patch(node, { type: 'element', tagName: 'img', properties, children: [] });
  const extra = state.extraIds(node);
  return extra.length > 0 ? [...extra, img] : img;
};
