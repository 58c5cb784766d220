// `.. target-notes::` lists every external target that is referenced as an
// auto-numbered footnote holding its URI, and puts a footnote reference after
// each reference to it (so printed copies keep the links).

import { normalizeName } from '../names.js';
import { element, listAttribute, text, type RstElement, type RstNode } from '../nodes.js';
import { findPending, pendingDetails } from './pending.js';
import type { TransformRun } from './run.js';
import { findAll, parents, replaceNode, setFlag, replaceSelf } from './tree.js';
import type { Transform } from './types.js';

export const targetNotes: Transform = {
  name: 'target-notes',
  priority: 540,
  apply(document, run) {
    for (const { node: pending, parent } of findPending(document.root, 'target-notes')) {
      const details = pendingDetails(pending);
      const classes = Array.isArray(details.class) ? (details.class as string[]) : [];
      const notes = new Map<string, RstElement>();
      const made: RstElement[] = [];
      const refnames = run.refnames();
      const parentOf = parents(document.root);
      const note = (refuri: string, refs: RstElement[]) => {
        const footnote = makeNote(refuri, refs, notes, classes, parentOf, run);
        if (!footnote.position && pending.position) footnote.position = pending.position;
        if (!notes.has(refuri)) {
          notes.set(refuri, footnote);
          made.push(footnote);
        }
      };
      for (const target of findAll(document.root, 'target')) {
        if (target.attributes.refuri === undefined) continue;
        const refs: RstElement[] = [];
        for (const name of (target.attributes.names as string[] | undefined) ?? []) refs.push(...(refnames.get(normalizeName(name)) ?? []));
        if (refs.length > 0) note(String(target.attributes.refuri), refs);
      }
      for (const ref of findAll(document.root, 'reference')) {
        if (ref.attributes.anonymous && ref.attributes.refuri !== undefined) note(String(ref.attributes.refuri), [ref]);
      }
      replaceSelf(parent, pending, made);
    }
  },
};

function makeNote(
  refuri: string,
  refs: RstElement[],
  notes: Map<string, RstElement>,
  classes: string[],
  parentOf: Map<RstElement, RstElement>,
  run: TransformRun,
): RstElement {
  let footnote = notes.get(refuri);
  let name: string;
  if (footnote) {
    name = listAttribute(footnote, 'names')[0]!;
  } else {
    footnote = element('footnote', { auto: 1 });
    const id = run.document.setId(footnote);
    // Upper case and a colon: the parser can never make such a name itself.
    name = `TARGET_NOTE: ${id}`;
    footnote.attributes.names = [name];
    footnote.children.push(element('paragraph', {}, [element('reference', { refuri }, [text(refuri)])]));
    setFlag(footnote, 'targetNote');
    run.document.noteNames(footnote, id, footnote, true);
  }
  for (const ref of refs) {
    if (ref.type === 'target') continue;
    const reference = element('footnote_reference', { auto: 1, refname: name }, [], ref.position);
    if (classes.length > 0) reference.attributes.classes = [...classes];
    run.document.setId(reference);
    const parent = parentOf.get(ref);
    if (!parent) continue;
    const inserted: RstNode[] = [reference];
    if (!run.options.trimFootnoteReferenceSpace) {
      inserted.unshift(classes.length > 0 ? element('inline', { classes: [...classes] }, [text(' ')]) : text(' '));
    }
    parent.children.splice(parent.children.indexOf(ref) + 1, 0, ...inserted);
  }
  return footnote;
}
