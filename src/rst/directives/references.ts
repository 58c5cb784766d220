// `target-notes`: a pending node; the target-notes transform later turns every
// external target into a footnote placed here.

import { addName, PENDING_TRANSFORMS, pendingNode } from './helpers.js';
import { classOption, unchanged } from './options.js';
import type { DirectiveDefinition } from './types.js';

export const directives: Record<string, DirectiveDefinition> = {
  'target-notes': {
    optionSpec: { class: classOption, name: unchanged },
    run(call) {
      const details = { ...call.options };
      delete details.name;
      const pending = pendingNode(call, PENDING_TRANSFORMS.targetNotes, details);
      addName(call, pending);
      return [pending];
    },
  },
};
