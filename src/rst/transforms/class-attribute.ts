// The `class` directive without content leaves a pending node: its classes go
// onto the next element that is not invisible (comments, targets …) or a
// system message, climbing out of sections/containers when it is last.

import { Level } from '../reporter.js';
import { element, listAttribute, text, type RstElement } from '../nodes.js';
import { findPending, pendingDetails } from './pending.js';
import { INVISIBLE, parents, replaceNode, replaceSelf } from './tree.js';
import type { Transform } from './types.js';

export const classAttribute: Transform = {
  name: 'class',
  priority: 210,
  apply(document, run) {
    for (const { node: pending } of findPending(document.root, 'class')) {
      const parentOf = parents(document.root);
      const details = pendingDetails(pending);
      const classes = Array.isArray(details.class) ? (details.class as string[]) : String(details.class ?? '').split(/\s+/).filter(Boolean);
      let child: RstElement = pending;
      let parent = parentOf.get(child);
      let done = false;
      while (parent && !done) {
        const siblings = parent.children;
        for (let i = siblings.indexOf(child) + 1; i < siblings.length; i++) {
          const sibling = siblings[i]!;
          if (sibling.type === 'text' || INVISIBLE.has(sibling.type) || sibling.type === 'system_message') continue;
          listAttribute(sibling as RstElement, 'classes').push(...classes);
          done = true;
          break;
        }
        if (!done) {
          child = parent;
          parent = parentOf.get(parent);
        }
      }
      const pendingParent = parentOf.get(pending)!;
      if (done) {
        replaceNode(pendingParent, pending, []);
        continue;
      }
      const raw = typeof pending.data?.rawsource === 'string' ? pending.data.rawsource : '';
      const msg = run.message(Level.ERROR, `No suitable element following "${String(details.directive ?? 'class')}" directive`, {
        base: pending,
        children: [element('literal_block', { 'xml:space': 'preserve' }, [text(raw)], pending.position)],
      });
      replaceSelf(pendingParent, pending, [msg]);
    }
  },
};
