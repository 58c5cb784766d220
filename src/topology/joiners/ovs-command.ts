// The bridge an `ovs-ofctl SUBCOMMAND BRIDGE` command names (its records do not).

import { parseCommandLine } from '../../captures/command-line.js';

export function ofctlBridge(command: string, subcommand: string): string | undefined {
  const argv = parseCommandLine(command).argv;
  const i = argv.indexOf(subcommand);
  return i < 0 ? undefined : argv.slice(i + 1).find((a) => !a.startsWith('-'));
}
