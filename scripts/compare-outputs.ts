// Behaviour kept through a refactor: every output a user sees — `netguide
// topology --json` and its summary, `netguide explain` in both languages,
// `netguide trace` (text in both languages, and JSON) for every port of every
// OVS bridge with flows, and the topology pages' data (guidePages) — written
// for a set of inputs by one build, then compared with another build's.
//
//   node dist/scripts/compare-outputs.js snapshot --dist /tmp/before/dist --out /tmp/snap-before
//   node dist/scripts/compare-outputs.js snapshot --dist dist --out /tmp/snap-after
//   node dist/scripts/compare-outputs.js compare /tmp/snap-before /tmp/snap-after [--except summary.zh.txt]
//   node dist/scripts/compare-outputs.js mutants --before /tmp/before/dist [--after dist] [--rounds 40]
//
// Run from the repository root (evidence paths are relative to it). Inputs:
// the seed, every test/fixtures/topology case, test/fixtures/guides/*, the site
// fixtures, and ../shared/capture-lab/samples/* when present. JSON is compared
// with the message fields a build added left out (`message` beside `text`,
// `title_message`, `reason_message`, a trace's `outcome_message`), and an older finding's `message: {zh, en}`
// read as its `text`: every text and every other field must be identical.
//
// `mutants` reaches the branches the inputs do not: it joins each input with
// both builds, then, round after round, changes both models the same way
// (drops facts and optional fields, adds a host, flips a tunnel key or a
// socket's address, all from one seeded random sequence), explains them and
// traces each bridge's ports, and compares every text.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * A bundle of the flow dumps the capture fixtures hold (every kind of action
 * the parser reads), one host each, with `ovs-ofctl show` where a fixture
 * names the same bridge: the tracer's rarer words, for the mutants.
 */
function flowBundle(): string {
  const root = mkdtempSync(join(tmpdir(), 'netguide-flows-'));
  const flows = 'test/fixtures/captures/ovs-ofctl-dump-flows';
  const shows = 'test/fixtures/captures/ovs-ofctl-show';
  const showOf = new Map<string, string>();
  for (const d of readdirSync(shows).sort()) {
    const text = readFileSync(join(shows, d, 'input.txt'), 'utf8');
    const bridge = /show\s+(\S+)/.exec(text.split('\n')[0]!)?.[1];
    if (bridge && !showOf.has(bridge)) showOf.set(bridge, text);
  }
  readdirSync(flows).sort().forEach((d, i) => {
    const text = readFileSync(join(flows, d, 'input.txt'), 'utf8');
    const bridge = /dump-flows\s+(\S+)/.exec(text.split('\n')[0]!)?.[1];
    const host = join(root, `h${String(i).padStart(2, '0')}`);
    mkdirSync(host);
    writeFileSync(join(host, '02-dump-flows.txt'), text);
    if (bridge && showOf.has(bridge)) writeFileSync(join(host, '01-show.txt'), showOf.get(bridge)!);
  });
  return root;
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
  delete object['outcome_message'];
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

function compare(before: string, after: string, except: string[] = []): number {
  let differences = 0;
  let files = 0;
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(before, rel), { withFileTypes: true })) {
      const path = join(rel, entry.name);
      if (entry.isDirectory()) { walk(path); continue; }
      if (except.includes(entry.name)) continue;
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

/** A small seeded random sequence (mulberry32), so both builds see the same changes. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = Record<string, unknown>;

/** One change, applied alike to both models (same structure, found by the same indexes). */
function mutate(rng: () => number, models: Json[]): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const first = models[0]!;
  const arrays = ['flows', 'services', 'sockets', 'routes', 'nat', 'links', 'interfaces', 'namespaces', 'vms', 'bridges'] as const;
  const op = pick(['drop', 'drop', 'field', 'field', 'field', 'inner', 'host', 'key', 'socket', 'nat-kind', 'likely', 'set', 'set', 'no-flows', 'no-flows']);
  const list = pick(arrays);
  const items = first[list] as Json[];
  if (op === 'drop') {
    if (!items.length) return 'none';
    const i = Math.floor(rng() * items.length);
    for (const m of models) (m[list] as Json[]).splice(i, 1);
    return `drop ${list}[${i}]`;
  }
  if (op === 'field') {
    if (!items.length) return 'none';
    const i = Math.floor(rng() * items.length);
    const keys = Object.keys(items[i]!).filter((k) => !['host', 'name', 'kind', 'evidence', 'a', 'b', 'certainty', 'reason', 'match', 'actions', 'table', 'priority', 'bridge', 'text', 'addresses', 'ports', 'interfaces', 'to', 'chain', 'destination'].includes(k));
    if (!keys.length) return 'none';
    const key = pick(keys);
    for (const m of models) delete (m[list] as Json[])[i]![key];
    return `delete ${list}[${i}].${key}`;
  }
  if (op === 'inner') {
    // a port of a bridge, an address of an interface, a NIC of a VM, a port's tag
    const where = pick([['bridges', 'ports'], ['interfaces', 'addresses'], ['vms', 'interfaces']] as const);
    const outer = first[where[0]] as Json[];
    if (!outer.length) return 'none';
    const i = Math.floor(rng() * outer.length);
    const inner = outer[i]![where[1]] as Json[];
    if (!inner.length) return 'none';
    const j = Math.floor(rng() * inner.length);
    const field = pick(['drop', 'tag', 'ofport', 'mac', 'type']);
    for (const m of models) {
      const list2 = ((m[where[0]] as Json[])[i]![where[1]] as Json[]);
      if (field === 'drop') list2.splice(j, 1);
      else delete list2[j]![field];
    }
    return `${field} ${where[0]}[${i}].${where[1]}[${j}]`;
  }
  if (op === 'no-flows') {
    // every flow of one bridge: as if its dump-flows was not captured
    const bridges = [...new Set((first['flows'] as Json[]).map((f) => `${f['host']}\u0000${f['bridge']}`))];
    if (!bridges.length) return 'none';
    const key = pick(bridges);
    for (const m of models) m['flows'] = (m['flows'] as Json[]).filter((f) => `${f['host']}\u0000${f['bridge']}` !== key);
    return `no flows of ${key.replace('\u0000', '/')}`;
  }
  if (op === 'set') {
    // an optional field the captures might have given: set to a plausible value
    const [where, field, value] = pick([
      ['nat', 'out_interface', 'qg-0000'], ['services', 'network_id', 'net-0000'], ['services', 'router_id', 'router-0000'],
      ['links', 'remote_ip', '10.9.9.9'], ['bridges', 'ports', []], ['sockets', 'pid', 4242], ['routes', 'via', '10.9.9.1'],
    ] as const);
    const list2 = first[where] as Json[];
    if (!list2.length) return 'none';
    const i = Math.floor(rng() * list2.length);
    for (const m of models) (m[where] as Json[])[i]![field] = Array.isArray(value) ? [] : value;
    const vms = first['vms'] as Json[];
    if (vms.length && rng() < 0.3) for (const m of models) for (const vm of m['vms'] as Json[]) for (const nic of vm['interfaces'] as Json[]) nic['mac'] = 'fa:16:3e:00:00:01';
    return `set ${where}[${i}].${field}`;
  }
  if (op === 'host') {
    for (const m of models) (m['hosts'] as Json[]).push({ name: 'elsewhere', evidence: [] });
    return 'add a host';
  }
  if (op === 'key') {
    const links = (first['links'] as Json[]).map((l, i) => [l, i] as const).filter(([l]) => l['kind'] === 'tunnel');
    if (!links.length) return 'none';
    const [, i] = pick(links);
    const key = pick(['flow', '0x5', undefined]);
    for (const m of models) {
      const l = (m['links'] as Json[])[i]!;
      if (key === undefined) delete l['key'];
      else l['key'] = key;
    }
    return `tunnel ${i} key ${key}`;
  }
  if (op === 'socket') {
    const sockets = first['sockets'] as Json[];
    if (!sockets.length) return 'none';
    const i = Math.floor(rng() * sockets.length);
    const local = pick(['0.0.0.0', '169.254.169.254', '10.9.9.9', '::']);
    for (const m of models) (m['sockets'] as Json[])[i]!['local'] = local;
    return `socket ${i} local ${local}`;
  }
  if (op === 'nat-kind') {
    const nat = first['nat'] as Json[];
    if (!nat.length) return 'none';
    const i = Math.floor(rng() * nat.length);
    const kind = pick(['snat', 'masquerade', 'redirect', 'dnat']);
    for (const m of models) (m['nat'] as Json[])[i]!['kind'] = kind;
    return `nat ${i} kind ${kind}`;
  }
  // a likely link or service loses its reason's certainty (confirmed)
  const withReason = (first['links'] as Json[]).map((l, i) => [l, i] as const).filter(([l]) => l['certainty'] === 'likely');
  if (!withReason.length) return 'none';
  const [, i] = pick(withReason);
  for (const m of models) {
    const l = (m['links'] as Json[])[i]!;
    l['certainty'] = 'confirmed';
    delete l['reason'];
  }
  return `link ${i} confirmed`;
}

/** Traces with one step or exit of every kind the tracer makes, as trace-words reads them. */
function syntheticTraces(): (Json & { topology: Json })[] {
  const flow = (priority: number, match: Record<string, string>) => ({ host: 'h', bridge: 'br', table: 0, priority, match, actions: [], text: '', evidence: [{ file: 'f', line: priority }] });
  const topology = { bridges: [{ host: 'h', name: 'br', kind: 'ovs', ports: [{ name: 'p1', ofport: 1, evidence: [] }] }], flows: [], hosts: [{ name: 'h' }] };
  const action = (type: string, text: string, more: Json = {}) => ({ type, text, ...more });
  const unless = [
    { flow: flow(5, { dl_dst: 'fa:16:3e:00:00:01' }), fields: ['dl_dst=fa:16:3e:00:00:01'] },
    { flow: flow(5, { dl_dst: 'fa:16:3e:00:00:02' }), fields: ['dl_dst=fa:16:3e:00:00:02'] },
    { flow: flow(4, { in_port: '1', dl_vlan: '2' }), fields: ['dl_vlan=2'] },
    { flow: flow(3, { ip: '' }), fields: [] },
  ];
  const steps = [
    { kind: 'lookup', depth: 0, table: 0, flow: flow(9, { in_port: '1' }), unless: [] },
    { kind: 'lookup', depth: 0, table: 1, flow: flow(8, {}), unless },
    { kind: 'lookup', depth: 1, table: 2, unless: [] },
    { kind: 'drop', depth: 1, why: 'miss' },
    { kind: 'lookup', depth: 1, table: 3, unless: unless.slice(2) },
    { kind: 'drop', depth: 1, why: 'miss' },
    { kind: 'set', depth: 1, action: action('move', 'move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[]'), field: 'eth_dst', value: 'fa:16:3e:00:00:09' },
    { kind: 'set', depth: 1, action: action('set_field', 'set_field:5->reg0', { field: 'reg0', value: '5' }), field: 'reg0' },
    { kind: 'set', depth: 1, action: action('mod_vlan_vid', 'mod_vlan_vid:3', { vlan: 3 }), field: 'vlan_tci', value: '3' },
    { kind: 'output', depth: 1, action: action('output', 'output:1'), port: { number: 1 }, skipped: 'in_port' },
    { kind: 'output', depth: 1, action: action('output', 'output:7'), port: { number: 7 }, vlan: null, tunnelId: '0x2a' },
    { kind: 'output', depth: 1, action: action('output', 'output:p1'), port: { name: 'p1' }, vlan: 4, tunnelId: '0x0' },
    ...['NORMAL', 'FLOOD', 'ALL', 'IN_PORT', 'CONTROLLER', 'LOCAL'].map((how, i) => ({ kind: 'forward', depth: 2, action: action('output', how), how, vlan: i % 2 ? null : 5, ...(i > 2 ? { tunnelId: '0x5' } : {}) })),
    { kind: 'learn', depth: 1, action: action('learn', 'learn(table=20,NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],output:NXM_OF_IN_PORT[])', { table: 20 }) },
    { kind: 'conntrack', depth: 1, action: action('ct', 'ct(table=1)'), table: 1, commit: false },
    { kind: 'conntrack', depth: 1, action: action('ct', 'ct(commit)'), commit: true },
    { kind: 'other', depth: 1, action: action('note', 'note:00'), evaluated: true },
    { kind: 'other', depth: 1, action: action('multipath', 'multipath(...)'), evaluated: false },
    { kind: 'drop', depth: 1, why: 'action' },
    { kind: 'drop', depth: 1, why: 'unknown-port' },
    { kind: 'limit', depth: 64, table: 0 },
  ];
  const exits = steps.filter((x) => x.kind === 'output' || x.kind === 'forward');
  return [
    { topology, host: 'h', bridge: 'br', packet: { inPort: { name: 'p1' } }, steps, exits, certain: false },
    { topology, host: 'h', bridge: 'br', packet: { inPort: { name: 'p1' } }, steps: steps.slice(0, 1), exits: exits.slice(0, 1), certain: true },
    { topology, host: 'h', bridge: 'br', packet: { inPort: { name: 'p1' } }, steps: [], exits: [], certain: true },
    { topology, host: 'h', bridge: 'br', packet: { inPort: { name: 'p1' } }, steps: [], exits: [], certain: false },
  ] as unknown as (Json & { topology: Json })[];
}

/** Every text of an explained model (and of traces), whichever build said it: messages said, pairs as they are. */
function texts(value: unknown, say: (m: unknown) => { zh: string; en: string }): unknown {
  if (Array.isArray(value)) return value.map((v) => texts(v, say));
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value as Json)) {
    const said = typeof v === 'object' && v !== null && typeof (v as Json)['id'] === 'string' && !Array.isArray(v) ? say(v) : v;
    out[k === 'message' ? 'text' : k] = k === 'values' ? v : texts(said, say);
  }
  return out;
}

async function mutants(before: string, after: string, rounds: number): Promise<number> {
  // the message ids said, to tell which catalog entries no input or change reached
  const said = new Set<string>();
  const builds = await Promise.all([before, after].map(async (dist) => {
    const load = (m: string) => import(pathToFileURL(resolve(dist, m)).href);
    const sources = (await load('src/topology/sources.js')) as { readSources: (p: string[]) => { guides: unknown[] } };
    const build = (await load('src/topology/build.js')) as { buildTopology: (s: unknown) => Json };
    const explain = (await load('src/explain/index.js')) as { explainTopology: (t: Json, g: unknown[]) => Json };
    const tracer = (await load(existsSync(resolve(dist, 'src/explain/openflow/trace.js')) ? 'src/explain/openflow/trace.js' : 'src/explain/flow-trace.js')) as { traceAcrossPatches: (t: Json, b: Json, p: unknown) => Json[] };
    const words = (await load(existsSync(resolve(dist, 'src/explain/openflow/trace-words.js')) ? 'src/explain/openflow/trace-words.js' : 'src/explain/trace-words.js')) as { traceLines: (t: Json, tr: unknown) => unknown; traceOutcome: (t: Json, tr: unknown) => unknown };
    const i18n = existsSync(resolve(dist, 'src/i18n/messages.js')) ? ((await load('src/i18n/messages.js')) as { bilingual: (m: unknown) => { zh: string; en: string } }) : undefined;
    const message = existsSync(resolve(dist, 'src/message.js')) ? ((await load('src/message.js')) as { messageIds?: (m: unknown, into: Set<string>) => Set<string> }) : undefined;
    return { sources, build, explain, tracer, words, say: (m: unknown) => (message?.messageIds?.(m, said), i18n!.bilingual(m)) };
  }));
  let differences = 0;
  let runs = 0;
  for (const { name, path } of [...inputs(), { name: 'flow-fixtures', path: flowBundle() }]) {
    for (let round = 0; round < rounds; round++) {
      const rng = random([...`${name}/${round}`].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261));
      const read = builds.map((b) => b.sources.readSources([path]));
      const models = builds.map((b, i) => b.build.buildTopology(read[i]));
      const changes: string[] = [];
      const count = round === 0 ? 0 : 1 + Math.floor(rng() * 4);
      for (let k = 0; k < count; k++) changes.push(mutate(rng, models));
      const results = builds.map((b, i) => {
        try {
          const t = b.explain.explainTopology(models[i]!, read[i]!.guides);
          const packets = [{ dl_vlan: '1' }, {}, { udp: '', dl_dst: 'ff:ff:ff:ff:ff:ff', tp_dst: '67' }, { tun_id: '0x1', ip: '' }, { vlan_tci: '0', tcp: '', tp_dst: '80' }];
          const traces = (t['bridges'] as Json[]).filter((br) => br['kind'] === 'ovs').flatMap((br) => (br['ports'] as Json[]).slice(0, 6).flatMap((p) => packets.map((fields) =>
            b.tracer.traceAcrossPatches(t, br, { inPort: { name: p['name'] }, fields }).map((part) => ('trace' in part ? { lines: b.words.traceLines(t, part['trace']), outcome: b.words.traceOutcome(t, part['trace']) } : part)))));
          return texts({ explanations: t['explanations'], walks: t['walks'], findings: t['findings'], links: t['links'], services: t['services'], traces }, b.say);
        } catch (error) {
          return { error: String(error) };
        }
      });
      runs++;
      if (!isDeepStrictEqual(results[0], results[1])) {
        differences++;
        const la = JSON.stringify(results[0], null, 1).split('\n');
        const lb = JSON.stringify(results[1], null, 1).split('\n');
        const i = la.findIndex((l, k) => l !== lb[k]);
        console.log(`differs: ${name} round ${round} (${changes.join('; ')})\n  - ${la[i]}\n  + ${lb[i]}`);
      }
    }
  }
  // every kind of trace step and exit, made up, said by both builds
  const synthetic = syntheticTraces();
  const saidTraces = builds.map((b) => texts(synthetic.map((trace) => ({ lines: b.words.traceLines(synthetic[0]!.topology, trace), outcome: b.words.traceOutcome(synthetic[0]!.topology, trace) })), b.say));
  runs++;
  if (!isDeepStrictEqual(saidTraces[0], saidTraces[1])) {
    differences++;
    const la = JSON.stringify(saidTraces[0], null, 1).split('\n');
    const lb = JSON.stringify(saidTraces[1], null, 1).split('\n');
    const i = la.findIndex((l, k) => l !== lb[k]);
    console.log(`differs: made-up trace steps\n  - ${la[i]}\n  + ${lb[i]}`);
  }
  console.log(`${runs} changed models explained and traced by both builds, ${differences} differ`);
  if (said.size) {
    const catalog = (await import(pathToFileURL(resolve(after, 'src/i18n/catalog.js')).href)) as { catalogOf: (lang: string) => Map<string, string[]> };
    const prose = [...catalog.catalogOf('en').keys()].filter((id) => /^[a-z][a-z0-9-]*:[a-z0-9-]/.test(id) && !/^(role|finding|diagram|figure|capture|cli|legacy):/.test(id));
    const unsaid = prose.filter((id) => !said.has(id));
    console.log(`${prose.length - unsaid.length} of ${prose.length} generated-prose messages said; not reached: ${unsaid.join(', ') || 'none'}`);
  }
  return differences ? 1 : 0;
}

const [mode, ...rest] = process.argv.slice(2);
const arg = (name: string) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
if (mode === 'mutants') {
  process.exitCode = await mutants(arg('--before') ?? 'dist', arg('--after') ?? 'dist', Number(arg('--rounds') ?? 40));
} else if (mode === 'snapshot') {
  await snapshot(arg('--dist') ?? 'dist', arg('--out') ?? 'snapshot');
} else if (mode === 'compare' && rest.length >= 2) {
  // --except NAME: files left out (an output changed on purpose)
  process.exitCode = compare(rest[0]!, rest[1]!, rest.flatMap((r, i) => (rest[i - 1] === '--except' ? [r] : [])));
} else {
  console.error('usage: compare-outputs snapshot [--dist DIST] [--out DIR] | compare BEFORE AFTER [--except FILE] | mutants --before DIST [--after DIST] [--rounds N]');
  process.exitCode = 2;
}
