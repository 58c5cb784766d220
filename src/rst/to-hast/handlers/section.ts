// A section is a `<section>` with its id; its title's heading level follows
// the nesting (see title.ts).

import type { Handler } from '../state.js';

export const section: Handler = (state, node) =>
  state.element(
    node,
    'section',
    {},
    state.within({ sectionDepth: state.context.sectionDepth + 1 }, () => state.all(node)),
  );
