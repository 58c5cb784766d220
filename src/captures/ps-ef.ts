// `ps -ef` (and `ps aux`), usually piped through grep: one record per process,
// with its command line split into argv and, for the daemons a network guide
// explains, a structured `role` (see process-roles.ts).
//
//   UID        PID  PPID  C STIME TTY          TIME CMD
//   nobody    6390     1  0 09:11 ?        00:00:00 dnsmasq --no-hosts … --interface=tapa042dd0d-97 …
//   root      7797  3390  0 10:00 pts/0    00:00:00 grep --color=auto dns      ← the grep itself: noise
import type { CaptureParser, CommandLine, Evidence } from './types.js';
import { LineLedger, isBarePrompt, isHashNote, programName } from './lines.js';
import { commandName } from './command-line.js';
import { processRole, type ProcessRole } from './process-roles.js';

export interface PsProcess {
  user: string;
  pid: number;
  ppid?: number;
  /** `ps -ef` C column (processor use); `ps aux` gives cpu/mem instead. */
  c?: number;
  cpu?: number;
  mem?: number;
  stat?: string;
  start: string;
  tty: string;
  time: string;
  /** The command line as printed (joined back when it was wrapped over several lines). */
  cmd: string;
  /** `cmd` split on blanks: ps prints argv joined by spaces, so quoting is already lost. */
  argv: string[];
  role?: ProcessRole;
  evidence: Evidence;
}

const TIME = String.raw`(?:\d+-)?\d+:\d\d(?::\d\d)?`;
//            UID     PID      PPID     C        STIME    TTY      TIME        CMD
const EF = new RegExp(String.raw`^\s*(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(${TIME})\s+(\S.*?)\s*$`);
//            USER    PID      %CPU        %MEM        VSZ      RSS      TTY      STAT     START    TIME        COMMAND
const AUX = new RegExp(String.raw`^\s*(\S+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(${TIME})\s+(\S.*?)\s*$`);
const HEADER = /^\s*(UID\s+PID\s+PPID|USER\s+PID\s+%CPU)/;

export const parser: CaptureParser<PsProcess> = {
  name: 'ps-ef',
  matches: (cmd: CommandLine) => commandName(cmd) === 'ps' && cmd.argv.length > 1,
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const records: PsProcess[] = [];
    const greps = cmd.pipes.filter((p) => /^[ef]?grep$/.test(programName(p[0])));
    let previous: { record: PsProcess; n: number } | undefined;
    for (let n = 1; n <= ledger.count; n++) {
      if (ledger.roleOf(n) === 'blank') {
        previous = undefined;
        continue;
      }
      const line = ledger.text(n);
      if (HEADER.test(line)) {
        ledger.header(n);
        continue;
      }
      const record = readRow(line, n);
      if (record) {
        previous = undefined;
        if (greps.some((g) => isTheGrep(record.argv, g))) {
          ledger.noise(n); // the grep of `ps -ef | grep dns` finds itself
          continue;
        }
        records.push(record);
        ledger.fact(n);
        previous = { record, n };
      } else if (isHashNote(line) || isBarePrompt(line)) {
        ledger.noise(n);
      } else if (previous) {
        // a long command wrapped onto the next line: glue it back to its process
        const prior = ledger.text(n - 1);
        const glue = /^\s/.test(line) || prior.length < 79 ? ' ' : '';
        previous.record.cmd = (previous.record.cmd + glue + line.trim()).trim();
        previous.record.argv = previous.record.cmd.split(/\s+/);
        setRole(previous.record);
        previous.record.evidence.endLine = n;
        ledger.fact(n);
      } else {
        ledger.unparsed(n, 'not a `ps` row (UID PID PPID C STIME TTY TIME CMD)');
      }
    }
    return ledger.finish('ps-ef', cmd, records);
  },
};

function readRow(line: string, n: number): PsProcess | undefined {
  const ef = EF.exec(line);
  if (ef) {
    const cmd = ef[8]!;
    return withRole({
      user: ef[1]!, pid: Number(ef[2]), ppid: Number(ef[3]), c: Number(ef[4]),
      start: ef[5]!, tty: ef[6]!, time: ef[7]!, cmd, argv: cmd.split(/\s+/), evidence: { line: n },
    });
  }
  const aux = AUX.exec(line);
  if (aux) {
    const cmd = aux[11]!;
    return withRole({
      user: aux[1]!, pid: Number(aux[2]), cpu: Number(aux[3]), mem: Number(aux[4]), tty: aux[7]!, stat: aux[8]!,
      start: aux[9]!, time: aux[10]!, cmd, argv: cmd.split(/\s+/), evidence: { line: n },
    });
  }
  return undefined;
}

function withRole(record: PsProcess): PsProcess {
  setRole(record);
  return record;
}

function setRole(record: PsProcess): void {
  const role = processRole(record.argv);
  if (role) record.role = role;
  else delete record.role;
}

/** `grep --color=auto dns` (the alias of 2014) is the `grep dns` of the pipe: same words once options are left out. */
function isTheGrep(argv: string[], pipe: string[]): boolean {
  if (!/^[ef]?grep$/.test(programName(argv[0]))) return false;
  const words = (a: string[]) => a.slice(1).filter((w) => !w.startsWith('-')).join(' ');
  return words(argv) === words(pipe) || words(pipe) === '';
}
