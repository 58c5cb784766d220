// What a capture block shows, under (or beside) it: the explanations, findings
// and walk steps whose evidence lies in the block, numbered, each with the
// lines it rests on marked in the block (`class="line noted"`, the note
// numbers in `data-notes`) and its evidence as links. Walk steps that say the
// same thing at the same place (the first steps of every walk from one VM) are
// one note naming each walk. All of it is HTML: readable without a script.

import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Topology } from '../../topology/model.js';
import { evidenceAnchors } from '../anchors.js';
import { evidenceLinks, type EvidenceLink, type EvidenceOptions } from '../evidence.js';
import { evidenceSpan } from '../evidence-html.js';
import type { WalkView } from '../walks/view.js';
import { explanationText, findingText, ui } from '../words.js';

export interface Note {
  kind: 'explanation' | 'finding' | 'walk-step';
  /** A finding's kind (`confirmed`, `contradicted` …). */
  verdict?: string;
  text: string;
  /** The author's words a finding checks. */
  claim?: string;
  /** The step's place (`compute / qbr…`). */
  place?: string;
  /** The walks a step belongs to, with its number in each. */
  walks?: { title: string; slug: string; n: number }[];
  evidence: EvidenceLink[];
  /** Ids of the lines of this block it rests on. */
  here: string[];
}

/**
 * The notes of every block: `blockOf` tells which block (by index) shows a
 * line id. A note goes under each block holding some of its lines.
 */
export function notesByBlock(topology: Topology, walks: readonly WalkView[], lang: string, blockOf: (anchor: string) => number | undefined, evidence: EvidenceOptions): Map<number, Note[]> {
  const out = new Map<number, Note[]>();
  const place = (anchors: string[], note: Omit<Note, 'here'>) => {
    const byBlock = new Map<number, string[]>();
    for (const a of anchors) {
      const b = blockOf(a);
      if (b !== undefined) byBlock.set(b, [...(byBlock.get(b) ?? []), a]);
    }
    for (const [b, here] of byBlock) out.set(b, [...(out.get(b) ?? []), { ...note, here }]);
  };
  for (const e of topology.explanations) {
    place(evidenceAnchors(e.evidence, evidence.anchor), { kind: 'explanation', text: explanationText(e, lang), evidence: evidenceLinks(e.evidence, evidence) });
  }
  for (const f of topology.findings) {
    place(evidenceAnchors(f.evidence, evidence.anchor), {
      kind: 'finding', verdict: f.kind, text: findingText(f, lang), evidence: evidenceLinks(f.evidence, evidence), ...(f.claim ? { claim: f.claim.text } : {}),
    });
  }
  // walk steps: one note per place and text in a block, naming every walk it is a step of
  const steps = new Map<string, { note: Omit<Note, 'here'>; anchors: string[] }>();
  for (const w of walks) {
    for (const s of w.steps) {
      const key = `${s.place}\u0000${s.text}\u0000${s.lines.join(' ')}`;
      const known = steps.get(key);
      if (known) known.note.walks!.push({ title: w.title, slug: w.slug, n: s.n });
      else steps.set(key, { note: { kind: 'walk-step', text: s.text, place: s.place, walks: [{ title: w.title, slug: w.slug, n: s.n }], evidence: [...s.evidence, ...s.trace.flatMap((t) => t.evidence)] }, anchors: s.lines });
    }
  }
  for (const { note, anchors } of steps.values()) place(anchors, { ...note, evidence: dedupe(note.evidence) });
  return out;
}

function dedupe(links: EvidenceLink[]): EvidenceLink[] {
  const seen = new Set<string>();
  return links.filter((l) => !seen.has(l.label) && seen.add(l.label));
}

/** The aside under a block: its numbered notes. `id` prefixes the notes' ids; `what` names the block (its command) for the aside's label. */
export function notesAside(notes: readonly Note[], id: string, lang: string, what: string): Element {
  const title = ui('notes:title', lang);
  return h('aside', { className: ['capture-notes'], ariaLabel: ui('notes:title-of', lang, { command: what }) }, [
    h('p', { className: ['capture-notes-title'] }, title),
    h('ol', { className: ['notes'] }, notes.map((n, i) => noteItem(n, `${id}-note-${i + 1}`, lang))),
  ]);
}

function noteItem(note: Note, id: string, lang: string): Element {
  const kind = note.kind === 'finding' ? ui(`finding:${note.verdict}`, lang) : ui(`notes:${note.kind}`, lang);
  const text = (value: string): ElementContent => ({ type: 'text', value });
  const body: ElementContent[] = [];
  if (note.kind === 'walk-step') {
    body.push(h('strong', { className: ['at'] }, note.place ?? ''), text(`: ${note.text} `), walkRefs(note.walks ?? [], lang));
  } else if (note.claim) {
    body.push(h('q', note.claim), text(` — ${note.text}`));
  } else {
    body.push(text(note.text));
  }
  return h('li', { className: ['note', note.kind, ...(note.verdict ? [note.verdict] : [])], id, dataLines: note.here.join(' ') }, [
    h('span', { className: ['note-kind'] }, kind),
    ' ',
    ...body,
    ...(note.evidence.length > 0 ? [' ', evidenceSpan(note.evidence)] : []),
  ]);
}

/** `(SNAT walk, step 3; metadata walk, step 3)`, each a link to its walk. */
function walkRefs(walks: readonly { title: string; slug: string; n: number }[], lang: string): Element {
  const text = (value: string): ElementContent => ({ type: 'text', value });
  const children: ElementContent[] = [text('(')];
  walks.forEach((w, i) => {
    if (i > 0) children.push(text(ui('notes:list-separator', lang)));
    children.push(h('a', { href: `#${w.slug}`, dataWalk: w.slug, dataStep: String(w.n) }, w.title), text(ui('notes:step-of-walk', lang, { n: w.n })));
  });
  children.push(text(')'));
  return h('span', { className: ['walk-refs'] }, children);
}
