// A bridge whose only flow is `actions=NORMAL` with no match: a learning
// switch with no flow processing, nothing for the tracer to follow.

import type { Flow } from '../../topology/model.js';

export function isPlainSwitch(flows: Flow[]): boolean {
  return flows.length > 0 && flows.every((f) => f.actions.length === 1 && f.actions[0]!.type === 'output' && (f.actions[0] as { port?: { reserved?: string } }).port?.reserved === 'NORMAL' && Object.keys(f.match).length === 0);
}
