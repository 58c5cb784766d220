// An empty internal target (`.. _name:` with nothing after the colon) names
// the element that follows it: its ids and names move there, and the target
// keeps only a `refid` pointing at its former id.

import { listAttribute } from '../nodes.js';
import { elements, has, INVISIBLE, nextElementAfter, parents, setFlag, TARGETABLE, TEXT_ELEMENTS } from './tree.js';
import type { Transform } from './types.js';

export const propagateTargets: Transform = {
  name: 'propagate-targets',
  priority: 260,
  apply(document) {
    const parentOf = parents(document.root);
    for (const { node: target, parent } of elements(document.root)) {
      if (target.type !== 'target' || !parent) continue;
      if (TEXT_ELEMENTS.has(parent.type)) continue; // an inline target
      if (has(target, 'refid') || has(target, 'refuri') || has(target, 'refname')) continue;
      let next = nextElementAfter(target, parentOf);
      // Messages may be filtered out later, so the target skips them.
      while (next && next.type === 'system_message') next = nextElementAfter(next, parentOf);
      if (!next || ((INVISIBLE.has(next.type) || TARGETABLE.has(next.type)) && next.type !== 'target')) continue;
      const ids = listAttribute(target, 'ids');
      const names = listAttribute(target, 'names');
      if (ids.length === 0) continue;
      listAttribute(next, 'ids').push(...ids);
      listAttribute(next, 'names').push(...names);
      const expected = (next.data?.expectReferencedBy as Array<unknown> | undefined) ?? [];
      setFlag(next, 'expectReferencedBy', [...expected, target, ...((target.data?.expectReferencedBy as unknown[]) ?? [])]);
      for (const id of ids) document.ids.set(id, next);
      target.attributes.refid = ids[0]!;
      target.attributes.ids = [];
      target.attributes.names = [];
    }
  },
};
