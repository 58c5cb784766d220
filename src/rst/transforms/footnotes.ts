// Footnotes and citations: auto-numbered footnotes (`[#]`, `[#label]`) get the
// next free number, symbol footnotes (`[*]`) the next symbol, and every
// footnote/citation reference is linked to its note (refid) and back (backrefs).

import { normalizeName } from '../names.js';
import { element, listAttribute, text, type RstElement } from '../nodes.js';
import { Level } from '../reporter.js';
import type { TransformRun } from './run.js';
import { addBackref, elements, flag, has, parents, replaceNode, setFlag, replaceSelf } from './tree.js';
import type { Transform } from './types.js';

/** Symbols for `[*]` footnotes, in docutils' order; after ten they double (`**`, `††` …). */
const SYMBOLS = ['*', '\u2020', '\u2021', '\u00a7', '\u00b6', '#', '\u2660', '\u2665', '\u2666', '\u2663'];

interface Registry {
  autofootnotes: RstElement[];
  autofootnoteRefs: RstElement[];
  symbolFootnotes: RstElement[];
  symbolFootnoteRefs: RstElement[];
  footnotes: RstElement[];
  citations: RstElement[];
  footnoteRefs: Map<string, RstElement[]>;
  citationRefs: Map<string, RstElement[]>;
}

function collect(root: RstElement): Registry {
  const registry: Registry = {
    autofootnotes: [],
    autofootnoteRefs: [],
    symbolFootnotes: [],
    symbolFootnoteRefs: [],
    footnotes: [],
    citations: [],
    footnoteRefs: new Map(),
    citationRefs: new Map(),
  };
  const targetNotes: RstElement[] = [];
  const push = (map: Map<string, RstElement[]>, node: RstElement) => {
    const key = normalizeName(String(node.attributes.refname));
    map.set(key, [...(map.get(key) ?? []), node]);
  };
  for (const { node } of elements(root)) {
    const auto = node.attributes.auto === undefined ? undefined : String(node.attributes.auto);
    if (node.type === 'footnote') {
      if (auto === '*') registry.symbolFootnotes.push(node);
      else if (auto !== undefined && auto !== '0' && auto !== 'false') (node.data?.targetNote ? targetNotes : registry.autofootnotes).push(node);
      else registry.footnotes.push(node);
    } else if (node.type === 'footnote_reference') {
      if (auto === '*') registry.symbolFootnoteRefs.push(node);
      else if (auto !== undefined && auto !== '0' && auto !== 'false') registry.autofootnoteRefs.push(node);
      if (has(node, 'refname')) push(registry.footnoteRefs, node);
    } else if (node.type === 'citation') {
      registry.citations.push(node);
    } else if (node.type === 'citation_reference' && has(node, 'refname')) {
      push(registry.citationRefs, node);
    }
  }
  // Footnotes made by target-notes are registered after all parsed ones, as in docutils.
  registry.autofootnotes.push(...targetNotes);
  return registry;
}

/**
 * References the parser registered keep their registry order, including ones
 * no longer in the tree (inside a substitution definition the parser threw
 * away): docutils still counts those, so "too many references" matches it.
 */
function withRegistered(registered: readonly RstElement[], inTree: RstElement[]): RstElement[] {
  if (registered.length === 0) return inTree;
  const seen = new Set(registered);
  return [...registered, ...inTree.filter((node) => !seen.has(node))];
}

function firstId(node: RstElement, run: TransformRun): string {
  const ids = listAttribute(node, 'ids');
  return ids[0] ?? run.document.setId(node);
}

export const footnotes: Transform = {
  name: 'footnotes',
  priority: 620,
  apply(document, run) {
    const registry = collect(document.root);
    registry.autofootnoteRefs = withRegistered(document.autofootnoteRefs, registry.autofootnoteRefs);
    registry.symbolFootnoteRefs = withRegistered(document.symbolFootnoteRefs, registry.symbolFootnoteRefs);
    const labels: string[] = [];
    let next = 1;

    // Number the auto-numbered footnotes, skipping numbers already used as names.
    for (const footnote of registry.autofootnotes) {
      let label: string;
      do label = String(next++);
      while (document.nameIds.has(label));
      footnote.children.unshift(element('label', {}, [text(label, footnote.position)], footnote.position));
      for (const name of listAttribute(footnote, 'names')) {
        for (const ref of registry.footnoteRefs.get(normalizeName(name)) ?? []) {
          ref.children.push(text(label, ref.position));
          delete ref.attributes.refname;
          ref.attributes.refid = firstId(footnote, run);
          addBackref(footnote, firstId(ref, run));
          setFlag(ref, 'resolved');
        }
      }
      if (listAttribute(footnote, 'names').length === 0 && listAttribute(footnote, 'dupnames').length === 0) {
        listAttribute(footnote, 'names').push(label);
        document.noteNames(footnote, firstId(footnote, run), footnote, true);
        labels.push(label);
      }
    }

    // Unlabelled references `[#]_` take the unlabelled footnotes in order.
    let i = 0;
    for (const ref of registry.autofootnoteRefs) {
      if (flag(ref, 'resolved') || has(ref, 'refid')) continue;
      const label = labels[i];
      if (label === undefined) {
        const msg = run.message(
          Level.ERROR,
          `Too many autonumbered footnote references: only ${labels.length} corresponding footnotes available.`,
          { base: ref },
        );
        document.setId(msg);
        const parentOf = parents(document.root);
        for (const extra of registry.autofootnoteRefs.slice(registry.autofootnoteRefs.indexOf(ref))) {
          if (flag(extra, 'resolved') || has(extra, 'refname')) continue;
          const parent = parentOf.get(extra);
          if (parent) replaceSelf(parent, extra, [run.problematic(extra, msg)]);
        }
        break;
      }
      ref.children.push(text(label, ref.position));
      const id = document.nameIds.get(label)!;
      ref.attributes.refid = id;
      const footnote = document.ids.get(id);
      if (footnote) addBackref(footnote, firstId(ref, run));
      setFlag(ref, 'resolved');
      i++;
    }

    // Symbol footnotes and their references, in order.
    const symbols: string[] = [];
    registry.symbolFootnotes.forEach((footnote, index) => {
      const symbol = SYMBOLS[index % SYMBOLS.length]!.repeat(Math.floor(index / SYMBOLS.length) + 1);
      symbols.push(symbol);
      footnote.children.unshift(element('label', {}, [text(symbol, footnote.position)], footnote.position));
      firstId(footnote, run);
    });
    for (let r = 0; r < registry.symbolFootnoteRefs.length; r++) {
      const ref = registry.symbolFootnoteRefs[r]!;
      const symbol = symbols[r];
      if (symbol === undefined) {
        const msg = run.message(
          Level.ERROR,
          `Too many symbol footnote references: only ${symbols.length} corresponding footnotes available.`,
          { base: ref },
        );
        document.setId(msg);
        const parentOf = parents(document.root);
        for (const extra of registry.symbolFootnoteRefs.slice(r)) {
          if (flag(extra, 'resolved') || has(extra, 'refid')) continue;
          const parent = parentOf.get(extra);
          if (parent) replaceSelf(parent, extra, [run.problematic(extra, msg)]);
        }
        break;
      }
      ref.children.push(text(symbol, ref.position));
      const footnote = registry.symbolFootnotes[r]!;
      ref.attributes.refid = firstId(footnote, run);
      addBackref(footnote, firstId(ref, run));
    }

    // Manually numbered footnotes and citations: link by label.
    const link = (notes: RstElement[], refs: Map<string, RstElement[]>) => {
      for (const note of notes) {
        for (const name of listAttribute(note, 'names')) {
          for (const ref of refs.get(normalizeName(name)) ?? []) {
            if (flag(ref, 'resolved')) continue;
            delete ref.attributes.refname;
            ref.attributes.refid = firstId(note, run);
            addBackref(note, firstId(ref, run));
            setFlag(ref, 'resolved');
          }
        }
        setFlag(note, 'resolved');
      }
    };
    link(registry.footnotes, registry.footnoteRefs);
    link(registry.citations, registry.citationRefs);
  },
};
