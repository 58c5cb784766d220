// rst → hast: `rstToHast(tree, options)` turns a (transformed) docutils-style
// tree into a hast fragment close to docutils' html5 writer, one handler per
// node type (handlers/); `rstRehype()` is the unified bridge so that
// `unified().use(rstParse).use(rstTransforms).use(rstRehype).use(rehypeStringify)` works.

import type { Element, ElementContent, Root, RootContent } from 'hast';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { hasControlCharacters, showControlCharacters } from '../../control-characters.js';
import type { Document } from '../document.js';
import { getLanguage } from '../languages/index.js';
import { isElement, type RstElement } from '../nodes.js';
import { handlers as defaultHandlers } from './handlers/index.js';
import { State, type ToHastOptions } from './state.js';

export type { Handler, ToHastOptions } from './state.js';
export { State } from './state.js';

export function rstToHast(tree: RstElement, options: ToHastOptions = {}): Root {
  return rstToHastWithState(tree, options).root;
}

/** The labels a page shows: the language module's words, then the caller's. */
function labelsFor(options: ToHastOptions): Record<string, string> {
  return { ...getLanguage(options.languageCode).labels, ...options.labels };
}

/** Like rstToHast, also returning the conversion warnings (unknown node types). */
export function rstToHastWithState(tree: RstElement, options: ToHastOptions = {}): { root: Root; state: State } {
  const state = new State({ ...defaultHandlers, ...options.handlers }, options, labelsFor(options));
  return { root: convert(tree, state), state };
}

function convert(tree: RstElement, state: State): Root {
  const hasTitle = tree.type === 'document' && tree.children.some((child) => isElement(child) && child.type === 'title');
  state.context = { sectionDepth: 0, headingOffset: hasTitle ? 1 : 0 };
  const children: ElementContent[] =
    tree.type === 'document' ? [...state.extraIds(tree), ...state.all(tree)] : state.one(tree, undefined);
  const root: Root = { type: 'root', children: children as RootContent[] };
  if (tree.position) root.position = structuredClone(tree.position);
  // Subtrees deferred for depth are converted now, each from a fresh stack.
  const filled = new Map<Element, ElementContent[]>();
  for (let i = 0; i < state.deferred.length; i++) {
    const { node, placeholder, context } = state.deferred[i]!;
    state.context = context;
    filled.set(placeholder, state.all(node));
  }
  if (filled.size > 0) splicePlaceholders(root, filled);
  return root;
}

/** Replace each placeholder by its content, iteratively (placeholders can nest). */
function splicePlaceholders(root: Root, filled: Map<Element, ElementContent[]>): void {
  const stack: Array<Root | Element> = [root];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    const out: Array<RootContent> = [];
    let changed = false;
    const queue = [...parent.children] as RootContent[];
    while (queue.length > 0) {
      const child = queue.shift()!;
      if (child.type === 'element' && filled.has(child)) {
        queue.unshift(...(filled.get(child)! as RootContent[]));
        changed = true;
        continue;
      }
      out.push(child);
      if (child.type === 'element') stack.push(child);
    }
    if (changed) parent.children = out as never;
  }
}

export interface RstRehypeOptions extends ToHastOptions {
  /**
   * Check that images exist, relative to this folder (default: the folder of
   * the file being converted). A missing image is a warning at its line.
   */
  imageBase?: string;
  checkImages?: boolean;
  /**
   * Called for each image whose file is missing (after its warning): what to
   * show instead (a hast node), or undefined to keep the broken `<img>`.
   */
  missingImage?: (uri: string, node: RstElement) => ElementContent | undefined;
}

/** unified plugin: the rst tree becomes a hast tree (for rehype plugins and rehype-stringify). */
export function rstRehype(options: RstRehypeOptions = {}) {
  return function transformer(tree: RstElement, file: VFile): Root {
    const missing = options.checkImages !== false ? checkImages(tree, file, options.imageBase) : [];
    const imageReplacements = new Map<RstElement, ElementContent>();
    for (const node of missing) {
      const replacement = options.missingImage?.(String(node.attributes.uri ?? ''), node);
      if (replacement) imageReplacements.set(node, replacement);
    }
    const languageCode = options.languageCode ?? (file.data as { rst?: Document }).rst?.settings.languageCode;
    const { root, state } = rstToHastWithState(tree, { ...options, languageCode, imageReplacements });
    showControls(root);
    for (const warning of state.warnings) {
      const place = warning.node.position?.start;
      const message = file.message(warning.message, { place, ruleId: warning.ruleId ?? 'unknown-node', source: 'rst-html' });
      message.fatal = false;
    }
    return root;
  };
}

/** Warn about images whose file is missing (relative URIs only); returns their nodes. */
function checkImages(tree: RstElement, file: VFile, imageBase: string | undefined): RstElement[] {
  const document = (file.data as { rst?: Document }).rst;
  const base = imageBase ?? (file.path ? dirname(file.path) : document?.settings.baseDir);
  const missing: RstElement[] = [];
  if (!base) return missing;
  const stack: RstElement[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children) if (isElement(child)) stack.push(child);
    if (node.type !== 'image') continue;
    const uri = String(node.attributes.uri ?? '');
    if (!uri || /^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('//') || isAbsolute(uri)) continue;
    const source = typeof node.data?.source === 'string' ? node.data.source : undefined;
    const folder = source && source !== file.path ? dirname(source) : base;
    const path = resolve(folder, safeDecodeUri(uri.split(/[?#]/)[0]!));
    if (existsSync(path)) continue;
    const message = file.message(`Image file not found: "${uri}".`, {
      place: node.position?.start,
      ruleId: 'image-not-found',
      source: 'rst-html',
    });
    message.fatal = false;
    missing.push(node);
  }
  return missing;
}

/** decodeURI, or the text as written when it is not a valid URI (`100%.png`, a lone surrogate). */
function safeDecodeUri(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}

/** Control characters (NUL, ESC …) in text and attribute values become visible symbols (␀, ␛): never raw in a page. */
function showControls(root: Root): void {
  const stack: (Root | ElementContent)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      node.value = showControlCharacters(node.value);
      continue;
    }
    if (node.type === 'element') {
      for (const [key, value] of Object.entries(node.properties)) {
        if (typeof value === 'string' && hasControlCharacters(value)) node.properties[key] = showControlCharacters(value);
      }
    }
    if ('children' in node) for (const child of node.children) stack.push(child as ElementContent);
  }
}
