// The house's layering, checked on the import graph of src/: data flows one way
// (text → trees → facts → explanations → pages), and no lower stage reaches up.
//
//   ground floor   src/*.ts but cli.ts and pipeline.ts   imports no stage
//   rst            the reStructuredText reader           ground floor only
//   captures       one parser per command                ground floor only
//   markdown       the Markdown reader                   ground floor, rst's nodes.ts and names.ts
//   topology, explain, render, i18n                      never cli/, site/ or the pipeline
//   pipeline       composes the stages                   never cli/ or site/
//   cli/           imports the libraries; nothing imports cli/

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** `rst`, `captures`, … for a file in a stage folder; `ground`, `pipeline` or `cli-entry` for a file directly in src/. */
function stageOf(file: string): string {
  const parts = relative(src, file).split(sep);
  if (parts.length > 1) return parts[0]!;
  const name = parts[0]!.replace(/\.ts$/, '');
  return name === 'pipeline' ? 'pipeline' : name === 'cli' ? 'cli-entry' : 'ground';
}

/** Every relative import and export-from of a file (static and dynamic), resolved to a .ts file under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specs.map((s) => resolve(dirname(file), s).replace(/\.js$/, '.ts'));
}

const edges = sourceFiles(src).flatMap((from) => importsOf(from).map((to) => ({ from, to })));
const shown = (e: { from: string; to: string }) => `${relative(root, e.from)} → ${relative(root, e.to)}`;
const stageEdges = edges.map((e) => ({ ...e, a: stageOf(e.from), b: stageOf(e.to) })).filter((e) => e.a !== e.b);

test('should find the imports of src/ (the graph is not empty)', () => {
  assert.ok(edges.length > 500, `only ${edges.length} imports found`);
  assert.ok(stageEdges.some((e) => e.a === 'explain' && e.b === 'topology'), 'explain imports topology');
});

test('should keep the ground floor free of every stage', () => {
  const bad = stageEdges.filter((e) => e.a === 'ground');
  assert.deepEqual(bad.map(shown), []);
});

test('should keep rst/ and captures/ on the ground floor alone', () => {
  const bad = stageEdges.filter((e) => (e.a === 'rst' || e.a === 'captures') && e.b !== 'ground');
  assert.deepEqual(bad.map(shown), []);
});

test('should keep markdown/ on the ground floor and rst\'s node vocabulary alone', () => {
  const vocabulary = new Set(['rst/nodes.ts', 'rst/names.ts'].map((f) => join(src, f)));
  const bad = stageEdges.filter((e) => e.a === 'markdown' && e.b !== 'ground' && !vocabulary.has(e.to));
  assert.deepEqual(bad.map(shown), []);
  assert.ok(stageEdges.some((e) => e.a === 'markdown' && vocabulary.has(e.to)), 'markdown builds rst\'s nodes');
});

test('should never let a library stage import cli/, site/ or the pipeline', () => {
  const lower = new Set(['rst', 'captures', 'markdown', 'topology', 'explain', 'render', 'i18n']);
  const bad = stageEdges.filter((e) => lower.has(e.a) && ['cli', 'site', 'pipeline', 'cli-entry'].includes(e.b));
  assert.deepEqual(bad.map(shown), []);
});

test('should let nothing but the command line import cli/', () => {
  const bad = stageEdges.filter((e) => e.b === 'cli' && e.a !== 'cli-entry');
  assert.deepEqual(bad.map(shown), []);
});

test('should keep the pipeline below the site and the command line', () => {
  const bad = stageEdges.filter((e) => e.a === 'pipeline' && (e.b === 'cli' || e.b === 'site'));
  assert.deepEqual(bad.map(shown), []);
});
