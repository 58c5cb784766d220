// Tests only: compare two docutils XML trees with the shared corpus comparer
// (`../shared/rst-corpus/compare.mjs`, pair mode): ids as a link graph,
// positions ignored, system messages by type and level.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const comparer = join(repoRoot, '../shared/rst-corpus/compare.mjs');

/** Returns undefined on a match, else the comparer's diff. */
export function compareXml(expectedPath: string, candidateXml: string): string | undefined {
  if (!existsSync(comparer)) throw new Error(`missing the shared comparer ${comparer}`);
  const dir = mkdtempSync(join(tmpdir(), 'rst-compare-'));
  const candidatePath = join(dir, 'candidate.xml');
  writeFileSync(candidatePath, candidateXml);
  const result = spawnSync(process.execPath, [comparer, expectedPath, candidatePath], { encoding: 'utf8' });
  if (result.status === 0) return undefined;
  return `${result.stdout}${result.stderr}`;
}
