// docs/topology.schema.json (draft 2020-12) validates the `--json` output of
// `netguide topology` for the seed guide, every capture-lab sample and every
// topology fixture; and it rejects a model that breaks it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { runTopology } from '../../src/cli/topology.js';
import { caseInput, caseNames, repoRoot } from './fixture-cases.js';
import { labSamples, seedGuide } from '../fixture-paths.js';

const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/topology.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
const LAB = labSamples;

async function jsonOf(path: string): Promise<unknown> {
  let out = '';
  const status = await runTopology([path], { json: true }, (s) => (out += s), () => undefined);
  assert.equal(status, 0);
  return JSON.parse(out);
}

const inputs = [
  seedGuide,
  ...readdirSync(LAB, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(LAB, d.name)),
  ...caseNames().map(caseInput),
];

for (const input of inputs) {
  test(`topology --json of ${input.replace(repoRoot, '')} matches docs/topology.schema.json`, async () => {
    const json = await jsonOf(input);
    const ok = validate(json);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 1));
  });
}

test('the schema rejects a likely link without a reason and an unknown finding kind', async () => {
  const json = (await jsonOf(seedGuide)) as { links: { certainty: string }[]; findings: { kind: string }[] };
  json.links[0]!.certainty = 'likely';
  assert.equal(validate(json), false);
  const again = (await jsonOf(seedGuide)) as { findings: { kind: string }[] };
  again.findings[0]!.kind = 'maybe';
  assert.equal(validate(again), false);
});
