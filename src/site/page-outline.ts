// A guide page's outline, taken from its HTML tree: its title, the id of every
// section (the language switcher lands on the same id in the other language),
// and the table of contents the page shows beside the text — the guide's own
// `contents` topic, moved out of the text, or one made from its sections when
// the guide has none. A rehype plugin (a function returning a transformer);
// what it found is left in `options.into`.

import type { Element, ElementContent, Root, RootContent } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';

export interface PageOutline {
  title?: string;
  /** Every section's id, in document order. */
  sectionIds: string[];
  /** The table of contents (a `nav`), out of the text. */
  toc?: Element;
}

export interface PageOutlineOptions {
  /** The title of a table of contents made here, in the page's language. */
  label: string;
  into: PageOutline;
}

const classes = (e: Element): string[] => {
  const c: unknown = e.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
};

const isElement = (n: RootContent | ElementContent): n is Element => n.type === 'element';

/** unified plugin: fill `options.into` with the page's title, section ids and table of contents. */
export function rehypePageOutline(options: PageOutlineOptions) {
  return function transformer(tree: Root): void {
    const into = options.into;
    into.sectionIds = [];
    const sections: Element[] = [];
    let contents: { parent: Root | Element; node: Element } | undefined;
    const visit = (parent: Root | Element): void => {
      for (const child of parent.children) {
        if (!isElement(child)) continue;
        if (child.tagName === 'h1' && classes(child).includes('title') && into.title === undefined) into.title = toString(child).trim();
        if (child.tagName === 'section' && typeof child.properties?.id === 'string') {
          into.sectionIds.push(child.properties.id);
          sections.push(child);
        }
        if (!contents && child.tagName === 'nav' && classes(child).includes('contents')) {
          contents = { parent, node: child };
          continue;
        }
        visit(child);
      }
    };
    visit(tree);
    if (contents) {
      const { parent, node } = contents;
      parent.children = parent.children.filter((c) => c !== node) as never;
      into.toc = node;
    } else if (sections.length > 0) {
      into.toc = h('nav', { className: ['contents'], role: 'doc-toc' }, [
        h('p', { className: ['topic-title'] }, options.label),
        tocList(tree),
      ]);
    }
  };
}

/** The sections directly under `parent` (at any depth of other elements) as a nested list. */
function tocList(parent: Root | Element): Element {
  const items: Element[] = [];
  const collect = (node: Root | Element): void => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (child.tagName === 'section' && typeof child.properties?.id === 'string') {
        const heading = child.children.find((c): c is Element => isElement(c) && /^h[1-6]$/.test(c.tagName));
        const nested = tocList(child);
        items.push(h('li', [h('a', { href: `#${child.properties.id}` }, heading ? toString(heading).trim() : child.properties.id), ...(nested.children.length > 0 ? [nested] : [])]));
      } else {
        collect(child);
      }
    }
  };
  collect(parent);
  return h('ul', items);
}
