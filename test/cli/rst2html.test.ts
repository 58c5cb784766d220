// `netguide rst2html`: HTML on stdout, `file:line:col: level: message` on
// stderr, exit status 1 on errors (on warnings with --strict).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(root, 'dist/src/cli.js');
/** The seed guide's vendored copy, relative to the repository (where the CLI runs). */
const seed = 'test/fixtures/seed/local/local.rst';

function run(...args: string[]) {
  return spawnSync(process.execPath, [cli, 'rst2html', ...args], { cwd: root, encoding: 'utf8' });
}

test('should print the seed as an HTML fragment and its missing image as a warning', () => {
  const result = run(seed);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^<h1 class="title">/);
  assert.match(result.stderr, /^test\/fixtures\/seed\/local\/local\.rst:\d+:\d+: warning: Image file not found: "local\.png"/m);
});

test('should fail on warnings with --strict', () => {
  const result = run('--strict', seed);
  assert.equal(result.status, 1);
});

test('should print a whole page with --standalone', () => {
  const result = run('--standalone', seed);
  assert.match(result.stdout, /^<!doctype html>\n<html lang="en">[\s\S]*<title>OpenStack Network - Local<\/title>[\s\S]*<\/html>\n$/);
});

test('should fail on errors and point at their line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rst2html-'));
  const file = join(dir, 'broken.rst');
  writeFileSync(file, 'Title\n=====\n\nSee missing_ here.\n');
  const result = run(file);
  assert.equal(result.status, 1);
  assert.ok(result.stderr.includes(`${file}:4:5: error: Unknown target name: "missing".`), result.stderr);
  assert.match(result.stdout, /<a class="problematic" href="#[^"]+" id="[^"]+">missing_<\/a>/);
});
