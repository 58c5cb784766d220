// Tests only: compare two docutils XML trees with the rst corpus' comparer
// (`compare.mjs` of ../shared/rst-corpus, vendored in test/fixtures/rst-corpus-compare
// so a fresh clone runs these tests; pair mode): ids as a link graph, positions
// ignored, system messages by type and level.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, xmlComparer } from '../../fixture-paths.js';

export { repoRoot };
export const comparer = xmlComparer;

/** Returns undefined on a match, else the comparer's diff. */
export function compareXml(expectedPath: string, candidateXml: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'rst-compare-'));
  const candidatePath = join(dir, 'candidate.xml');
  writeFileSync(candidatePath, candidateXml);
  const result = spawnSync(process.execPath, [comparer, expectedPath, candidatePath], { encoding: 'utf8' });
  if (result.status === 0) return undefined;
  return `${result.stdout}${result.stderr}`;
}
