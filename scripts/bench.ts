// `npm run bench`: every benchmark of the project, one after another, each in
// its own process so one's heap does not slow the next. Figures and ratios are
// printed; nothing here passes or fails on a time (speed targets are read by
// people, not asserted by tests).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const benches: { title: string; script: string; args?: string[] }[] = [
  { title: 'reStructuredText parser (throughput, docutils ratio, 1 MB line, 5,000 nested quotes)', script: 'bench-rst.js' },
  { title: 'Inline markup on 1 MB single lines', script: 'bench-inline.js' },
  { title: 'OpenFlow flow dumps (100,000 flows)', script: 'bench-captures.js' },
  { title: '`ip link` with 10,000 interfaces', script: '../src/captures/bench/ip-link.js' },
  { title: 'Capture front door (command look-up + parse)', script: 'bench-capture-front-door.js' },
];

let failed = 0;
for (const bench of benches) {
  const script = join(here, bench.script);
  console.log(`\n## ${bench.title}`);
  if (!existsSync(script)) {
    console.log(`(missing: ${script})`);
    failed++;
    continue;
  }
  const run = spawnSync(process.execPath, ['--expose-gc', script, ...(bench.args ?? [])], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.log(`(exited with ${run.status ?? run.signal})`);
    failed++;
  }
}
process.exitCode = failed > 0 ? 1 : 0;
