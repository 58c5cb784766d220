// Every guide's topology pages (guide × language), built from the compiled
// pipeline in dist/ (npm run build compiles first).
import { relative } from 'node:path';
import { guidePages } from '../../dist/src/site/guide-pages.js';

export default async function (configData) {
  const input = configData?.eleventy?.directories?.input ?? 'content';
  return guidePages({ contentRoot: relative(process.cwd(), input) || '.' });
}
