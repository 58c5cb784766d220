// A link definition `[SimpleStack]: https://…` is what RST's
// `.. _SimpleStack: https://…` is: an explicit external `target` with the
// label as its name. References to it were resolved already; the target keeps
// the name and URI in the tree (and a second definition of a label is
// reported as docutils reports a duplicate target).

import type { Definition } from 'mdast';
import type { Handler } from '../state.js';

export const definition: Handler = (state, node: Definition) => {
  const target = state.element(node, 'target', { refuri: node.url });
  const { messages } = state.names.name(target, node.label ?? node.identifier, true, node);
  return [target, ...messages];
};
