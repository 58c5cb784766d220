// What changed between two topologies: two captures of one cloud, a guide's
// inline captures against a new bundle, or a saved `netguide topology --json`
// against today's. Things are compared by a stable identity, never by the
// capture lines that prove them, so a capture that only moves lines, renumbers
// OpenFlow ports or changes counters, PIDs or ifindexes is no change:
//
//   host        its name                       namespace  host + name
//   bridge      host + netns + name            port       host + netns + bridge + name
//   interface   host + netns + name            address    host + netns + interface + cidr
//   link        kind + its two ends (veth, patch, tunnel, physical; bridge membership is the port)
//   nat         host + netns + kind + chain + source + destination + protocol + port + interfaces
//   flow        host + bridge + table + priority + match (in_port by port name where known)
//   service     host + netns + kind            vm         host + name
//   route       host + netns + destination + metric    socket  host + netns + protocol + address + port
//
// IPv6 link-local addresses (and sockets bound to them), MACs, ifindexes,
// PIDs and counters are left out: a new run draws them anew.
//
// A host, or a namespace of one role on a host (one qrouter-…, one qdhcp-…),
// that is alone unmatched on both sides is the same one renamed (a new run
// draws new UUIDs): it is reported once, and what it holds is compared under
// its new name. The words are messages (`diff:*` in src/i18n/locales/*.po).
// Hand-written: JSON diff libraries compare by position or path, not by what a
// port, flow or rule is.

import { msg, type Message, type MessageValue } from '../message.js';
import type { Bridge, EvidenceRef, Flow, Topology } from './model.js';

export const DIFF_CATEGORIES = ['host', 'namespace', 'bridge', 'port', 'interface', 'address', 'link', 'nat', 'flow', 'service', 'vm', 'route', 'socket'] as const;
export type DiffCategory = (typeof DIFF_CATEGORIES)[number];

export type ChangeKind = 'added' | 'removed' | 'changed' | 'renamed';

export interface FieldChange {
  field: string;
  /** Absent: the old side had no value (the field was set). */
  old?: string;
  /** Absent: the new side has no value (the field was cleared). */
  new?: string;
}

export interface TopologyChange {
  category: DiffCategory;
  kind: ChangeKind;
  /** The stable identity, in the new topology's names (host and namespace renames applied). */
  key: string;
  host: string;
  /** What a person calls it: a port's name, a flow's table/priority/match, a rule's chain and match. */
  name: string;
  /** Where it is, when not the host itself. */
  bridge?: string;
  netns?: string;
  /** `renamed`: its old name. */
  oldName?: string;
  /** `changed`: the fields that differ. */
  fields?: FieldChange[];
  message: Message;
  /** The capture lines of each side (old: before, new: now). */
  evidence: { old: EvidenceRef[]; new: EvidenceRef[] };
}

export interface TopologyDiff {
  old: string[];
  new: string[];
  changes: TopologyChange[];
  counts: Record<DiffCategory, Record<ChangeKind, number>>;
  summary: Message;
}

/** One thing of one side: its identity, what a person calls it, and the fields compared. */
interface Item {
  category: DiffCategory;
  key: string;
  host: string;
  name: string;
  bridge?: string;
  netns?: string;
  /** Compared always: absent on one side and present on the other is a change. */
  fields: Record<string, string | undefined>;
  /** Compared only when both sides know them (an OpenFlow port number needs `ovs-ofctl show`). */
  known: Record<string, string | undefined>;
  evidence: EvidenceRef[];
}

type Names = { host: (h: string) => string; netns: (h: string, ns: string | undefined) => string | undefined };

const SEP = '\u0000';

/** What changed from `before` to `after`. */
export function diffTopology(before: Topology, after: Topology): TopologyDiff {
  const changes: TopologyChange[] = [];
  const names = matchNames(before, after, changes);
  const same: Names = { host: (h) => h, netns: (_h, ns) => ns };
  const oldItems = itemsOf(before, names);
  const newItems = itemsOf(after, same);
  for (const category of DIFF_CATEGORIES) {
    const was = oldItems.get(category)!;
    const now = newItems.get(category)!;
    for (const [key, item] of now) {
      const old = was.get(key);
      if (!old) changes.push(change(item, 'added', { old: [], new: item.evidence }));
      else {
        const fields = compare(old, item);
        if (fields.length) changes.push(change(item, 'changed', { old: old.evidence, new: item.evidence }, fields));
      }
    }
    for (const [key, item] of was) if (!now.has(key)) changes.push(change(item, 'removed', { old: item.evidence, new: [] }));
  }
  const counts = Object.fromEntries(DIFF_CATEGORIES.map((c) => [c, { added: 0, removed: 0, changed: 0, renamed: 0 }])) as TopologyDiff['counts'];
  for (const c of changes) counts[c.category][c.kind]++;
  const summary = changes.length === 0 ? msg('diff:none') : msg('diff:summary', { count: changes.length, kinds: kindCounts(changes) });
  return { old: before.sources ?? [], new: after.sources ?? [], changes: sortChanges(changes), counts, summary };
}

// ---- names: hosts and namespaces renamed ------------------------------------------

/** Old host and namespace names → new ones, for a host or namespace alone unmatched on both sides; each rename is a change. */
function matchNames(before: Topology, after: Topology, changes: TopologyChange[]): Names {
  const hostMap = new Map<string, string>();
  const oldHosts = hostNames(before);
  const newHosts = hostNames(after);
  const goneHosts = oldHosts.filter((h) => !newHosts.includes(h));
  const newOnes = newHosts.filter((h) => !oldHosts.includes(h));
  if (goneHosts.length === 1 && newOnes.length === 1) {
    hostMap.set(goneHosts[0]!, newOnes[0]!);
    const item: Item = { category: 'host', key: newOnes[0]!, host: newOnes[0]!, name: newOnes[0]!, fields: {}, known: {}, evidence: [] };
    changes.push(change(item, 'renamed', { old: hostEvidence(before, goneHosts[0]!), new: hostEvidence(after, newOnes[0]!) }, undefined, goneHosts[0]!));
  }
  const host = (h: string) => hostMap.get(h) ?? h;
  const nsMap = new Map<string, string>();
  const byHostRole = (t: Topology, rename: (h: string) => string) => {
    const groups = new Map<string, { name: string; evidence: EvidenceRef[] }[]>();
    for (const n of t.namespaces ?? []) {
      const k = `${rename(n.host)}${SEP}${n.role ?? namespacePrefix(n.name)}`;
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k)!.push({ name: n.name, evidence: n.evidence ?? [] });
    }
    return groups;
  };
  const oldGroups = byHostRole(before, host);
  const newGroups = byHostRole(after, (h) => h);
  for (const [k, olds] of oldGroups) {
    const news = newGroups.get(k) ?? [];
    const gone = olds.filter((o) => !news.some((n) => n.name === o.name));
    const fresh = news.filter((n) => !olds.some((o) => o.name === n.name));
    if (gone.length !== 1 || fresh.length !== 1) continue;
    const h = k.split(SEP)[0]!;
    nsMap.set(`${h}${SEP}${gone[0]!.name}`, fresh[0]!.name);
    const item: Item = { category: 'namespace', key: `${h}${SEP}${fresh[0]!.name}`, host: h, name: fresh[0]!.name, fields: {}, known: {}, evidence: [] };
    changes.push(change(item, 'renamed', { old: gone[0]!.evidence, new: fresh[0]!.evidence }, undefined, gone[0]!.name));
  }
  return {
    host,
    netns: (h, ns) => (ns === undefined ? undefined : nsMap.get(`${host(h)}${SEP}${ns}`) ?? ns),
  };
}

function hostNames(t: Topology): string[] {
  const names = new Set<string>((t.hosts ?? []).map((h) => h.name));
  return [...names].sort();
}

function hostEvidence(t: Topology, name: string): EvidenceRef[] {
  return (t.hosts ?? []).find((h) => h.name === name)?.evidence ?? [];
}

/** `qrouter`, `qdhcp`, `snat`, `fip` …: a namespace's kind when it has no role. */
function namespacePrefix(name: string): string {
  return /^([a-z]+)-/.exec(name)?.[1] ?? name;
}

// ---- items of one side ----------------------------------------------------------------

function itemsOf(t: Topology, names: Names): Map<DiffCategory, Map<string, Item>> {
  const out = new Map<DiffCategory, Map<string, Item>>(DIFF_CATEGORIES.map((c) => [c, new Map()]));
  const add = (item: Omit<Item, 'known'> & { known?: Item['known'] }) => {
    const map = out.get(item.category)!;
    const seen = map.get(item.key);
    // the same thing twice (two captures of it): one thing, both evidences
    if (seen) seen.evidence = [...seen.evidence, ...item.evidence];
    else map.set(item.key, { known: {}, ...item });
  };
  const key = (...parts: (string | number | undefined)[]) => parts.map((p) => (p === undefined ? '' : String(p))).join(SEP);
  const ns = (host: string, netns: string | undefined) => names.netns(host, netns);
  const where = (netns: string | undefined) => (netns === undefined ? {} : { netns });

  for (const h of t.hosts ?? []) {
    const host = names.host(h.name);
    // a host's role is read from its name: nothing to compare but the name
    add({ category: 'host', key: key(host), host, name: host, fields: {}, evidence: h.evidence ?? [] });
  }
  for (const n of t.namespaces ?? []) {
    const host = names.host(n.host);
    const name = ns(n.host, n.name)!;
    add({ category: 'namespace', key: key(host, name), host, name, fields: { role: n.role }, evidence: n.evidence ?? [] });
  }
  for (const b of t.bridges ?? []) {
    const host = names.host(b.host);
    const netns = ns(b.host, b.netns);
    add({ category: 'bridge', key: key(host, netns, b.name), host, name: b.name, ...where(netns), fields: { kind: b.kind }, evidence: b.evidence ?? [] });
    for (const p of b.ports ?? []) {
      const fields: Record<string, string | undefined> = { tag: num(p.tag), trunks: p.trunks?.length ? p.trunks.join(',') : undefined, type: p.type };
      for (const [k, v] of Object.entries(p.options ?? {})) fields[`option:${k}`] = v;
      add({ category: 'port', key: key(host, netns, b.name, p.name), host, name: p.name, bridge: b.name, ...where(netns), fields, known: { ofport: num(p.ofport) }, evidence: p.evidence ?? [] });
    }
  }
  for (const i of t.interfaces ?? []) {
    const host = names.host(i.host);
    const netns = ns(i.host, i.netns);
    add({ category: 'interface', key: key(host, netns, i.name), host, name: i.name, ...where(netns), fields: {}, known: { kind: i.kind, mtu: num(i.mtu), master: i.master }, evidence: i.evidence ?? [] });
    for (const a of i.addresses ?? []) {
      if (linkLocal(a.cidr)) continue;
      add({ category: 'address', key: key(host, netns, i.name, a.cidr), host, name: `${i.name} ${a.cidr}`, ...where(netns), fields: {}, evidence: a.evidence ?? [] });
    }
  }
  const hosts = new Set((t.hosts ?? []).map((h) => names.host(h.name)));
  for (const l of t.links ?? []) {
    if (l.kind === 'member' || l.kind === 'vm') continue; // a bridge's ports and a VM's taps are compared there
    const end = (e: { host: string; netns?: string; name: string }) => ({ host: names.host(e.host), netns: ns(e.host, e.netns), name: e.name });
    const [a, b] = [end(l.a), end(l.b)].sort((x, y) => (key(x.host, x.netns, x.name) < key(y.host, y.netns, y.name) ? -1 : 1)) as [ReturnType<typeof end>, ReturnType<typeof end>];
    // a tunnel's far end on a host not captured is named by its address (host and name alike)
    const shown = (e: ReturnType<typeof end>) => (e.host === e.name ? e.name : `${a.host !== b.host ? e.host + ':' : ''}${e.name}`);
    const home = [a, b].find((e) => hosts.has(e.host)) ?? a;
    add({
      category: 'link', key: key(l.kind, a.host, a.netns, a.name, b.host, b.netns, b.name), host: home.host, name: `${l.kind} ${shown(a)} ↔ ${shown(b)}`, ...where(home.netns),
      fields: { certainty: l.certainty, tunnel_type: l.tunnel_type, local_ip: l.local_ip, remote_ip: l.remote_ip, key: l.key, vlans: l.vlans?.length ? l.vlans.join(',') : undefined, subnet: l.subnet, flat: l.flat ? 'yes' : undefined },
      evidence: l.evidence ?? [],
    });
  }
  for (const r of t.nat ?? []) {
    const host = names.host(r.host);
    const netns = ns(r.host, r.netns);
    const match = [r.protocol, r.in_interface && `-i ${r.in_interface}`, r.out_interface && `-o ${r.out_interface}`].filter(Boolean).join(' ');
    const name = `${r.kind.toUpperCase()} ${r.chain}: ${r.source ?? '*'} → ${r.destination ?? '*'}${r.port !== undefined ? `:${r.port}` : ''}${match ? ` (${match})` : ''}`;
    add({ category: 'nat', key: key(host, netns, r.kind, r.chain, r.source, r.destination, r.protocol, r.port, r.in_interface, r.out_interface), host, name, ...where(netns), fields: { to: r.to }, evidence: r.evidence ?? [] });
  }
  const bridges = new Map<string, Bridge>((t.bridges ?? []).map((b) => [`${b.host}${SEP}${b.name}`, b]));
  for (const f of t.flows ?? []) {
    const host = names.host(f.host);
    const ports = portNames(bridges.get(`${f.host}${SEP}${f.bridge}`));
    const match = flowMatch(f, ports);
    add({
      category: 'flow', key: key(host, f.bridge, f.table, f.priority, match), host, name: `table=${f.table}, priority=${f.priority}${match ? `, ${match}` : ''}`, bridge: f.bridge,
      fields: { actions: flowActions(f, ports) }, evidence: f.evidence ?? [],
    });
  }
  for (const s of t.services ?? []) {
    const host = names.host(s.host);
    const netns = ns(s.host, s.netns);
    add({
      category: 'service', key: key(host, netns, s.kind), host, name: s.kind, ...where(netns),
      fields: { process: s.process, interface: s.interface, port: num(s.port), ranges: s.ranges?.length ? s.ranges.join('; ') : undefined, network_id: s.network_id, router_id: s.router_id },
      evidence: s.evidence ?? [],
    });
  }
  for (const v of t.vms ?? []) {
    const host = names.host(v.host);
    // its taps always (virsh dumpxml | grep tap shows them); a tap's MAC where both sides show it
    const taps = (v.interfaces ?? []).map((i) => i.tap).sort().join(', ');
    const macs = Object.fromEntries((v.interfaces ?? []).map((i) => [`mac:${i.tap}`, i.mac]));
    add({ category: 'vm', key: key(host, v.name), host, name: v.name, fields: { interfaces: taps || undefined }, known: { uuid: v.uuid, state: v.state, ...macs }, evidence: v.evidence ?? [] });
  }
  for (const r of t.routes ?? []) {
    const host = names.host(r.host);
    const netns = ns(r.host, r.netns);
    add({ category: 'route', key: key(host, netns, r.destination, r.metric), host, name: `${r.destination}${r.metric !== undefined ? ` metric ${r.metric}` : ''}`, ...where(netns), fields: { via: r.via, dev: r.dev, src: r.src }, evidence: r.evidence ?? [] });
  }
  for (const s of t.sockets ?? []) {
    if (linkLocal(s.local)) continue;
    const host = names.host(s.host);
    const netns = ns(s.host, s.netns);
    // netstat says tcp6 where ss says tcp: the address tells the family
    const protocol = s.protocol.replace(/6$/, '');
    add({ category: 'socket', key: key(host, netns, protocol, s.local, s.port), host, name: `${protocol} ${s.local}:${s.port}`, ...where(netns), fields: {}, known: { process: s.process }, evidence: s.evidence ?? [] });
  }
  return out;
}

/** An IPv6 link-local address (fe80::/10): made from the interface's MAC, which a new run draws anew; no configuration. */
function linkLocal(address: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(address);
}

function num(n: number | undefined): string | undefined {
  return n === undefined ? undefined : String(n);
}

/** A bridge's OpenFlow port numbers → port names, where the captures give them. */
function portNames(bridge: Bridge | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of bridge?.ports ?? []) if (p.ofport !== undefined) map.set(String(p.ofport), p.name);
  return map;
}

/** `k=v` of the match, sorted, in_port by name (a terminal's dump quotes names; numbers differ from run to run). */
function flowMatch(f: Flow, ports: Map<string, string>): string {
  return Object.entries(f.match ?? {})
    .map(([k, v]) => {
      const value = String(v).replace(/^"(.*)"$/, '$1');
      return `${k}=${k === 'in_port' ? ports.get(value) ?? value : value}`;
    })
    .sort()
    .join(',');
}

/** The actions as written, output and in_port numbers by port name where known. */
function flowActions(f: Flow, ports: Map<string, string>): string {
  const name = (n: string) => ports.get(n.replace(/^"(.*)"$/, '$1')) ?? n.replace(/^"(.*)"$/, '$1');
  return (f.actions ?? [])
    .map((a) => a.text.replace(/^(output:)("?[\w.-]+"?)$/, (_all, head: string, port: string) => head + name(port)).replace(/^(\d+)$/, (n) => name(n)))
    .join(',');
}

// ---- comparing and saying ------------------------------------------------------------------

function compare(old: Item, now: Item): FieldChange[] {
  const out: FieldChange[] = [];
  const fields = new Set([...Object.keys(old.fields), ...Object.keys(now.fields)]);
  for (const field of [...fields].sort()) {
    const a = old.fields[field];
    const b = now.fields[field];
    if (a !== b) out.push({ field, ...(a !== undefined ? { old: a } : {}), ...(b !== undefined ? { new: b } : {}) });
  }
  for (const field of Object.keys(now.known).sort()) {
    const a = old.known[field];
    const b = now.known[field];
    if (a !== undefined && b !== undefined && a !== b) out.push({ field, old: a, new: b });
  }
  return out;
}

function change(item: Item, kind: ChangeKind, evidence: TopologyChange['evidence'], fields?: FieldChange[], oldName?: string): TopologyChange {
  const c: TopologyChange = { category: item.category, kind, key: item.key.split(SEP).join('|'), host: item.host, name: item.name, message: msg('diff:none'), evidence };
  if (item.bridge !== undefined) c.bridge = item.bridge;
  if (item.netns !== undefined) c.netns = item.netns;
  if (oldName !== undefined) c.oldName = oldName;
  if (fields) c.fields = fields;
  c.message = say(c);
  return c;
}

/** The message naming each kind of thing a change is about. */
export const WHAT: Readonly<Record<DiffCategory, Message>> = { host: msg('diff:what-host'), namespace: msg('diff:what-namespace'), bridge: msg('diff:what-bridge'), port: msg('diff:what-port'), interface: msg('diff:what-interface'), address: msg('diff:what-address'), link: msg('diff:what-link'), nat: msg('diff:what-nat'), flow: msg('diff:what-flow'), service: msg('diff:what-service'), vm: msg('diff:what-vm'), route: msg('diff:what-route'), socket: msg('diff:what-socket') };

/** The message naming each changed field (the model's field names; ids spell `_` as `-`). */
const FIELD: Readonly<Record<string, Message>> = { role: msg('diff:field-role'), kind: msg('diff:field-kind'), tag: msg('diff:field-tag'), trunks: msg('diff:field-trunks'), type: msg('diff:field-type'), ofport: msg('diff:field-ofport'), mtu: msg('diff:field-mtu'), master: msg('diff:field-master'), certainty: msg('diff:field-certainty'), tunnel_type: msg('diff:field-tunnel-type'), local_ip: msg('diff:field-local-ip'), remote_ip: msg('diff:field-remote-ip'), key: msg('diff:field-key'), vlans: msg('diff:field-vlans'), subnet: msg('diff:field-subnet'), flat: msg('diff:field-flat'), to: msg('diff:field-to'), actions: msg('diff:field-actions'), process: msg('diff:field-process'), interface: msg('diff:field-interface'), port: msg('diff:field-port'), ranges: msg('diff:field-ranges'), network_id: msg('diff:field-network-id'), router_id: msg('diff:field-router-id'), interfaces: msg('diff:field-interfaces'), uuid: msg('diff:field-uuid'), state: msg('diff:field-state'), via: msg('diff:field-via'), dev: msg('diff:field-dev'), src: msg('diff:field-src') };

const COUNT = { added: (count: number) => msg('diff:count-added', { count }), removed: (count: number) => msg('diff:count-removed', { count }), changed: (count: number) => msg('diff:count-changed', { count }), renamed: (count: number) => msg('diff:count-renamed', { count }) };

/** The message of a change: `diff:added` / `removed` / `changed` / `renamed`, with what, its name, where, and the fields. */
function say(c: TopologyChange): Message {
  const what = WHAT[c.category];
  const where = c.category === 'host' ? '' : c.bridge !== undefined ? msg('diff:where-bridge', { bridge: c.bridge, host: c.host }) : c.netns !== undefined ? msg('diff:where-netns', { netns: c.netns, host: c.host }) : msg('diff:where-host', { host: c.host });
  if (c.kind === 'renamed') return msg('diff:renamed', { what, old: c.oldName ?? '', name: c.name, where });
  if (c.kind !== 'changed') return msg(c.kind === 'added' ? 'diff:added' : 'diff:removed', { what, name: c.name, where });
  const fields: MessageValue[] = (c.fields ?? []).map((f) => {
    const field = fieldName(f.field);
    if (f.old === undefined) return msg('diff:field-set', { field, new: f.new ?? '' });
    if (f.new === undefined) return msg('diff:field-cleared', { field, old: f.old });
    return msg('diff:field-changed', { field, old: f.old, new: f.new });
  });
  return msg('diff:changed', { what, name: c.name, where, fields });
}

function fieldName(field: string): Message {
  if (field.startsWith('option:')) return msg('diff:field-option', { option: field.slice('option:'.length) });
  if (field.startsWith('mac:')) return msg('diff:field-mac', { tap: field.slice('mac:'.length) });
  return Object.hasOwn(FIELD, field) ? FIELD[field]! : msg('diff:field-other', { field });
}

function kindCounts(changes: TopologyChange[]): Message[] {
  const out: Message[] = [];
  for (const kind of ['added', 'removed', 'changed', 'renamed'] as const) {
    const count = changes.filter((c) => c.kind === kind).length;
    if (count) out.push(COUNT[kind](count));
  }
  return out;
}

/** In category order, then hosts, then name; removed before added before changed within a thing. */
function sortChanges(changes: TopologyChange[]): TopologyChange[] {
  const order: Record<ChangeKind, number> = { renamed: 0, removed: 1, added: 2, changed: 3 };
  const cat = (c: DiffCategory) => DIFF_CATEGORIES.indexOf(c);
  return [...changes].sort((a, b) => cat(a.category) - cat(b.category) || cmp(a.key, b.key) || order[a.kind] - order[b.kind]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
