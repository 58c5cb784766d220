// Markdown headings are flat; docutils' sections nest. A heading opens a
// section that holds everything up to the next heading of the same or a
// higher level (a smaller depth), as RST's title adornments do:
//
//   # A            <section ids="a">  <title>A</title>
//   text             <paragraph>text</paragraph>
//   ## B             <section ids="b"> <title>B</title> …</section>
//   # C            </section><section ids="c"> …
//
// A skipped level (`#` then `###`) nests one level deeper, without the error
// RST would report: Markdown allows it. Each section is named by its title
// (implicit, so a second "B" makes both `dupnames`, as in docutils).

import type { Heading, Root, RootContent } from 'mdast';
import { span, toText, type RstElement, type RstNode } from '../rst/nodes.js';
import type { State } from './state.js';

export function nestSections(state: State, root: Root, children: RootContent[]): RstNode[] {
  const top: RstNode[] = [];
  const open: { depth: number; section: RstElement }[] = [];
  const here = (): RstNode[] => open[open.length - 1]?.section.children ?? top;
  for (const child of children) {
    if (child.type !== 'heading') {
      here().push(...state.one(child, root));
      continue;
    }
    while (open.length > 0 && open[open.length - 1]!.depth >= child.depth) close(open.pop()!.section);
    const section = state.element(child, 'section');
    const [title, ...messages] = state.one(child, root) as RstElement[];
    const named = state.names.name(section, toText(title!), false, child as Heading);
    section.children.push(title!, ...named.messages, ...messages);
    here().push(section);
    open.push({ depth: child.depth, section });
  }
  while (open.length > 0) close(open.pop()!.section);
  return top;
}

/** A section spans from its title to the end of its last child. */
function close(section: RstElement): void {
  const last = section.children[section.children.length - 1];
  section.position = span(section.position, last?.position) ?? section.position;
}
