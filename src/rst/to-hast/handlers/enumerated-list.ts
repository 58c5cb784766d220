// An enumerated list is an `<ol>`: the numbering style becomes the `type`
// attribute (and a class), a start other than 1 the `start` attribute.

import type { Properties } from 'hast';
import type { Handler } from '../state.js';
import { isCompactList } from './compact.js';

const TYPES: Record<string, string> = { arabic: '1', loweralpha: 'a', upperalpha: 'A', lowerroman: 'i', upperroman: 'I' };

export const enumeratedList: Handler = (state, node) => {
  const enumtype = String(node.attributes.enumtype ?? 'arabic');
  const properties: Properties = { className: [enumtype] };
  if (TYPES[enumtype] && enumtype !== 'arabic') properties.type = TYPES[enumtype]!;
  const start = Number(node.attributes.start ?? 1);
  if (Number.isFinite(start) && start !== 1) properties.start = start;
  const compact = isCompactList(node);
  if (compact) (properties.className as string[]).push('simple');
  return state.element(node, 'ol', properties, state.within({ compact }, () => state.all(node)));
};
