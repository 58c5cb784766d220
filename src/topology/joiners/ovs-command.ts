// The bridge an `ovs-ofctl SUBCOMMAND BRIDGE` command names (its records do not).

import { parseCommandLine } from '../../captures/command-line.js';

/** Options of ovs-ofctl that take a value in the next word (`-O OpenFlow13`). */
const TAKES_VALUE = new Set(['-O', '--protocols', '-F', '--flow-format', '-P', '--packet-in-format', '-t', '--timeout']);

export function ofctlBridge(command: string, subcommand: string): string | undefined {
  const argv = parseCommandLine(command).argv;
  const i = argv.indexOf(subcommand);
  if (i < 0) return undefined;
  // options may come before the subcommand too; after it, skip every option and the value it takes
  const rest = argv.slice(i + 1);
  for (let k = 0; k < rest.length; k++) {
    const a = rest[k]!;
    if (TAKES_VALUE.has(a)) { k++; continue; }
    if (a.startsWith('-')) continue;
    return a;
  }
  return undefined;
}
