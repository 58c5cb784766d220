// `virsh list [--all]`: one record per domain. Both layouts are read by a
// pattern on the known states rather than by column offsets, because the 2014
// fixed-width table and today's content-sized one place the columns differently.
//
//    Id    Name                           State          (2014: fixed wide columns)
//   ----------------------------------------------------
//    2     instance-00000007              running
//
//    Id   Name                State                     (today: sized to content)
//   -----------------------------------
//    1    instance-00000001   running
//    -    instance-00000002   shut off
import type { CaptureParser, CommandLine, Evidence } from './types.js';
import { LineLedger, isHashNote } from './lines.js';
import { commandName } from './command-line.js';

export interface VirshDomain {
  /** Running domain id; null for an inactive domain (`-`). */
  id: number | null;
  name: string;
  state: string;
  evidence: Evidence;
}

const STATES = ['running', 'idle', 'paused', 'in shutdown', 'shut off', 'crashed', 'pmsuspended', 'blocked', 'dying', 'no state'];
const ROW = new RegExp(`^\\s*(\\d+|-)\\s+(.+?)\\s+(${STATES.join('|')})\\s*$`);
const HEADER = /^\s*Id\s+Name\s+State\s*$/;
const RULE = /^\s*-{3,}\s*$/;
/** What virsh prints around the table when libvirt is half there: polkit missing, no hypervisor. */
const NOISE = /^(Authorization not available|error: |warning: )/;

export const parser: CaptureParser<VirshDomain> = {
  name: 'virsh-list',
  matches: (cmd: CommandLine) => commandName(cmd) === 'virsh' && firstSubcommand(cmd.argv) === 'list',
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const records: VirshDomain[] = [];
    const namesOnly = cmd.argv.includes('--name');
    for (let n = 1; n <= ledger.count; n++) {
      if (ledger.roleOf(n) === 'blank') continue;
      const line = ledger.text(n);
      if (HEADER.test(line) || RULE.test(line)) ledger.header(n);
      else if (NOISE.test(line.trim()) || isHashNote(line)) ledger.noise(n);
      else if (namesOnly && /^\S+$/.test(line.trim())) {
        records.push({ id: null, name: line.trim(), state: 'unknown', evidence: { line: n } });
        ledger.fact(n);
      } else {
        const row = ROW.exec(line);
        if (!row) {
          ledger.unparsed(n, 'not a `virsh list` row (Id Name State)');
          continue;
        }
        records.push({ id: row[1] === '-' ? null : Number(row[1]), name: row[2]!, state: row[3]!, evidence: { line: n } });
        ledger.fact(n);
      }
    }
    return ledger.finish('virsh-list', cmd, records);
  },
};

/** First argument that is not an option: `virsh -c qemu:///system list` → `list`. */
export function firstSubcommand(argv: string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-c' || arg === '--connect') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}
