// Title promotion shared by doctitle and section subtitles: a node whose only
// content (after titles, comments, targets …) is one section takes that
// section's title as its own title (or subtitle).

import { element, type AttributeValue, type RstElement } from '../nodes.js';
import { firstChildNotIn, PRE_BIBLIOGRAPHIC } from './tree.js';

const BASIC = ['ids', 'names', 'classes', 'dupnames'];

/** The lone section that can be promoted, and its index. */
function candidate(node: RstElement): [RstElement, number] | undefined {
  const index = firstChildNotIn(node, PRE_BIBLIOGRAPHIC);
  if (index === undefined || node.children.length > index + 1) return undefined;
  const section = node.children[index]!;
  return section.type === 'section' ? [section as RstElement, index] : undefined;
}

/** Merge attributes as docutils' update_all_atts_concatenating (lists append, others replace). */
function mergeAttributes(into: RstElement, from: RstElement): void {
  for (const [key, value] of Object.entries(from.attributes)) {
    const current: AttributeValue | undefined = into.attributes[key];
    if (BASIC.includes(key) || (Array.isArray(current) && Array.isArray(value))) {
      into.attributes[key] = [...(Array.isArray(current) ? current : []), ...(Array.isArray(value) ? value : [String(value)])];
    } else {
      into.attributes[key] = Array.isArray(value) ? [...value] : value;
    }
  }
}

export function promoteTitle(node: RstElement): boolean {
  const found = candidate(node);
  if (!found) return false;
  const [section, index] = found;
  mergeAttributes(node, section);
  node.children = [section.children[0]!, ...node.children.slice(0, index), ...section.children.slice(1)];
  return true;
}

export function promoteSubtitle(node: RstElement): boolean {
  const found = candidate(node);
  if (!found) return false;
  const [subsection, index] = found;
  const subtitle = element('subtitle', {}, [], subsection.children[0]?.position);
  mergeAttributes(subtitle, subsection);
  const title = subsection.children[0];
  subtitle.children = title && title.type !== 'text' ? (title as RstElement).children : [];
  node.children = [node.children[0]!, subtitle, ...node.children.slice(1, index), ...subsection.children.slice(1)];
  return true;
}
