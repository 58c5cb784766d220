// The claims corpus: test/fixtures/claims/<topology>.json holds claim
// sentences (zh and en; true ones, and false ones made by changing a name,
// number or relation of a true one) against a fixture topology, each with the
// verdict it should get. The engine reads each sentence as the guide's
// claims are read (checkSentence) and the sentence's verdict is the worst of
// its claims' (contradicted > not understood > unprovable > confirmed).
// Precision and recall per verdict and overall are printed; a floor is asserted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSentence } from '../../src/explain/claims.js';
import { explained, repoRoot } from '../topology/fixture-cases.js';
import type { Topology } from '../../src/topology/model.js';

type Kind = 'confirmed' | 'contradicted' | 'unprovable' | 'not-understood';
const KINDS: Kind[] = ['confirmed', 'contradicted', 'unprovable', 'not-understood'];
const RANK: Record<Kind, number> = { confirmed: 0, unprovable: 1, 'not-understood': 2, contradicted: 3 };

interface Corpus { input: string; note: string; claims: { text: string; lang: 'zh' | 'en'; expected: Kind; host?: string }[] }

const dir = join(repoRoot, 'test/fixtures/claims');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

function topologyOf(input: string): Topology {
  const cwd = process.cwd();
  process.chdir(repoRoot);
  try {
    return explained([input]);
  } finally {
    process.chdir(cwd);
  }
}

const results: { file: string; text: string; lang: string; expected: Kind; got: Kind }[] = [];
for (const file of files) {
  const corpus = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Corpus;
  const topology = topologyOf(corpus.input);
  corpus.claims.forEach((c, i) => {
    const checked = checkSentence(topology, { text: c.text, file: `${file}#${i}`, line: i + 1, listItem: true, ...(c.host ? { host: c.host } : {}) }, c.host ? { host: c.host } : {});
    const got = checked.map((x) => x.verdict.kind as Kind).reduce<Kind>((worst, k) => (RANK[k] > RANK[worst] ? k : worst), checked.length ? 'confirmed' : 'not-understood');
    results.push({ file, text: c.text, lang: c.lang, expected: c.expected, got });
  });
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

test('the claims corpus has at least 200 sentences, about half zh and half en, true and false', () => {
  assert.ok(results.length >= 200, `${results.length} sentences`);
  const zh = results.filter((r) => r.lang === 'zh').length;
  assert.ok(zh >= 100 && results.length - zh >= 100, `${zh} zh, ${results.length - zh} en`);
  assert.ok(results.filter((r) => r.expected === 'contradicted').length >= 80);
});

test('the claims corpus: precision and recall per verdict and overall', (t) => {
  const lines: string[] = [`claims corpus: ${results.length} sentences in ${files.length} files`];
  for (const k of KINDS) {
    const tp = results.filter((r) => r.got === k && r.expected === k).length;
    const predicted = results.filter((r) => r.got === k).length;
    const actual = results.filter((r) => r.expected === k).length;
    lines.push(`  ${k.padEnd(15)} precision ${pct(tp, predicted).padStart(6)} (${tp}/${predicted})  recall ${pct(tp, actual).padStart(6)} (${tp}/${actual})`);
  }
  const right = results.filter((r) => r.got === r.expected).length;
  lines.push(`  overall         accuracy (micro precision = recall) ${pct(right, results.length)} (${right}/${results.length})`);
  for (const lang of ['zh', 'en']) {
    const of = results.filter((r) => r.lang === lang);
    lines.push(`  ${lang}              ${pct(of.filter((r) => r.got === r.expected).length, of.length)} (${of.filter((r) => r.got === r.expected).length}/${of.length})`);
  }
  const understood = results.filter((r) => r.got !== 'not-understood').length;
  lines.push(`  understood      ${pct(understood, results.length)} (${understood}/${results.length})`);
  const wrong = results.filter((r) => r.got !== r.expected);
  for (const r of wrong) lines.push(`  miss ${r.file}: expected ${r.expected}, got ${r.got}: ${r.text}`);
  for (const line of lines) t.diagnostic(line);
  console.log(lines.join('\n'));
  // the floors: measured, not hoped for
  assert.ok(right / results.length >= 0.85, `accuracy ${pct(right, results.length)}`);
  const tpC = results.filter((r) => r.got === 'confirmed' && r.expected === 'confirmed').length;
  const predC = results.filter((r) => r.got === 'confirmed').length;
  const tpX = results.filter((r) => r.got === 'contradicted' && r.expected === 'contradicted').length;
  const predX = results.filter((r) => r.got === 'contradicted').length;
  assert.ok(tpC / predC >= 0.95, `confirmed precision ${pct(tpC, predC)}`);
  assert.ok(tpX / predX >= 0.9, `contradicted precision ${pct(tpX, predX)}`);
});
