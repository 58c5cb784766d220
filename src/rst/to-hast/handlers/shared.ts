// Building blocks for the one-file-per-node-type handlers: most rst elements
// map to one HTML element holding their converted children.

import type { ElementContent, Properties } from 'hast';
import type { RstElement } from '../../nodes.js';
import type { Handler, State } from '../state.js';

/** A handler making `<tagName>` (with `className`) around the converted children. */
export function wrap(tagName: string, className?: string[], extra: Properties = {}): Handler {
  return (state: State, node: RstElement) =>
    state.element(node, tagName, className ? { className: [...className], ...extra } : { ...extra }, state.all(node));
}

/** A handler for nodes that render as their children only (structure HTML has no element for). */
export const transparent: Handler = (state, node) => [...state.extraIds(node), ...state.all(node)];

/** A handler for nodes that never show (comments, substitution definitions, spent pending nodes). */
export const hidden: Handler = () => undefined;

export function textContent(node: RstElement): string {
  let out = '';
  const stack: Array<RstElement | { type: 'text'; value: string }> = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'text') out += (current as { value: string }).value;
    else {
      const children = (current as RstElement).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as RstElement);
    }
  }
  return out;
}

export function classesOf(node: RstElement): string[] {
  const value = node.attributes.classes;
  return Array.isArray(value) ? value : [];
}

export function isContent(value: ElementContent | undefined): value is ElementContent {
  return value !== undefined;
}
