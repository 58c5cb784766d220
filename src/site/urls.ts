// Where each page of the site lives, in one place: every link on every page is
// made here (root-relative; Eleventy's HTML base plugin puts --base-url in
// front of each when the site is written).
//
//   /                          choose a language (x-default)
//   /<lang>/                   the home page of a language: every guide
//   /<lang>/<guide>/           a guide
//   /<lang>/<guide>/topology/  its topology, explanations, walks and captures

import type { Language } from './languages.js';

export const rootUrl = (): string => '/';
export const homeUrl = (lang: Language): string => `/${lang}/`;
export const guideUrl = (lang: Language, slug: string): string => `/${lang}/${slug}/`;
export const topologyUrl = (lang: Language, slug: string): string => `/${lang}/${slug}/topology/`;

/** A guide folder's name as a URL segment: kept as it is when it is already safe, else slugified. */
export function slugOf(name: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) return name;
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || encodeURIComponent(name);
}

/** `base` (`/`, `/prefix/`, `prefix`) as Eleventy's pathPrefix: one leading and one trailing slash. */
export function normaliseBase(base: string | undefined): string {
  const inner = (base ?? '/').split('/').filter(Boolean).join('/');
  return inner ? `/${inner}/` : '/';
}
