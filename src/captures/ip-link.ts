// `ip link` in all its layouts (`ip l`, `ip link show dev X`, `ip -d link`,
// `ip -o link`, `ip -s link`): one record per interface, every fact with its line.
// The line grouping is shared with ip-addr.ts (ip-interface-entries.ts).
import type { CaptureParser, CaptureResult, CommandLine } from './types.js';
import { LineLedger } from './lines.js';
import { LIST_VERBS, readIpInvocation, verbIs, withNetnsOption } from './ip-command.js';
import { walkInterfaceEntries, type IpInterfaceRecord } from './ip-interface-entries.js';

export type { IpInterfaceRecord } from './ip-interface-entries.js';
export type { LinkKind, TunnelSummary } from './ip-link-kind.js';
export type { LinkLayer, LinkRef } from './ip-link-header.js';

/** One interface of `ip link`: header, link layer, and with `-d` its kind lines. */
export type IpLinkRecord = IpInterfaceRecord;

/** Reads any `ip link`/`ip addr` text into interface records (the parser name tells which). */
export function parseInterfaceCapture(parser: string, text: string, cmd: CommandLine): CaptureResult<IpInterfaceRecord> {
  const ledger = new LineLedger(text);
  // a pipe (`| grep qvo`) keeps some lines only: a last entry without its `link/` line is no sign of a cut
  const records = walkInterfaceEntries(ledger, cmd.pipes.length > 0);
  // `ip -n NS link` names the namespace as an option rather than with `ip netns exec`.
  return withNetnsOption(ledger.finish(parser, cmd, records), cmd);
}

export const parser: CaptureParser<IpLinkRecord> = {
  name: 'ip-link',
  matches(cmd) {
    const inv = readIpInvocation(cmd.argv);
    return inv?.program === 'ip' && inv.object === 'link' && !inv.brief && !inv.json && verbIs(inv, LIST_VERBS);
  },
  parse(text, cmd) {
    return parseInterfaceCapture('ip-link', text, cmd);
  },
};
