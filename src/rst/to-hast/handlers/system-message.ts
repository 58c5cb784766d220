// System messages that survive the report level stay visible where they are:
// an `<aside class="system-message">` naming level, file and line, with links
// back to the problematic text.

import type { ElementContent } from 'hast';
import type { Handler } from '../state.js';

export const systemMessage: Handler = (state, node) => {
  const { type, level, source, line } = node.attributes;
  const where: string[] = [];
  if (source !== undefined) where.push(String(source));
  if (line !== undefined) where.push(`line ${String(line)}`);
  const heading: ElementContent[] = [{ type: 'text', position: node.position && structuredClone(node.position), value: `System Message: ${String(type ?? 'ERROR')}/${String(level ?? 3)}${where.length ? ` (${where.join(', ')})` : ''}` }];
  const backrefs = Array.isArray(node.attributes.backrefs) ? (node.attributes.backrefs as string[]) : [];
  backrefs.forEach((id, i) => {
    heading.push(state.patch(node, { type: 'text', value: i === 0 ? '; ' : ' ' }));
    heading.push(
      state.patch(node, {
        type: 'element',
        tagName: 'a',
        properties: { href: `#${id}`, role: 'doc-backlink' },
        children: [state.patch(node, { type: 'text', value: backrefs.length > 1 ? String(i + 1) : 'backlink' })],
      }),
    );
  });
  const title = state.patch(node, { type: 'element' as const, tagName: 'p', properties: { className: ['system-message-title'] }, children: heading });
  const levelName = String(type ?? 'ERROR').toLowerCase();
  return state.element(node, 'aside', { className: ['system-message', levelName], role: levelName === 'info' ? 'note' : 'alert' }, [title, ...state.all(node)]);
};
