// A joiner beside each parser: every parser of src/captures/registry.ts has
// exactly one joiner in src/topology/joiners/ or is declared to add no facts,
// and every joiner names parsers that exist.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsers } from '../../src/captures/registry.js';
import { joinerOf, joiners, noFacts } from '../../src/topology/joiners/index.js';
import { repoRoot } from './fixture-cases.js';

test('should give every capture parser a joiner, or say why it adds no facts', () => {
  const missing = parsers.map((p) => p.name).filter((name) => !joinerOf(name) && !(name in noFacts));
  assert.deepEqual(missing, [], 'parsers with neither a joiner (src/topology/joiners/) nor a noFacts entry');
  for (const [name, why] of Object.entries(noFacts)) {
    assert.ok(!joinerOf(name), `${name} is declared to add no facts but has a joiner`);
    assert.ok(why.length > 20, `${name}: say why it adds no facts`);
  }
});

test('should name only parsers that exist, each in one joiner', () => {
  const known = new Set(parsers.map((p) => p.name));
  const named = joiners.flatMap((j) => j.parsers);
  assert.deepEqual(named.filter((n) => !known.has(n)), []);
  assert.equal(new Set(named).size, named.length, 'a parser in two joiners');
  for (const name of Object.keys(noFacts)) assert.ok(known.has(name), `noFacts names ${name}, which no parser is`);
});

test('should list every joiner module of the folder in the index', () => {
  const dir = join(repoRoot, 'src/topology/joiners');
  const helpers = new Set(['index.ts', 'joiner.ts', 'state.ts', 'ovs-command.ts']);
  const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && !helpers.has(f));
  // each module is named after (the first of) the parsers it joins
  const firsts = new Set(joiners.map((j) => `${j.parsers[0]}.ts`));
  assert.deepEqual(modules.filter((m) => !firsts.has(m)), [], 'joiner modules the index does not list');
  assert.equal(modules.length, joiners.length);
});
