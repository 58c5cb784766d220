// The pathological inputs of test/pathological/cases.ts at full size (or at
// CI size with --ci), each in its own `node` process: wall time and peak
// memory (maxRSS) per case, as a user's run of netguide would pay them.
//
//   node dist/scripts/pathological.js [--full|--ci] [--case NAME]
// (`npm run fuzz` runs it with --full.)

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cases } from '../test/pathological/cases.js';

const self = fileURLToPath(import.meta.url);
const child = process.argv.indexOf('--child');
if (child >= 0) {
  // one case, in this process: print its summary and this process's peak memory as JSON
  const c = cases.find((x) => x.name === process.argv[child + 1])!;
  const size = Number(process.argv[child + 2]);
  const t0 = performance.now();
  try {
    const summary = await c.run(size);
    process.stdout.write(JSON.stringify({ ok: true, summary, ms: performance.now() - t0, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ ok: false, summary: error instanceof Error ? (error.stack ?? error.message) : String(error), ms: performance.now() - t0, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
  }
} else {
  const ci = process.argv.includes('--ci');
  const only = process.argv.includes('--case') ? process.argv[process.argv.indexOf('--case') + 1] : undefined;
  let failed = 0;
  console.log(`pathological inputs at ${ci ? 'CI' : 'full'} size, each in its own process (wall time, peak RSS):`);
  for (const c of cases) {
    if (only && c.name !== only) continue;
    const size = ci ? c.ci : c.full;
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--stack-size=984', '--max-old-space-size=4096', self, '--child', c.name, String(size)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const wall = Date.now() - started;
    const line = run.stdout.trim().split('\n').pop() ?? '';
    let result: { ok: boolean; summary: string; ms: number; maxRssMb: number } | undefined;
    try {
      result = JSON.parse(line);
    } catch {
      result = undefined;
    }
    const ok = run.status === 0 && result?.ok === true;
    if (!ok) failed++;
    const what = result?.summary ?? `exit ${run.status ?? run.signal}: ${(run.stderr || run.stdout).trim().split('\n').slice(-3).join(' | ')}`;
    console.log(`${c.name.padEnd(18)} ${size.toLocaleString('en').padStart(11)}  ${(wall / 1000).toFixed(1).padStart(6)} s  ${result ? `${result.maxRssMb.toFixed(0).padStart(5)} MB` : '     ? MB'}  ${ok ? 'ok' : 'FAILED'}  ${what}`);
  }
  process.exitCode = failed > 0 ? 1 : 0;
}
