// The small document-wide transforms: stripping comments and classes,
// decorations (header/footer), meta pending nodes, transitions at section
// ends, placing transform messages, and filtering messages by report level.

import { element, isElement, listAttribute, text, type RstElement } from '../nodes.js';
import { Level } from '../reporter.js';
import { findPending, pendingDetails } from './pending.js';
import { elements, findAll, firstChildNotIn, parents, replaceNode, TITULAR } from './tree.js';
import type { Transform } from './types.js';

export const stripClassesAndElements: Transform = {
  name: 'strip-classes',
  priority: 420,
  apply(document, run) {
    const { stripElementsWithClasses, stripClasses } = run.options;
    if (stripElementsWithClasses.length > 0) {
      for (const { node, parent } of elements(document.root)) {
        if (parent && listAttribute(node, 'classes').some((c) => stripElementsWithClasses.includes(c))) replaceNode(parent, node, []);
      }
    }
    if (stripClasses.length > 0) {
      for (const { node } of elements(document.root)) {
        const classes = node.attributes.classes;
        if (Array.isArray(classes)) node.attributes.classes = classes.filter((c) => !stripClasses.includes(c));
      }
    }
  },
};

export const stripComments: Transform = {
  name: 'strip-comments',
  priority: 740,
  apply(document, run) {
    if (!run.options.stripComments) return;
    for (const { node, parent } of elements(document.root)) if (node.type === 'comment' && parent) replaceNode(parent, node, []);
  },
};

/** `meta` (and other writer-specific) pending nodes: HTML output keeps their nodes. */
export const filterPending: Transform = {
  name: 'filter',
  priority: 780,
  apply(document) {
    for (const { node, parent } of findPending(document.root, 'filter')) {
      const details = pendingDetails(node);
      const nodes = Array.isArray(details.nodes) ? (details.nodes as RstElement[]) : [];
      const formats = String(details.format ?? 'html').split(',');
      replaceNode(parent, node, formats.includes('html') ? nodes : []);
    }
  },
};

/** The document's decoration element, made after the titles when first needed. */
export function decoration(root: RstElement): RstElement {
  const existing = root.children.find((child) => child.type === 'decoration');
  if (existing && isElement(existing)) return existing;
  const made = element('decoration');
  const index = firstChildNotIn(root, new Set([...TITULAR, 'meta'])) ?? root.children.length;
  root.children.splice(index, 0, made);
  return made;
}

/** Header/footer content left as pending nodes (`{transform: 'header'|'footer', details: {nodes}}`) goes into the decoration. */
export const decorations: Transform = {
  name: 'decorations',
  priority: 820,
  apply(document) {
    for (const part of ['header', 'footer'] as const) {
      for (const { node, parent } of findPending(document.root, part)) {
        const details = pendingDetails(node);
        const nodes = Array.isArray(details.nodes) ? (details.nodes as RstElement[]) : [];
        replaceNode(parent, node, []);
        if (nodes.length === 0) continue;
        const holder = decoration(document.root);
        let target = holder.children.find((c) => c.type === part) as RstElement | undefined;
        if (!target) {
          target = element(part);
          if (part === 'header') holder.children.unshift(target);
          else holder.children.push(target);
        }
        target.children.push(...nodes);
      }
    }
  },
};

/** Transitions may not start or end a section or sit next to each other; one ending a section moves after it. */
export const transitions: Transform = {
  name: 'transitions',
  priority: 830,
  apply(document, run) {
    for (const node of findAll(document.root, 'transition')) {
      const parentOf = parents(document.root);
      const parent = parentOf.get(node);
      if (!parent) continue;
      let index = parent.children.indexOf(node);
      const first = parent.children[0];
      const second = parent.children[1];
      let error: RstElement | undefined;
      if (index === 0 || (first?.type === 'title' && (index === 1 || (second?.type === 'subtitle' && index === 2)))) {
        error = run.message(Level.ERROR, 'Document or section may not begin with a transition.', { base: node });
      } else if (parent.children[index - 1]?.type === 'transition') {
        error = run.message(Level.ERROR, 'At least one body element must separate transitions; adjacent transitions are not allowed.', { base: node });
      }
      if (error) {
        parent.children.splice(index, 0, error);
        index++;
      }
      if (index !== parent.children.length - 1) continue;
      let sibling: RstElement = node;
      let siblingParent: RstElement | undefined = parent;
      let at = index;
      while (siblingParent && at === siblingParent.children.length - 1) {
        sibling = siblingParent;
        siblingParent = parentOf.get(siblingParent);
        if (!siblingParent) {
          const endError = run.message(Level.ERROR, 'Document may not end with a transition.', { base: node });
          parent.children.splice(parent.children.indexOf(node) + 1, 0, endError);
          break;
        }
        at = siblingParent.children.indexOf(sibling);
      }
      if (!siblingParent) continue;
      replaceNode(parent, node, []);
      siblingParent.children.splice(at + 1, 0, node);
    }
  },
};

/** Messages made by transforms that no transform placed go into a closing "Docutils System Messages" section. */
export const messages: Transform = {
  name: 'messages',
  priority: 860,
  apply(document, run) {
    const placed = new Set(findAll(document.root, 'system_message'));
    const loose = run.messages.filter((msg) => !placed.has(msg));
    if (loose.length === 0) return;
    const position = loose.find((msg) => msg.position)?.position ?? document.root.position;
    document.root.children.push(
      element('section', { classes: ['system-messages'] }, [element('title', {}, [text('Docutils System Messages')], position), ...loose], position),
    );
  },
};

/** Messages under the report level leave the tree; problematic nodes pointing at them become plain text. */
export const filterMessages: Transform = {
  name: 'filter-messages',
  priority: 870,
  apply(document, run) {
    const level = run.options.reportLevel ?? document.settings.reportLevel;
    for (const { node, parent } of elements(document.root)) {
      if (node.type !== 'system_message' || !parent || Number(node.attributes.level) >= level) continue;
      replaceNode(parent, node, []);
      const id = listAttribute(node, 'ids')[0];
      if (id !== undefined) document.ids.delete(id);
    }
    for (const { node, parent } of elements(document.root)) {
      if (node.type !== 'problematic' || !parent) continue;
      if (!document.ids.has(String(node.attributes.refid))) replaceNode(parent, node, [text(toPlain(node), node.position)]);
    }
    for (const { node, parent } of elements(document.root)) {
      if (node.type === 'section' && parent && listAttribute(node, 'classes').includes('system-messages') && node.children.length === 1) {
        replaceNode(parent, node, []);
      }
    }
  },
};

function toPlain(node: RstElement): string {
  return node.children.map((c) => (isElement(c) ? toPlain(c) : c.value)).join('');
}
