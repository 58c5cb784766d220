// `ip netns` / `ip netns list`: the named network namespaces, with the id this
// namespace knows each by when one is assigned (`qrouter-… (id: 2)`; 2014
// printed names only). Hand-written: a one-line format no library covers.
import type { CaptureParser, Evidence } from './types.js';
import { LineLedger, isHashNote } from './lines.js';
import { IP_ERROR, LIST_VERBS, readIpInvocation, verbIs } from './ip-command.js';

export interface IpNetnsRecord {
  name: string;
  /** `(id: N)`: the nsid, the number `link-netnsid N` in `ip link` refers to. */
  id?: number;
  /** Names of the form `<prefix>-<uuid>` (Neutron's `qrouter-…`, `qdhcp-…`, `snat-…`, `fip-…`), split. */
  prefix?: string;
  uuid?: string;
  evidence: Evidence;
}

//   qrouter-8c8b3c56-4f7a-4b2e-9f3d-2d1e7a6b5c42 (id: 2)
//   qdhcp-5f2ffda1-76da-427e-b3c1-4bfc088cfb75
// Names are taken as iproute2 users write them: letters, digits and `_.-+@:`.
const ENTRY = /^\s*([\w.+@:-]+)(?:\s+\(id:\s*(\d+)\))?\s*$/;
const PREFIXED_UUID = /^([A-Za-z][\w]*)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
/** Glued names: `qdhcp-… (id: 1) qrouter-… (id: 2)` or two bare names on one line. */
const GLUED = /\S+(?:\s+\(id:\s*\d+\))?/g;

function readNetns(text: string, line: number): IpNetnsRecord | undefined {
  const m = ENTRY.exec(text);
  if (!m || m[1]!.startsWith('(')) return undefined;
  const record: Partial<IpNetnsRecord> = { name: m[1]! };
  if (m[2] !== undefined) record.id = Number(m[2]);
  const parts = PREFIXED_UUID.exec(m[1]!);
  if (parts) { record.prefix = parts[1]!; record.uuid = parts[2]!.toLowerCase(); }
  record.evidence = { line };
  return record as IpNetnsRecord;
}

export const parser: CaptureParser<IpNetnsRecord> = {
  name: 'ip-netns',
  mayBeEmpty: true,
  matches(cmd) {
    const inv = readIpInvocation(cmd.argv);
    if (inv?.program !== 'ip' || inv.object !== 'netns' || inv.json) return false;
    return verbIs(inv, LIST_VERBS);
  },
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const records: IpNetnsRecord[] = [];
    for (let n = 1; n <= ledger.count; n++) {
      const line = ledger.text(n);
      if (ledger.roleOf(n) === 'blank') continue;
      if (isHashNote(line)) { ledger.noise(n); continue; }
      if (IP_ERROR.test(line)) { ledger.unparsed(n, 'error message from the command, not its output'); continue; }
      if (/^\s/.test(line)) { ledger.unparsed(n, 'indented: ip netns prints each name at the start of a line'); continue; }
      const pieces = line.match(GLUED) ?? [];
      const found = pieces.map((piece) => readNetns(piece, n));
      // Several names on one line are glued entries only when each is unmistakably one
      // (`… (id: N)` or `prefix-<uuid>`): `Bridge br-int` is not two namespaces.
      const glued = found.length > 1 && found.every((r) => r !== undefined && (r.id !== undefined || r.uuid !== undefined));
      if (found.length === 0 || found.some((r) => r === undefined) || (found.length > 1 && !glued)) {
        ledger.unparsed(n, 'not a namespace name, optionally followed by "(id: N)"');
        continue;
      }
      records.push(...(found as IpNetnsRecord[]));
      ledger.fact(n);
    }
    return ledger.finish('ip-netns', cmd, records);
  },
};
