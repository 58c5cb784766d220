// Indirect targets (`.. _a: b_`) point at another target by name: the chain is
// followed to its end, every target on it takes the final refuri (external)
// or refid (internal), and so do the references to those targets. Chains to
// nowhere, to a duplicate name, or round in a circle are errors.

import { normalizeName } from '../names.js';
import type { RstElement } from '../nodes.js';
import { Level } from '../reporter.js';
import type { TransformRun } from './run.js';
import { findAll, flag, has, parents, replaceNode, setFlag, replaceSelf } from './tree.js';
import type { Transform } from './types.js';

export const indirectHyperlinks: Transform = {
  name: 'indirect-hyperlinks',
  priority: 460,
  apply(document, run) {
    const indirect = findAll(document.root, 'target').filter((target) => has(target, 'refname'));
    const state: State = { run, refnames: run.refnames(), refids: run.refids(), inProgress: new Set() };
    for (const target of indirect) {
      if (!flag(target, 'resolved')) resolveTarget(target, state);
      resolveReferences(target, state);
    }
  },
};

interface State {
  run: TransformRun;
  refnames: Map<string, RstElement[]>;
  refids: Map<string, RstElement[]>;
  /** Targets whose chain is being followed (a revisit means a circle). */
  inProgress: Set<RstElement>;
}

function noteRefid(state: State, node: RstElement): void {
  const id = String(node.attributes.refid);
  const list = state.refids.get(id);
  if (list) list.push(node);
  else state.refids.set(id, [node]);
}

function markReferenced(node: RstElement): void {
  setFlag(node, 'referenced');
  for (const expected of (node.data?.expectReferencedBy as RstElement[] | undefined) ?? []) setFlag(expected, 'referenced');
}

/**
 * Follow the chain of `target`. Recursive like docutils' own, so circles are
 * reported on the same target; the depth is the chain length, which is the
 * number of targets written one after another by hand.
 */
function resolveTarget(target: RstElement, state: State): void {
  const { document } = state.run;
  const refname = target.attributes.refname;
  let id: string | null | undefined;
  if (refname === undefined) {
    id = String(target.attributes.refid);
  } else {
    id = document.nameIds.get(normalizeName(String(refname)));
    if (!id) {
      nonexistent(target, state);
      return;
    }
  }
  const reftarget = document.ids.get(id);
  if (!reftarget) {
    nonexistent(target, state);
    return;
  }
  markReferenced(reftarget);
  if (reftarget.type === 'target' && !flag(reftarget, 'resolved') && has(reftarget, 'refname')) {
    if (state.inProgress.has(target)) {
      indirectError(target, 'forming a circular reference', state);
      return;
    }
    state.inProgress.add(target);
    resolveTarget(reftarget, state);
    state.inProgress.delete(target);
  }
  if (has(reftarget, 'refuri')) {
    target.attributes.refuri = reftarget.attributes.refuri!;
    delete target.attributes.refid;
  } else if (has(reftarget, 'refid')) {
    target.attributes.refid = reftarget.attributes.refid!;
    noteRefid(state, target);
  } else if (((reftarget.attributes.ids as string[] | undefined) ?? []).length > 0) {
    target.attributes.refid = id;
    noteRefid(state, target);
  } else {
    nonexistent(target, state);
    return;
  }
  if (refname !== undefined) delete target.attributes.refname;
  setFlag(target, 'resolved');
}

function nonexistent(target: RstElement, state: State): void {
  const name = normalizeName(String(target.attributes.refname ?? ''));
  if (state.run.document.nameIds.has(name)) indirectError(target, 'which is a duplicate, and cannot be used as a unique reference', state);
  else indirectError(target, 'which does not exist', state);
}

function indirectError(target: RstElement, explanation: string, state: State): void {
  const { run } = state;
  const names = (target.attributes.names as string[] | undefined) ?? [];
  const ids = (target.attributes.ids as string[] | undefined) ?? [];
  let naming = names.length > 0 ? `"${names[0]}" ` : '';
  const refs: RstElement[] = [];
  for (const name of names) refs.push(...(state.refnames.get(normalizeName(name)) ?? []));
  for (const id of ids) refs.push(...(state.refids.get(id) ?? []));
  if (ids.length > 0) naming += `(id="${ids[0]}")`;
  const msg = run.message(
    Level.ERROR,
    `Indirect hyperlink target ${naming} refers to target "${String(target.attributes.refname)}", ${explanation}.`,
    { base: target },
  );
  run.document.setId(msg);
  const parentOf = parents(run.document.root);
  for (const ref of new Set(refs)) {
    const parent = parentOf.get(ref);
    if (parent) replaceSelf(parent, ref, [run.problematic(ref, msg)]);
  }
  setFlag(target, 'resolved');
}

/** Give the references to `start` (by name or id) what it resolved to, and follow targets that refer to it. */
function resolveReferences(start: RstElement, state: State): void {
  const stack = [start];
  while (stack.length > 0) {
    const target = stack.pop()!;
    let attribute: 'refid' | 'refuri';
    if (has(target, 'refid')) attribute = 'refid';
    else if (has(target, 'refuri')) attribute = 'refuri';
    else continue;
    const value = target.attributes[attribute]!;
    const follow = (ref: RstElement, drop: 'refname' | 'refid') => {
      if (flag(ref, 'resolved')) return;
      delete ref.attributes[drop];
      ref.attributes[attribute] = value;
      if (attribute === 'refid') noteRefid(state, ref);
      setFlag(ref, 'resolved');
      if (ref.type === 'target') stack.push(ref);
    };
    for (const name of (target.attributes.names as string[] | undefined) ?? []) {
      const refs = state.refnames.get(normalizeName(name)) ?? [];
      if (refs.length > 0) markReferenced(target);
      for (const ref of refs) follow(ref, 'refname');
    }
    for (const id of (target.attributes.ids as string[] | undefined) ?? []) {
      const refs = state.refids.get(id) ?? [];
      if (refs.length > 0) markReferenced(target);
      for (const ref of [...refs]) follow(ref, 'refid');
    }
  }
}
