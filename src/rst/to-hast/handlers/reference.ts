// A reference is a link: `refuri` as is (class `external`), `refid` as a
// fragment (class `internal`). A `javascript:` URI is not made a link: text
// from a guide should never run code in the reader's browser.

import type { Properties } from 'hast';
import type { Handler } from '../state.js';

export function safeHref(uri: string): string | undefined {
  return /^\s*(javascript|vbscript|data):/i.test(uri) && !/^\s*data:image\//i.test(uri) ? undefined : uri;
}

export const reference: Handler = (state, node) => {
  const properties: Properties = { className: ['reference'] };
  const { refuri, refid, name } = node.attributes;
  if (typeof refuri === 'string') {
    const href = safeHref(refuri);
    if (href !== undefined) properties.href = href;
    (properties.className as string[]).push('external');
  } else if (typeof refid === 'string') {
    properties.href = `#${refid}`;
    (properties.className as string[]).push('internal');
  }
  if (typeof name === 'string' && name && properties.href === undefined) properties.title = name;
  return state.element(node, 'a', properties, state.all(node));
};
