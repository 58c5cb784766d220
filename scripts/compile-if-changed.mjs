// Compile src/, test/ and scripts/ into dist/ only when a source changed since
// the last compile (npm run build, test and bench start here): a build with
// nothing changed pays a few milliseconds of stat calls, not TypeScript's
// start-up. `tsc -b` itself compiles incrementally (dist/tsconfig.tsbuildinfo).
// Then the CLI bundle (scripts/bundle-cli.mjs) is remade when it is missing or
// older than the compiled entry (src/cli.ts runs the bundle only when fresh).
// Plain JavaScript: it runs before dist/ exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist/tsconfig.tsbuildinfo');

/** The newest change time of the TypeScript sources and the compiler's settings. */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'fixtures' && entry.name !== 'node_modules') visit(path);
      } else if (entry.name.endsWith('.ts')) {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  for (const dir of ['src', 'test', 'scripts']) if (existsSync(join(root, dir))) visit(join(root, dir));
  for (const file of ['tsconfig.json', 'package.json']) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

if (!existsSync(stamp) || statSync(stamp).mtimeMs < newestSource()) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  // tsc -b leaves its stamp alone when nothing it compiles changed (package.json did): mark this check done
  const now = new Date();
  if (existsSync(stamp)) utimesSync(stamp, now, now);
}

const entry = join(root, 'dist/src/cli.js');
const bundle = join(root, 'dist/bundle/program.mjs');
if (existsSync(entry) && (!existsSync(bundle) || statSync(bundle).mtimeMs < statSync(entry).mtimeMs)) {
  const run = spawnSync(process.execPath, [join(root, 'scripts/bundle-cli.mjs')], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
