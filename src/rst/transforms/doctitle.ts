// A document made of one top-level section takes that section's title as the
// document title (and a lone subsection's title as subtitle); the `title`
// metadata comes from the `title` directive, the `title` setting, or that title.

import { toText } from '../nodes.js';
import { promoteSubtitle, promoteTitle } from './title-promoter.js';
import { findAll } from './tree.js';
import type { Transform } from './types.js';

export const docTitle: Transform = {
  name: 'doctitle',
  priority: 320,
  apply(document, run) {
    const root = document.root;
    if (run.options.doctitleXform && promoteTitle(root)) promoteSubtitle(root);
    if (root.attributes.title === undefined) {
      if (run.options.title !== undefined) root.attributes.title = run.options.title;
      else if (root.children[0]?.type === 'title') root.attributes.title = toText(root.children[0]);
    }
  },
};

export const sectionSubtitle: Transform = {
  name: 'section-subtitle',
  priority: 350,
  apply(document, run) {
    if (!run.options.sectsubtitleXform) return;
    for (const section of findAll(document.root, 'section')) promoteSubtitle(section);
  },
};
