// Decoded action lists, shared between the flows of one dump that print the
// same `actions=` text. A dump repeats its action lists over and over
// (`resubmit(,2)`, `learn(…),output:1`, `NORMAL`); decoding each text once
// and handing every flow the same value saves the decoding and, above all,
// the objects: the records of a 100,000-flow dump are all kept, and every
// kept object costs the garbage collector a copy.
//
// A shared value must not change under another flow, so it is frozen, deeply,
// when it is first handed out a second time: a consumer that tries to change
// one fails at once instead of corrupting other flows. (Consumers that want to
// change actions map them to new objects, as resolvePortNames does.) A value
// handed out once is not shared and is left as it is. The memo remembers the
// first LIMIT texts of a dump (a dump's repeated texts show up early) and is
// emptied after each dump, so it never keeps a capture's text alive.

import { type FlowAction, parseAction, parseActions } from './flow-actions.js';

/** Distinct texts remembered per kind; later new texts are decoded without being remembered. */
const LIMIT = 4096;

let lists = new Map<string, readonly FlowAction[]>();
let actions = new Map<string, FlowAction>();

/** `parseActions(text)`, shared (and then frozen) by every caller with the same text until `forgetActions()`. */
export function memoParseActions(text: string): FlowAction[] {
  let list = lists.get(text);
  if (list === undefined) {
    list = parseActions(text, memoParseAction);
    if (lists.size < LIMIT) lists.set(text, list);
  } else if (!Object.isFrozen(list)) deepFreeze(list);
  // Typed as a plain array for the record type; once shared it is frozen (see above).
  return list as FlowAction[];
}

/** `parseAction(text)`, shared (and then deeply frozen). */
export function memoParseAction(text: string): FlowAction {
  let action = actions.get(text);
  if (action === undefined) {
    action = parseAction(text);
    if (actions.size < LIMIT) actions.set(text, action);
  } else if (!Object.isFrozen(action)) deepFreeze(action);
  return action;
}

/** Empties the memo (the dump parser calls this when it is done with a capture). */
export function forgetActions(): void {
  lists = new Map();
  actions = new Map();
}

/** Freezes `value` and everything it holds. */
function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object' || Object.isFrozen(item)) continue;
    Object.freeze(item);
    for (const child of Object.values(item)) stack.push(child);
  }
  return value;
}
