// `[text][label]`, `[label][]` and `[label]` are references to a link
// definition; they are resolved here (CommonMark resolves them while parsing),
// so the tree holds the same `reference` a link would make, with its URI.

import type { LinkReference } from 'mdast';
import { toText } from '../../rst/nodes.js';
import type { Handler } from '../state.js';

export const linkReference: Handler = (state, node: LinkReference) => {
  const definition = state.definitions.get(node.identifier);
  const children = state.all(node);
  // micromark makes a reference only when its definition exists; keep the words if not.
  if (!definition) return children;
  const reference = state.element(node, 'reference', { name: children.map(toText).join(''), refuri: definition.url }, children);
  if (definition.title) reference.data = { title: definition.title };
  return reference;
};
