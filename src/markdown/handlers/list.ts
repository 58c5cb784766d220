// A list is docutils' `bullet_list` (its `bullet` the marker as written) or
// `enumerated_list` (arabic, the suffix as written, `start` when not 1):
//
//   + a          →  <bullet_list bullet="+">
//   3) a         →  <enumerated_list enumtype="arabic" prefix="" start="3" suffix=")">

import type { List } from 'mdast';
import type { Handler, State } from '../state.js';

export const list: Handler = (state, node: List) => {
  const marker = markerOf(state, node);
  if (!node.ordered) return state.element(node, 'bullet_list', { bullet: marker || '-' }, state.all(node));
  const attributes: Record<string, string | number> = { enumtype: 'arabic', prefix: '', suffix: marker.slice(-1) === ')' ? ')' : '.' };
  if (node.start !== null && node.start !== undefined && node.start !== 1) attributes.start = node.start;
  return state.element(node, 'enumerated_list', attributes, state.all(node));
};

/** The first item's marker as written: `-`, `*`, `+`, or digits and `.`/`)`. */
function markerOf(state: State, node: List): string {
  const first = node.children[0];
  const at = first?.position?.start.offset;
  if (at === undefined) return '';
  return /^(?:[-*+]|\d{1,9}[.)])/.exec(state.markdown.slice(at, at + 11))?.[0] ?? '';
}
