// Not @shikijs/rehype (its core entry): it swaps the whole <pre> for shiki's (id, classes, positions lost), never checks that the highlighted text equals the block's, and reports unknown languages without a place; this plugin keeps all three.
// rehype plugin: highlight the literal blocks the rst → hast step marks with
// a language (`<pre><code class="language-bash">`) using the shared shiki
// highlighter, light and dark colours as CSS variables. The block keeps its
// element, id, classes and position; only the code's content becomes
// coloured spans. If the highlighted text would differ from the original in
// any way, the block stays plain: no line of a literal block is ever lost.
// Highlighting is bounded by line length, never by time: shiki's default
// 500 ms per line made a loaded machine colour a block differently from an
// idle one (two builds must be byte-identical); a line longer than
// MAX_HIGHLIGHTED_LINE is left plain instead.

import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { ensureLanguage, getHighlighter, THEMES } from './highlighter.js';
import { PLAIN_LANGUAGES } from './languages.js';

export interface ShikiLiteralsOptions {
  /** Warn about languages without a grammar (default true). */
  warnUnknown?: boolean;
}

/** Longest line tokenized (rst refuses longer lines anyway: docutils' line_length_limit). */
export const MAX_HIGHLIGHTED_LINE = 10_000;

interface Found {
  pre: Element;
  code: Element;
  language: string;
}

function textOf(node: ElementContent | Root): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' && node.type !== 'root') return '';
  let out = '';
  const stack: Array<ElementContent> = [...node.children].reverse() as ElementContent[];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'text') out += current.value;
    else if (current.type === 'element') for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]!);
  }
  return out;
}

/** Every `<pre>` whose only child is a `<code class="language-…">`, found without recursion. */
function findCodeBlocks(tree: Root): Found[] {
  const found: Found[] = [];
  const stack: Array<Root | Element> = [tree];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'pre' && child.children.length === 1) {
        const code = child.children[0]!;
        if (code.type === 'element' && code.tagName === 'code') {
          const classes = Array.isArray(code.properties.className) ? (code.properties.className as string[]) : [];
          const language = classes.find((c) => c.startsWith('language-'))?.slice('language-'.length);
          if (language) {
            found.push({ pre: child, code, language });
            continue;
          }
        }
      }
      stack.push(child);
    }
  }
  return found;
}

/** shiki writes `class` as a string, hast utilities as a `className` array. */
function classList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [];
}

export function rehypeShikiLiterals(options: ShikiLiteralsOptions = {}) {
  const warnUnknown = options.warnUnknown !== false;
  return async function transformer(tree: Root, file: VFile): Promise<void> {
    const blocks = findCodeBlocks(tree);
    if (blocks.length === 0) return;
    const highlighter = await getHighlighter();
    for (const { pre, code, language } of blocks) {
      if (PLAIN_LANGUAGES.has(language.toLowerCase())) continue;
      const grammar = await ensureLanguage(language);
      if (!grammar) {
        if (warnUnknown) {
          const message = file.message(`No syntax highlighting for language "${language}"; the block is shown plain.`, {
            place: code.position?.start ?? pre.position?.start,
            ruleId: 'unknown-language',
            source: 'highlight',
          });
          message.fatal = false;
        }
        continue;
      }
      const original = textOf(code);
      const highlighted = highlighter.codeToHast(original, { lang: grammar, themes: THEMES, defaultColor: 'light', tokenizeTimeLimit: 0, tokenizeMaxLineLength: MAX_HIGHLIGHTED_LINE });
      const shikiPre = highlighted.children.find((n): n is Element => n.type === 'element' && n.tagName === 'pre');
      const shikiCode = shikiPre?.children.find((n): n is Element => n.type === 'element' && n.tagName === 'code');
      if (!shikiPre || !shikiCode || textOf(shikiCode) !== original) {
        const message = file.message(`Highlighting changed the text of a "${language}" block; it is shown plain.`, {
          place: code.position?.start,
          ruleId: 'highlight-mismatch',
          source: 'highlight',
        });
        message.fatal = false;
        continue;
      }
      // Tokens get the block's place, and `class` strings become hast `className` lists.
      const position = code.position;
      const stack: ElementContent[] = [...shikiCode.children];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (position) node.position = structuredClone(position);
        if (node.type !== 'element') continue;
        if (typeof node.properties.class === 'string') {
          node.properties.className = classList(node.properties.class);
          delete node.properties.class;
        }
        stack.push(...node.children);
      }
      code.children = shikiCode.children;
      const preClasses = Array.isArray(pre.properties.className) ? (pre.properties.className as string[]) : [];
      const shikiClasses = classList(shikiPre.properties.className ?? shikiPre.properties.class);
      pre.properties.className = [...preClasses, ...shikiClasses.filter((c) => !preClasses.includes(c))];
      if (shikiPre.properties.style !== undefined) pre.properties.style = shikiPre.properties.style;
      pre.properties.dataLanguage = language;
    }
  };
}
