// After every other resolution: a reference whose name matches no target
// becomes `problematic` with an error ("Unknown target name"), one whose name
// is a duplicate likewise; the rest are linked by id. Unreferenced targets get
// an INFO message (filtered at the default report level).

import { normalizeName } from '../names.js';
import { Level } from '../reporter.js';
import { elements, flag, has, parents, replaceNode, setFlag, replaceSelf } from './tree.js';
import type { Transform } from './types.js';

const REFERENCE_TYPES = new Set(['reference', 'footnote_reference', 'citation_reference']);

export const danglingReferences: Transform = {
  name: 'dangling-references',
  priority: 850,
  apply(document, run) {
    const all = elements(document.root);
    let parentOf: Map<import('../nodes.js').RstElement, import('../nodes.js').RstElement> | undefined;
    for (const { node } of all) {
      if (!REFERENCE_TYPES.has(node.type) || flag(node, 'resolved') || !has(node, 'refname')) continue;
      const refname = String(node.attributes.refname);
      const key = normalizeName(refname);
      const id = document.nameIds.get(key);
      if (!id) {
        const text = document.nameIds.has(key)
          ? `Duplicate target name, cannot be used as a unique reference: "${refname}".`
          : `Unknown target name: "${refname}".`;
        const msg = run.message(Level.ERROR, text, { base: node });
        parentOf ??= parents(document.root);
        const parent = parentOf.get(node);
        if (parent) replaceSelf(parent, node, [run.problematic(node, msg, true)]);
        continue;
      }
      delete node.attributes.refname;
      node.attributes.refid = id;
      const target = document.ids.get(id);
      if (target) setFlag(target, 'referenced');
      setFlag(node, 'resolved');
    }
    for (const { node: target } of elements(document.root)) {
      if (target.type !== 'target' || flag(target, 'referenced') || target.attributes.anonymous) continue;
      const naming =
        ((target.attributes.names as string[] | undefined) ?? [])[0] ??
        ((target.attributes.ids as string[] | undefined) ?? [])[0] ??
        String(target.attributes.refid ?? '');
      run.message(Level.INFO, `Hyperlink target "${naming}" is not referenced.`, { base: target });
    }
    void normalizeName;
  },
};
