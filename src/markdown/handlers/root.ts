// The root is docutils' `document` (its `source` the guide's name): sections
// nested from the headings (../sections.ts), and the front matter's fields
// placed where docutils' doctitle and docinfo transforms will find them: after
// the title of a lone top-level section (the document title to be, as RST
// authors write `:Author:` under the title), else first in the document.

import type { Root, RootContent, Yaml } from 'mdast';
import { element, isElement, type RstElement, type RstNode } from '../../rst/nodes.js';
import { nestSections } from '../sections.js';
import type { Handler } from '../state.js';

/** docutils' PreBibliographic elements: they may come before the title and the fields. */
const PRE_BIBLIOGRAPHIC = new Set(['comment', 'system_message', 'substitution_definition', 'target', 'pending', 'meta', 'decoration']);

export const root: Handler = (state, node: Root) => {
  const document = element('document', { source: state.source }, [], {
    start: state.pointAt(0),
    end: state.pointAt(state.markdown.length),
  });
  const frontMatter = node.children.find((c): c is Yaml => c.type === 'yaml');
  const fields = frontMatter ? state.one(frontMatter, node) : [];
  const body = nestSections(state, node, node.children.filter((c: RootContent) => c !== frontMatter));
  const lone = loneSection(body);
  if (lone && fields.length > 0 && isFieldList(fields)) lone.children.splice(1, 0, ...fields);
  else body.unshift(...fields);
  document.children.push(...body);
  if (state.title !== undefined) document.attributes.title = state.title;
  if (state.frontMatter !== undefined) document.data = { frontMatter: state.frontMatter };
  return document;
};

/** The one section the doctitle transform would promote: the first and last non-prebibliographic child. */
function loneSection(body: RstNode[]): RstElement | undefined {
  const index = body.findIndex((c) => !(isElement(c) && PRE_BIBLIOGRAPHIC.has(c.type)));
  const candidate = body[index];
  return index === body.length - 1 && candidate && isElement(candidate) && candidate.type === 'section' ? candidate : undefined;
}

function isFieldList(nodes: RstNode[]): boolean {
  return nodes.length === 1 && isElement(nodes[0]!) && nodes[0]!.type === 'field_list';
}
