// A `problematic` node: the offending source text, linked both ways to the
// system message that explains it (refid → message, message backrefs → node).

import type { Document } from '../document.js';
import { element, listAttribute, text, type Position, type RstElement } from '../nodes.js';

export function problematic(
  document: Document,
  parent: RstElement | undefined,
  rawText: string,
  message: RstElement,
  position?: Position,
): RstElement {
  const messageId = document.setId(message, parent);
  const node = element('problematic', { refid: messageId }, [text(rawText, position)], position);
  const nodeId = document.setId(node);
  listAttribute(message, 'backrefs').push(nodeId);
  return node;
}
