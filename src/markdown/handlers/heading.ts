// A heading at the top level of the document is the title of a section (the
// root handler nests sections by depth, see ../sections.ts); a heading inside
// a block quote, list or footnote cannot open a section, as a section title
// cannot in RST, and is docutils' informal heading, a `rubric`.

import type { Heading } from 'mdast';
import type { Handler } from '../state.js';

export const heading: Handler = (state, node: Heading, parent) => {
  const type = parent?.type === 'root' ? 'title' : 'rubric';
  return [state.element(node, type, {}, state.all(node)), ...state.takePending()];
};
