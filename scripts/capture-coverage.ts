// Prints how the capture parsers account for the lines of every real capture
// (capture-lab samples and seed guides): fact / header / blank / noise / unparsed,
// overall and per parser. Run: npx tsc -p tsconfig.json && node dist/scripts/capture-coverage.js [--list]
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleInputs, coverage, findSamples, guideInputs } from '../src/topology/coverage.js';

const repo = resolve(fileURLToPath(import.meta.url), '../../..');
const samples = findSamples(repo);
if (!samples) console.log('capture-lab samples not found: set NETGUIDE_SAMPLES');
const list = process.argv.includes('--list');
const sets = [['capture-lab samples', samples ? bundleInputs(samples) : []], ['guides', guideInputs(join(repo, 'content'), repo)]] as const;
for (const [name, inputs] of sets) {
  const report = coverage(inputs);
  const lines = Object.values(report.counts).reduce((a, b) => a + b, 0);
  const parsed = inputs.length - report.missing.length;
  console.log(`\n## ${name}: ${inputs.length} captures, ${parsed} parsed, ${report.missing.length} without parser`);
  console.log(`lines ${lines}: ${Object.entries(report.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const width = Math.max(...Object.keys(report.byParser).map((p) => p.length), 6);
  console.log(`${'parser'.padEnd(width)}  captures   fact header  blank  noise unparsed`);
  for (const [parser, c] of Object.entries(report.byParser).sort()) {
    console.log(`${parser.padEnd(width)}  ${[c.captures, c.fact, c.header, c.blank, c.noise, c.unparsed].map((n, i) => String(n).padStart(i === 0 ? 8 : 6)).join(' ')}`);
  }
  for (const m of report.missing) console.log(`no parser: ${m.file} (${m.command}): ${m.reason}`);
  if (list) for (const u of report.unparsed) console.log(`unparsed: ${u}`);
  else if (report.unparsed.length > 0) console.log(`${report.unparsed.length} unparsed lines (--list shows them)`);
}
