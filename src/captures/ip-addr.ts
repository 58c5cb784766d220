// `ip addr` (`ip a`, `ip addr show dev X`, `ip -4 addr`, `ip -o addr`): one
// record per interface with its inet/inet6 addresses; the header and link
// lines are read exactly as for `ip link` (shared ip-interface-entries.ts).
import type { CaptureParser } from './types.js';
import { LIST_VERBS, readIpInvocation, verbIs } from './ip-command.js';
import { parseInterfaceCapture } from './ip-link.js';
import type { IpInterfaceRecord } from './ip-interface-entries.js';

export type { IpAddress, Lifetime } from './ip-address-line.js';

/** One interface of `ip addr` with its addresses (`addresses`, in printed order). */
export type IpAddrRecord = IpInterfaceRecord;

export const parser: CaptureParser<IpAddrRecord> = {
  name: 'ip-addr',
  matches(cmd) {
    const inv = readIpInvocation(cmd.argv);
    return inv?.program === 'ip' && inv.object === 'address' && !inv.brief && !inv.json && verbIs(inv, LIST_VERBS);
  },
  parse(text, cmd) {
    return parseInterfaceCapture('ip-addr', text, cmd);
  },
};
