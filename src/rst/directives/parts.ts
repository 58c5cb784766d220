// Document parts: `contents` (a topic holding a pending node that the contents
// transform fills), `sectnum` / `section-numbering` (a pending node for the
// section-numbering transform), `header` and `footer` (the document's
// decoration element, created on first use).

import { label } from '../languages/index.js';
import { normalizeName } from '../names.js';
import { element, listAttribute, toText, type RstElement } from '../nodes.js';
import { Level } from '../reporter.js';
import { assertHasContent, classesOf, inlineTitle, PENDING_TRANSFORMS, pendingNode } from './helpers.js';
import { choice, classOption, flag, nonnegativeInt, pyInt, unchangedRequired } from './options.js';
import type { DirectiveCall, DirectiveDefinition } from './types.js';

/** docutils' `labels['contents']` in the document's language (src/rst/languages). */
export function contentsLabel(languageCode: string): string {
  return label(languageCode, 'contents') ?? 'Contents';
}

/** `none` is stored as null, like docutils' None (no back-links). */
const backlinksChoice = choice(['top', 'entry', 'none']);
function backlinks(value: string | undefined): string | null {
  const chosen = backlinksChoice(value);
  return chosen === 'none' ? null : chosen;
}

/**
 * Section titles may appear here: at document or section level, or in a
 * sidebar (docutils' `state_machine.match_titles` or a sidebar parent).
 */
function allowsTitles(call: DirectiveCall): boolean {
  const declared = (call.state as { matchTitles?: unknown }).matchTitles;
  if (call.state.parent.type === 'sidebar') return true;
  if (typeof declared === 'boolean') return declared;
  return call.state.parent.type === 'document' || call.state.parent.type === 'section';
}

function contents(call: DirectiveCall) {
  if (!allowsTitles(call)) {
    throw call.error(Level.ERROR, `The "${call.name}" directive may not be used within topics or body elements.`);
  }
  const document = call.state.document;
  const topic = element('topic', { classes: ['contents', ...classesOf(call)] }, [], call.position);
  if ('local' in call.options) listAttribute(topic, 'classes').push('local');
  let messages: RstElement[] = [];
  let name: string;
  if (call.arguments.length > 0) {
    const made = inlineTitle(call, call.arguments[0]!);
    messages = made.messages;
    topic.children.push(made.title);
    name = toText(made.title);
  } else {
    name = contentsLabel(document.settings.languageCode);
    if (!('local' in call.options)) topic.children.push(element('title', {}, [{ type: 'text', value: name }], call.position));
  }
  name = normalizeName(name);
  if (!document.nameIds.has(name)) listAttribute(topic, 'names').push(name);
  document.noteImplicitTarget(topic);
  topic.children.push(pendingNode(call, PENDING_TRANSFORMS.contents, { ...call.options }));
  return [topic, ...messages];
}

function sectnum(call: DirectiveCall) {
  return [pendingNode(call, PENDING_TRANSFORMS.sectnum, { ...call.options })];
}

/** The document's decoration (after any title, subtitle or meta), created when missing. */
function decoration(call: DirectiveCall): RstElement {
  const root = call.state.document.root;
  const existing = root.children.find((child) => child.type === 'decoration');
  if (existing && existing.type !== 'text') return existing as RstElement;
  const made = element('decoration', {}, [], call.position);
  const index = root.children.findIndex((child) => !['title', 'subtitle', 'rubric', 'meta'].includes(child.type));
  if (index < 0) root.children.push(made);
  else root.children.splice(index, 0, made);
  return made;
}

function decorationPart(part: 'header' | 'footer') {
  return (call: DirectiveCall) => {
    assertHasContent(call);
    const holder = decoration(call);
    // The header is always the decoration's first child, the footer its last.
    let target = part === 'header' ? holder.children[0] : holder.children[holder.children.length - 1];
    if (!target || target.type !== part) {
      target = element(part, {}, [], call.position);
      if (part === 'header') holder.children.unshift(target);
      else holder.children.push(target);
    }
    call.state.nestedParse(call.content, target as RstElement);
    return [];
  };
}

const sectnumDefinition: DirectiveDefinition = {
  optionSpec: { depth: pyInt, start: pyInt, prefix: unchangedRequired, suffix: unchangedRequired },
  run: sectnum,
};

export const directives: Record<string, DirectiveDefinition> = {
  contents: {
    optionalArguments: 1,
    finalArgumentWhitespace: true,
    optionSpec: { depth: nonnegativeInt, local: flag, backlinks, class: classOption },
    run: contents,
  },
  sectnum: sectnumDefinition,
  'section-numbering': sectnumDefinition,
  header: { hasContent: true, run: decorationPart('header') },
  footer: { hasContent: true, run: decorationPart('footer') },
};
