// Behaviour kept through a refactor: every output a user sees — `netguide
// topology --json` and its summary, `netguide explain` in both languages,
// `netguide trace` (text in both languages, and JSON) for every port of every
// OVS bridge with flows, and the topology pages' data (guidePages) — written
// for a set of inputs by one build, then compared with another build's.
//
//   node dist/scripts/compare-outputs.js snapshot --dist /tmp/before/dist --out /tmp/snap-before
//   node dist/scripts/compare-outputs.js snapshot --dist dist --out /tmp/snap-after
//   node dist/scripts/compare-outputs.js compare /tmp/snap-before /tmp/snap-after
//
// Run from the repository root (evidence paths are relative to it). Inputs:
// the seed, every test/fixtures/topology case, test/fixtures/guides/*, the site
// fixtures, and ../shared/capture-lab/samples/* when present. JSON is compared
// with the message fields a build added left out (`message` beside `text`,
// `title_message`, `reason_message`), and an older finding's `message: {zh, en}`
// read as its `text`: every text and every other field must be identical.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

type Run = (paths: string[], options: Record<string, unknown>, out: (s: string) => void, err: (s: string) => void) => Promise<number>;

/** The inputs, each with a short name for its snapshot folder. */
function inputs(): { name: string; path: string }[] {
  const out: { name: string; path: string }[] = [];
  if (existsSync('content/local/local.rst')) out.push({ name: 'seed', path: 'content/local/local.rst' });
  for (const c of readdirSync('test/fixtures/topology', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const dir = join('test/fixtures/topology', c);
    out.push({ name: `topology-${c}`, path: existsSync(join(dir, 'input.rst')) ? join(dir, 'input.rst') : join(dir, 'bundle') });
  }
  for (const g of readdirSync('test/fixtures/guides').sort()) {
    const rst = readdirSync(join('test/fixtures/guides', g)).filter((f) => f === 'guide.rst' || f === `${g}.rst`);
    for (const f of rst) out.push({ name: `guides-${g}`, path: join('test/fixtures/guides', g, f) });
  }
  for (const s of readdirSync('test/fixtures/site', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    out.push({ name: `site-${s}`, path: join('test/fixtures/site', s, `${s}.rst`) });
  }
  const samples = '../../shared/capture-lab/samples';
  const shared = existsSync(samples) ? samples : '/work/shared/capture-lab/samples';
  if (existsSync(shared)) {
    for (const s of readdirSync(shared, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
      out.push({ name: `sample-${s}`, path: join(shared, s) });
    }
  }
  return out;
}

async function capture(run: Run, paths: string[], options: Record<string, unknown>): Promise<string> {
  let out = '';
  let err = '';
  const status = await run(paths, options, (s) => (out += s), (s) => (err += s));
  return `status: ${status}\n--- stderr\n${err}--- stdout\n${out}`;
}

async function snapshot(dist: string, dir: string): Promise<void> {
  const load = (m: string) => import(pathToFileURL(resolve(dist, m)).href);
  const { runTopology } = (await load('src/cli/topology.js')) as { runTopology: Run };
  const { runExplain } = (await load('src/cli/explain.js')) as { runExplain: Run };
  const { runTrace } = (await load('src/cli/trace.js')) as { runTrace: Run };
  const { guidePages } = (await load('src/site/guide-pages.js')) as { guidePages: (o: { contentRoot: string; report?: (l: string) => void }) => Promise<unknown[]> };
  for (const { name, path } of inputs()) {
    const at = join(dir, name);
    mkdirSync(at, { recursive: true });
    const json = await capture(runTopology, [path], { json: true });
    writeFileSync(join(at, 'topology.json.txt'), json);
    for (const lang of ['en', 'zh']) {
      writeFileSync(join(at, `summary.${lang}.txt`), await capture(runTopology, [path], { lang }));
      writeFileSync(join(at, `explain.${lang}.txt`), await capture(runExplain, [path], { lang }));
    }
    // every port of every OVS bridge with flows, with each VLAN and tunnel id its flows match, as a broadcast and as it is
    const topology = JSON.parse(json.slice(json.indexOf('--- stdout\n') + 11)) as {
      bridges: { host: string; name: string; kind: string; ports: { name: string }[] }[];
      flows: { host: string; bridge: string; match: Record<string, string> }[];
    };
    const traces: string[] = [];
    for (const bridge of topology.bridges.filter((b) => b.kind === 'ovs')) {
      const flows = topology.flows.filter((f) => f.host === bridge.host && f.bridge === bridge.name);
      if (!flows.length) continue;
      const vlans = [...new Set(flows.map((f) => f.match.dl_vlan).filter((v): v is string => v !== undefined))].slice(0, 3);
      const keys = [...new Set(flows.map((f) => f.match.tun_id).filter((v): v is string => v !== undefined && !v.includes('/')))].slice(0, 3);
      for (const port of bridge.ports) {
        const specs = [`in_port=${port.name}`, `in_port=${port.name},dl_dst=ff:ff:ff:ff:ff:ff`, `in_port=${port.name},udp,tp_dst=67`,
          ...vlans.map((v) => `in_port=${port.name},dl_vlan=${v}`), ...vlans.map((v) => `in_port=${port.name},dl_vlan=${v},dl_dst=ff:ff:ff:ff:ff:ff`),
          ...keys.map((k) => `in_port=${port.name},tun_id=${k}`)];
        for (const flow of specs) {
          const base = { bridge: bridge.name, host: bridge.host, flow };
          traces.push(`=== ${bridge.host} ${bridge.name} ${flow} en`, await capture(runTrace, [path], { ...base, lang: 'en' }));
          traces.push(`=== ${bridge.host} ${bridge.name} ${flow} zh`, await capture(runTrace, [path], { ...base, lang: 'zh' }));
          traces.push(`=== ${bridge.host} ${bridge.name} ${flow} json`, await capture(runTrace, [path], { ...base, json: true }));
        }
      }
    }
    writeFileSync(join(at, 'traces.txt'), traces.join('\n'));
  }
  for (const root of ['content', 'test/fixtures/site']) {
    if (!existsSync(root)) continue;
    const pages = await guidePages({ contentRoot: root, report: () => {} });
    writeFileSync(join(dir, `pages-${root.replace(/\//g, '-')}.json`), JSON.stringify(pages, null, 1));
  }
}

/** JSON without the fields a messages build adds, so the rest (texts included) compares as it is. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value !== 'object' || value === null) return value;
  const object = { ...(value as Record<string, unknown>) };
  const message = object['message'] as Record<string, unknown> | undefined;
  if (message && typeof message === 'object' && typeof message['id'] === 'string') delete object['message'];
  else if (message && typeof message === 'object' && 'zh' in message && !('text' in object)) {
    object['text'] = message;
    delete object['message'];
  }
  delete object['title_message'];
  delete object['reason_message'];
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, normalise(v)]));
}

/** A snapshot file's JSON parts (a whole .json file, a capture's stdout, or each trace's JSON) normalised; text as it is. */
function comparable(file: string, text: string): unknown {
  if (file.endsWith('.json')) return normalise(JSON.parse(text));
  if (file === 'topology.json.txt') {
    const cut = text.indexOf('--- stdout\n') + 11;
    return { head: text.slice(0, cut), json: normalise(JSON.parse(text.slice(cut))) };
  }
  if (file === 'traces.txt') {
    return text.split(/\n(?==== )/).map((part) => {
      if (!/^=== .* json\n/.test(part)) return part;
      const cut = part.indexOf('--- stdout\n') + 11;
      const body = part.slice(cut);
      return { head: part.slice(0, cut), json: body.trim().startsWith('{') ? normalise(JSON.parse(body)) : body };
    });
  }
  return text;
}

function compare(before: string, after: string): number {
  let differences = 0;
  let files = 0;
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(before, rel), { withFileTypes: true })) {
      const path = join(rel, entry.name);
      if (entry.isDirectory()) { walk(path); continue; }
      files++;
      const other = join(after, path);
      if (!existsSync(other)) { console.log(`missing after: ${path}`); differences++; continue; }
      const a = comparable(entry.name, readFileSync(join(before, path), 'utf8'));
      const b = comparable(entry.name, readFileSync(other, 'utf8'));
      if (!isDeepStrictEqual(a, b)) {
        differences++;
        console.log(`differs: ${path}`);
        const la = JSON.stringify(a, null, 1).split('\n');
        const lb = JSON.stringify(b, null, 1).split('\n');
        const i = la.findIndex((l, k) => l !== lb[k]);
        console.log(`  first difference at line ${i + 1}:\n  - ${la[i]}\n  + ${lb[i]}`);
      }
    }
  };
  walk('.');
  console.log(`${files} files compared, ${differences} differ`);
  return differences ? 1 : 0;
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'snapshot') {
  const arg = (name: string) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
  await snapshot(arg('--dist') ?? 'dist', arg('--out') ?? 'snapshot');
} else if (mode === 'compare' && rest.length === 2) {
  process.exitCode = compare(rest[0]!, rest[1]!);
} else {
  console.error('usage: compare-outputs snapshot [--dist DIST] [--out DIR] | compare BEFORE AFTER');
  process.exitCode = 2;
}
