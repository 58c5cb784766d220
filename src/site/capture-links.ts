// On a guide's page, each literal block that is a capture gets a link (one per capture it shows) to the
// topology page, at the row of its first output line: from there the reader
// sees what every line turned out to be and the explanations that cite it.
// A capture that is empty, cut short, mislabelled … gets a visible note there too.
// A rehype plugin, run on the guide's HTML tree (rstToHtml's rehypePlugins).

import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';

export interface CaptureLinkTarget {
  /** Line of the guide holding the capture's first output line. */
  line: number;
  /** That line's text, to recognise the block (an included file's block may sit on the same line numbers). */
  text: string;
  /**
   * For a block a `:literal:` include shows at `line` (the directive's): which
   * of its lines is the capture's first output line. Without it, the block's
   * line `line - start` is.
   */
  index?: number;
  /** The row on the topology page (none for a capture without output lines). */
  href?: string;
  /** What is wrong with the capture (empty, cut short, another command's output …): a note under its block. */
  notes?: readonly string[];
}

export interface CaptureLinkOptions {
  targets: readonly CaptureLinkTarget[];
  /** The link's words, in the page's language. */
  label: string;
}

/** unified plugin: a link after every `<pre>` that shows one of `targets`. */
export function rehypeCaptureLinks(options: CaptureLinkOptions) {
  return function transformer(tree: Root): void {
    const stack: (Root | Element)[] = [tree];
    while (stack.length > 0) {
      const parent = stack.pop()!;
      const out: (typeof parent.children)[number][] = [];
      for (const child of parent.children) {
        out.push(child);
        if (child.type !== 'element') continue;
        if (child.tagName !== 'pre') {
          stack.push(child);
          continue;
        }
        // a block may show several captures (a Markdown fence with a `$ cmd` prompt for each): a link and notes for each
        for (const target of targetsOf(child, options.targets)) {
          if (target.href) out.push(h('p', { className: ['capture-link'] }, [h('a', { href: target.href }, options.label)]) as ElementContent);
          // the capture's notes are the captures stage's words (English for now)
          for (const note of target.notes ?? []) out.push(h('p', { className: ['capture-note'], role: 'note', lang: 'en' }, note) as ElementContent);
        }
      }
      parent.children = out as never;
    }
  };
}

/** The targets whose lines this block shows, with the same text on those lines. */
function targetsOf(pre: Element, targets: readonly CaptureLinkTarget[]): CaptureLinkTarget[] {
  const start = pre.position?.start.line;
  const end = pre.position?.end.line;
  if (start === undefined || end === undefined) return [];
  const lines = toString(pre).split('\n');
  return targets.filter((t) => t.line >= start && t.line <= end && sameWords(lines[t.index ?? t.line - start], t.text));
}

/** Equal but for blanks: the block shows tabs expanded, the file has them as written. */
function sameWords(shown: string | undefined, written: string): boolean {
  return shown !== undefined && shown.trim().split(/\s+/).join(' ') === written.trim().split(/\s+/).join(' ');
}
