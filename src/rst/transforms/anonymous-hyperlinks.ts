// Anonymous references (`text__`) and anonymous targets (`__ uri`) pair up in
// order; when the counts differ every anonymous reference becomes problematic.

import { Level } from '../reporter.js';
import { findAll, flag, has, parents, replaceNode, setFlag, replaceSelf } from './tree.js';
import type { Transform } from './types.js';

export const anonymousHyperlinks: Transform = {
  name: 'anonymous-hyperlinks',
  priority: 440,
  apply(document, run) {
    const refs = findAll(document.root, 'reference').filter((node) => node.attributes.anonymous);
    const targets = findAll(document.root, 'target').filter((node) => node.attributes.anonymous);
    if (refs.length !== targets.length) {
      const msg = run.message(
        Level.ERROR,
        `Anonymous hyperlink mismatch: ${refs.length} references but ${targets.length} targets.\nSee "backrefs" attribute for IDs.`,
      );
      document.setId(msg);
      const parentOf = parents(document.root);
      for (const ref of refs) {
        const parent = parentOf.get(ref);
        if (parent) replaceSelf(parent, ref, [run.problematic(ref, msg)]);
      }
      return;
    }
    refs.forEach((ref, i) => {
      let target = targets[i]!;
      setFlag(target, 'referenced');
      for (;;) {
        if (has(target, 'refuri')) {
          ref.attributes.refuri = target.attributes.refuri!;
          setFlag(ref, 'resolved');
          break;
        }
        const ids = (target.attributes.ids as string[] | undefined) ?? [];
        if (ids.length === 0) {
          // A propagated target: follow it to the element that now has its id.
          const next = document.ids.get(String(target.attributes.refid));
          if (!next || next === target) break;
          target = next;
          continue;
        }
        ref.attributes.refid = ids[0]!;
        break;
      }
      void flag;
    });
  },
};
