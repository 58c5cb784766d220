// One shared shiki highlighter for the whole build: the core highlighter with
// the JavaScript regex engine (no WebAssembly), the two themes, and each
// grammar loaded the first time a document asks for its language.

import { createHighlighterCore, type HighlighterCore, type LanguageRegistration } from '@shikijs/core';
import { createJavaScriptRegexEngine } from '@shikijs/engine-javascript';
import { grammarFor } from './languages.js';

// github-dark-default: its comments keep a 4.5:1 contrast (github-dark's #6a737d on #24292e does not)
export const THEMES = { light: 'github-light', dark: 'github-dark-default' } as const;

let shared: Promise<HighlighterCore> | undefined;
const loaded = new Map<string, Promise<boolean>>();

export function getHighlighter(): Promise<HighlighterCore> {
  shared ??= createHighlighterCore({
    themes: [import('@shikijs/themes/github-light'), import('@shikijs/themes/github-dark-default')],
    langs: [],
    engine: createJavaScriptRegexEngine(),
  });
  return shared;
}

/**
 * Make `language` available; resolves to the grammar's name, or undefined
 * when we have no grammar for it (the caller warns and leaves the block plain).
 */
export async function ensureLanguage(language: string): Promise<string | undefined> {
  const grammar = grammarFor(language);
  if (!grammar) return undefined;
  let ready = loaded.get(grammar);
  if (!ready) {
    ready = (async () => {
      const highlighter = await getHighlighter();
      const module = (await import(`@shikijs/langs/${grammar}`)) as { default: LanguageRegistration[] };
      await highlighter.loadLanguage(...module.default);
      return true;
    })();
    loaded.set(grammar, ready);
  }
  await ready;
  return grammar;
}
