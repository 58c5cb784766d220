// Raw HTML in a Markdown guide is refused, as the RST reader refuses the
// `raw` directive and role when raw output is disabled (the default): nothing
// of it reaches the page as markup, and nothing of it is lost.
//
//   <!-- note to self -->       a block comment: docutils' `comment` (the page leaves it out)
//   <div>…</div>                a block: a WARNING system_message showing the HTML as a literal block
//   a <kbd>x</kbd> b            inline: `problematic` text linked to a WARNING after the paragraph
//   a<br>b                      a line break, as a hard break is (the only tag taken as meant)
//   a <!-- x --> b              an inline comment is left out, as a browser would

import type { Html } from 'mdast';
import type { Handler } from '../state.js';
import { WARNING } from '../state.js';

const COMMENT = /^<!--[\s\S]*?-->\s*$/;
const BREAK = /^<br\s*\/?>$/i;

export const html: Handler = (state, node: Html, parent) => {
  const inline = parent !== undefined && PHRASING_PARENTS.has(parent.type);
  if (inline) {
    if (BREAK.test(node.value)) return state.text('\n', node);
    if (COMMENT.test(node.value)) return undefined;
    const problematic = state.element(node, 'problematic', {}, [state.text(node.value, node)]);
    const message = state.systemMessage(WARNING, 'raw HTML is disabled; it is shown as text.', node);
    const messageId = state.names.setId(message);
    const problematicId = state.names.setId(problematic);
    problematic.attributes.refid = messageId;
    message.attributes.backrefs = [problematicId];
    state.pending.push(message);
    return problematic;
  }
  if (COMMENT.test(node.value)) {
    const body = node.value.trim().replace(/^<!--[ \t]?/, '').replace(/[ \t]?-->$/, '');
    return state.element(node, 'comment', { 'xml:space': 'preserve' }, [state.text(body, node)]);
  }
  const block = state.element(node, 'literal_block', { 'xml:space': 'preserve' }, [state.text(node.value, node)]);
  return state.systemMessage(WARNING, 'raw HTML is disabled; it is shown as text.', node, [block]);
};

/** mdast nodes whose children are phrasing content. */
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link', 'linkReference']);
