// The build in progress, shared by `netguide build` (src/site/build.ts, which
// starts Eleventy) and the site's configuration (.eleventy.js, which Eleventy
// loads): the content and output folders, the base URL, --strict, the report.
// Both import this module from dist/, so they see the same object.

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildReport } from './report.js';

/** The project's root (where .eleventy.js and _includes/ live), from the compiled dist/src/site. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface SiteBuild {
  /** The content folder (absolute); the build runs in it. */
  contentRoot: string;
  /** The output folder (absolute). */
  outDir: string;
  /** The URL prefix the site is published under: `/` or `/prefix/`. */
  base: string;
  report: BuildReport;
  /** After every build and rebuild: pages written (Eleventy's results). */
  written?: (outputs: string[]) => Promise<void>;
}

let current: SiteBuild | undefined;

export function setSiteBuild(build: SiteBuild | undefined): void {
  current = build;
}

/** The build in progress; .eleventy.js is only run by `netguide build`. */
export function siteBuild(): SiteBuild {
  if (!current) throw new Error('the site is built with `netguide build` (npm run build), which runs Eleventy with this configuration');
  return current;
}
