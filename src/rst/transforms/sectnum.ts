// `.. sectnum::` numbers section titles (`1`, `1.1` …, with prefix/suffix,
// start and depth options) by putting a `generated` node in front of each
// title; titles get `auto="1"` so contents can tell.

import { element, isElement, text, type RstElement } from '../nodes.js';
import { findPending, pendingDetails } from './pending.js';
import { replaceNode } from './tree.js';
import type { Transform } from './types.js';

export const sectNum: Transform = {
  name: 'sectnum',
  priority: 710,
  apply(document, run) {
    for (const { node: pending, parent } of findPending(document.root, 'sectnum')) {
      const details = pendingDetails(pending);
      replaceNode(parent, pending, []);
      if (!run.options.sectnumXform) continue;
      const depth = details.depth === undefined ? Infinity : Number(details.depth);
      const start = details.start === undefined ? 1 : Number(details.start);
      const prefix = String(details.prefix ?? '');
      const suffix = String(details.suffix ?? '');
      // Iterative walk: (container, numbers of the container, depth of its sections).
      const stack: Array<[RstElement, string[], number]> = [[document.root, [], 1]];
      while (stack.length > 0) {
        const [container, numbers, level] = stack.pop()!;
        let counter = numbers.length > 0 ? 1 : start;
        const children: Array<[RstElement, string[], number]> = [];
        for (const child of container.children) {
          if (!isElement(child) || child.type !== 'section') continue;
          const own = [...numbers, String(counter)];
          const title = child.children[0];
          if (title && isElement(title)) {
            const label = `${prefix}${own.join('.')}${suffix}\u00a0\u00a0\u00a0`;
            const position = title.position ? { start: title.position.start, end: title.position.start } : undefined;
            title.children.unshift(element('generated', { classes: ['sectnum'] }, [text(label, position)], position));
            title.attributes.auto = 1;
          }
          if (level < depth) children.push([child, own, level + 1]);
          counter++;
        }
        stack.push(...children.reverse());
      }
    }
  },
};
