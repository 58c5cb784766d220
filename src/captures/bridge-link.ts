// `bridge link` / `bridge -d link`: the ports of Linux bridges with their STP
// state, priority and cost. The entry header has the `ip link` shape and is
// read by the same code (ip-link-header.ts); `-d` adds indented option lines.
// Hand-written: no npm package reads iproute2's `bridge` output.
//
//   8: qvb…@qvo…: <BROADCAST,MULTICAST,PROMISC,UP,LOWER_UP> mtu 1500 master qbr… state forwarding priority 32 cost 2
//       hairpin off guard off root_block off fastleave off learning on flood on …      (-d)
import type { CaptureParser, Evidence } from './types.js';
import { LineLedger, isHashNote } from './lines.js';
import { IP_ERROR, LIST_VERBS, readIpInvocation, verbIs, withNetnsOption, withoutColour } from './ip-command.js';
import { parseLinkHeader, splitWords, type LinkRef } from './ip-link-header.js';
import { readOptions } from './ip-link-kind.js';

export interface BridgeLinkRecord {
  ifindex: number;
  name: string;
  linkedTo?: LinkRef;
  flags: string[];
  mtu?: number;
  /** The bridge this port belongs to. */
  master?: string;
  /** STP port state: `forwarding`, `blocking`, `listening`, `learning`, `disabled`. */
  state?: string;
  priority?: number;
  cost?: number;
  /** Other header words as printed (`hwmode VEB`, `backup_port …`). */
  extra?: Record<string, string>;
  /** `-d` port options (`hairpin` → `off`, `learning` → `on`…). */
  options?: Record<string, string>;
  optionFlags?: string[];
  evidence: Evidence;
}

export const parser: CaptureParser<BridgeLinkRecord> = {
  name: 'bridge-link',
  mayBeEmpty: true,
  matches(cmd) {
    const inv = readIpInvocation(cmd.argv);
    return inv?.program === 'bridge' && inv.object === 'link' && !inv.json && verbIs(inv, LIST_VERBS);
  },
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const records: BridgeLinkRecord[] = [];
    const detailWords = new Map<BridgeLinkRecord, string[]>();
    for (let n = 1; n <= ledger.count; n++) {
      const line = withoutColour(ledger.text(n));
      if (ledger.roleOf(n) === 'blank') continue;
      if (isHashNote(line)) { ledger.noise(n); continue; }
      if (IP_ERROR.test(line)) { ledger.unparsed(n, 'error message from the command, not its output'); continue; }
      // Two entries glued onto one line split before the second `N: name: <`.
      // (a split only where a blank run starts: `\s+` tried inside a long run is quadratic)
      const pieces = line.split(/(?<=\S)\s+(?=\d+:\s+[^\s:]+:\s+<)/).filter((p) => p.trim() !== '');
      const last = records[records.length - 1];
      if (/^\s/.test(line) && parseLinkHeader(pieces[0]!) === undefined) {
        if (last === undefined) { ledger.unparsed(n, 'option line with no port line before it'); continue; }
        detailWords.set(last, [...(detailWords.get(last) ?? []), ...splitWords(line)]);
        last.evidence = { line: last.evidence.line, endLine: n };
        ledger.fact(n);
        continue;
      }
      const headers = pieces.map(parseLinkHeader);
      if (headers.some((h) => h === undefined || h.dangling !== undefined)) {
        ledger.unparsed(n, 'not `N: name: <FLAGS> mtu … master BRIDGE state …`');
        continue;
      }
      for (const header of headers) {
        const { priority, cost, ...extra } = header!.extra;
        const record: BridgeLinkRecord = { ifindex: header!.ifindex, name: header!.name, flags: header!.flags, evidence: { line: n } };
        if (header!.linkedTo) record.linkedTo = header!.linkedTo;
        if (header!.mtu !== undefined) record.mtu = header!.mtu;
        if (header!.master !== undefined) record.master = header!.master;
        if (header!.state !== undefined) record.state = header!.state;
        if (priority !== undefined) record.priority = Number(priority);
        if (cost !== undefined) record.cost = Number(cost);
        for (const key of ['qdisc', 'mode', 'group'] as const) if (header![key] !== undefined) extra[key] = String(header![key]);
        if (Object.keys(extra).length > 0) record.extra = extra;
        records.push(record);
      }
      ledger.fact(n);
    }
    for (const [record, words] of detailWords) {
      const { options, flags } = readOptions(words);
      record.options = options;
      if (flags.length > 0) record.optionFlags = flags;
      // keep evidence last in the JSON
      const evidence = record.evidence;
      delete (record as Partial<BridgeLinkRecord>).evidence;
      record.evidence = evidence;
    }
    return withNetnsOption(ledger.finish('bridge-link', cmd, records), cmd);
  },
};
