// A reference is a link: `refuri` as is (class `external`), `refid` as a
// fragment (class `internal`). A URI whose scheme is not on the allow-list
// (`javascript:`, `data:` …, see ../safe-url.ts) is not made a link: its text
// is shown and the refusal reported at the reference. Text from a guide never
// runs code in the reader's browser.

import type { Properties } from 'hast';
import { refusedUrlMessage, safeLink } from '../safe-url.js';
import type { Handler } from '../state.js';

/** `uri` when it may be a link's target, else undefined. */
export function safeHref(uri: string): string | undefined {
  return safeLink(uri).url;
}

export const reference: Handler = (state, node) => {
  const properties: Properties = { className: ['reference'] };
  const { refuri, refid, name } = node.attributes;
  if (typeof refuri === 'string') {
    const verdict = safeLink(refuri);
    if (verdict.url !== undefined) properties.href = verdict.url;
    else state.warnings.push({ message: refusedUrlMessage('link', refuri, verdict.refused!), node, ruleId: 'unsafe-url' });
    (properties.className as string[]).push('external');
  } else if (typeof refid === 'string') {
    properties.href = `#${refid}`;
    (properties.className as string[]).push('internal');
  }
  if (typeof name === 'string' && name && properties.href === undefined) properties.title = name;
  return state.element(node, 'a', properties, state.all(node));
};
