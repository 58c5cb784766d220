// The bundled CLI (dist/bundle/, made by scripts/bundle-cli.mjs; src/cli.ts
// runs it when it is fresh) must behave exactly as the modules tsc wrote: the
// same bytes on stdout and stderr and the same exit status, for commands that
// read files beside their own code (the i18n catalogs, package.json) too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../../..');
const cli = join(repo, 'dist/src/cli.js');
const bundle = join(repo, 'dist/bundle/program.mjs');
const fresh = existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(cli).mtimeMs;
const skip = fresh ? false : 'no fresh bundle in dist/bundle/ (npm run compile makes one; `npx tsc` alone does not)';

function run(args: string[], bundled: boolean) {
  const env = { ...process.env };
  if (bundled) delete env['NETGUIDE_NO_BUNDLE'];
  else env['NETGUIDE_NO_BUNDLE'] = '1';
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repo, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cases: string[][] = [
  ['--version'],
  ['rst2xml', 'test/fixtures/rst/core-lists/input.rst'],
  ['rst2html', 'test/fixtures/guides/included-captures/guide.rst'],
  ['parse', 'test/fixtures/topology/gre-two-vms/bundle/network/02-ovs-ofctl-dump-flows-br-tun.txt'],
  ['explain', 'test/fixtures/topology/gre-two-vms/bundle', '--lang', 'zh'],
];

for (const args of cases) {
  test(`should give the same output bundled and unbundled: netguide ${args.join(' ')}`, { skip }, () => {
    for (const path of args.filter((a) => a.includes('/'))) assert.ok(existsSync(join(repo, path)), `fixture ${path}`);
    const bundled = run(args, true);
    const modules = run(args, false);
    assert.ok(bundled.stdout.length > 0, 'some output');
    assert.deepEqual(bundled, modules);
  });
}
