// Substitution references become copies of their definition's content
// (`|name|` → what `.. |name| replace:: …` defined). Names match exactly
// first, then case-insensitively; definitions may use other substitutions
// (nested), and a definition that reaches itself is reported as circular.

import { normalizeName, whitespaceNormalizeName } from '../names.js';
import { element, isElement, text, toText, type RstElement, type RstNode } from '../nodes.js';
import { Level } from '../reporter.js';
import { deepCopy, elements, findAll, has, replaceNode, replaceSelf } from './tree.js';
import type { Transform } from './types.js';

export const substitutions: Transform = {
  name: 'substitutions',
  priority: 220,
  apply(document, run) {
    // Definitions as they stand in the tree (the names that survived duplicate checks).
    const defs = new Map<string, RstElement>();
    const normed = new Map<string, string>();
    for (const definition of findAll(document.root, 'substitution_definition')) {
      for (const name of (definition.attributes.names as string[] | undefined) ?? []) {
        const key = whitespaceNormalizeName(name);
        defs.set(key, definition);
        normed.set(normalizeName(key), key);
      }
    }
    for (const [name, key] of document.substitutionNames) {
      const definition = document.substitutionDefs.get(key);
      if (definition && !normed.has(name) && ((definition.attributes.names as string[] | undefined) ?? []).includes(key)) {
        defs.set(key, definition);
        normed.set(name, key);
      }
    }

    const parentOf = new Map<RstElement, RstElement>();
    const queue: RstElement[] = [];
    for (const { node, parent } of elements(document.root)) {
      if (parent) parentOf.set(node, parent);
      if (node.type === 'substitution_reference') queue.push(node);
    }
    const origin = new Map<RstElement, RstElement>();
    const nested = new Map<string, string[]>();
    const limit = document.settings.lineLengthLimit;

    for (let q = 0; q < queue.length; q++) {
      const ref = queue[q]!;
      const parent = parentOf.get(ref);
      if (!parent || !parent.children.includes(ref)) continue;
      const refname = String(ref.attributes.refname ?? '');
      const key = defs.has(refname) ? refname : normed.get(refname.toLowerCase());
      let problem: RstElement | undefined;
      if (key === undefined) {
        problem = run.message(Level.ERROR, `Undefined substitution referenced: "${refname}".`, { base: ref });
      } else if (toText(defs.get(key)!).length > limit) {
        problem = run.message(Level.ERROR, `Substitution definition "${key}" exceeds the line-length-limit.`, { base: ref });
      }
      if (problem || key === undefined) {
        replaceSelf(parent, ref, [run.problematic(ref, problem!)]);
        continue;
      }
      const definition = defs.get(key)!;
      const index = parent.children.indexOf(ref);
      const trimLeft = has(definition, 'ltrim') || has(definition, 'trim');
      const trimRight = has(definition, 'rtrim') || has(definition, 'trim');
      const before = parent.children[index - 1];
      if (trimLeft && before && before.type === 'text') (before as { value: string }).value = (before as { value: string }).value.trimEnd();
      const after = parent.children[index + 1];
      if (trimRight && after && after.type === 'text') (after as { value: string }).value = (after as { value: string }).value.trimStart();

      const copy = deepCopy(definition);
      const nestedRefs: Array<{ node: RstElement; parent: RstElement }> = [];
      let circular = false;
      for (const { node, parent: inner } of elements(copy)) {
        if (node.type !== 'substitution_reference' || !inner) continue;
        const nestedKey = normed.get(String(node.attributes.refname ?? '').toLowerCase());
        if (nestedKey !== undefined) {
          const seen = nested.get(nestedKey) ?? [];
          nested.set(nestedKey, seen);
          if (seen.includes(nestedKey)) {
            circular = true;
            break;
          }
          seen.push(key);
        }
        origin.set(node, ref);
        nestedRefs.push({ node, parent: inner });
      }
      if (circular) {
        if (parent.type === 'substitution_definition') {
          const raw = run.rawsource(parent);
          const msg = run.message(Level.ERROR, 'Circular substitution definition detected:', {
            base: parent,
            children: [element('literal_block', { 'xml:space': 'preserve' }, [text(raw)], parent.position)],
          });
          const grand = parentOf.get(parent);
          if (grand) replaceSelf(grand, parent, [msg]);
        } else {
          let first = ref;
          while (origin.has(first)) first = origin.get(first)!;
          const msg = run.message(Level.ERROR, `Circular substitution definition referenced: "${refname}".`, { base: first });
          replaceSelf(parent, ref, [run.problematic(ref, msg)]);
        }
        continue;
      }
      const replacement: RstNode[] = copy.children;
      for (const child of replacement) if (isElement(child)) parentOf.set(child, parent);
      for (const { node, parent: inner } of nestedRefs) {
        if (inner !== copy) parentOf.set(node, inner);
        queue.push(node);
      }
      replaceSelf(parent, ref, replacement);
    }
  },
};
