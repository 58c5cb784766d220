// Direct targets: references by name to an external target (`.. _a: http://…`)
// take its refuri; references to an internal target (`.. _a:` before an
// element, or a section title) take its id.

import { normalizeName } from '../names.js';
import type { RstElement } from '../nodes.js';
import { findAll, flag, has, setFlag } from './tree.js';
import type { Transform } from './types.js';

function markReferenced(node: RstElement): void {
  setFlag(node, 'referenced');
  for (const expected of (node.data?.expectReferencedBy as RstElement[] | undefined) ?? []) setFlag(expected, 'referenced');
}

export const externalTargets: Transform = {
  name: 'external-targets',
  priority: 640,
  apply(document, run) {
    const refnames = run.refnames();
    for (const target of findAll(document.root, 'target')) {
      if (!has(target, 'refuri')) continue;
      for (const name of (target.attributes.names as string[] | undefined) ?? []) {
        const refs = refnames.get(normalizeName(name)) ?? [];
        if (refs.length > 0) markReferenced(target);
        for (const ref of refs) {
          if (flag(ref, 'resolved')) continue;
          delete ref.attributes.refname;
          ref.attributes.refuri = target.attributes.refuri!;
          setFlag(ref, 'resolved');
        }
      }
    }
  },
};

export const internalTargets: Transform = {
  name: 'internal-targets',
  priority: 660,
  apply(document, run) {
    const refnames = run.refnames();
    for (const target of findAll(document.root, 'target')) {
      if (has(target, 'refuri') || has(target, 'refid')) continue;
      for (const name of (target.attributes.names as string[] | undefined) ?? []) {
        const refid = document.nameIds.get(normalizeName(name));
        const refs = refnames.get(normalizeName(name)) ?? [];
        if (refs.length > 0) markReferenced(target);
        for (const ref of refs) {
          if (flag(ref, 'resolved')) continue;
          if (refid) {
            delete ref.attributes.refname;
            ref.attributes.refid = refid;
          }
          setFlag(ref, 'resolved');
        }
      }
    }
  },
};
