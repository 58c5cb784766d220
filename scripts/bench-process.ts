// Whole-process measurement for `npm run bench`: a command is run as a user
// runs it (a fresh process that reads its input and writes its output to a
// file), timed from outside from start to exit, with its peak memory (maximum
// resident set) and CPU time from `/usr/bin/time`. A netguide command and its
// yardstick are run in pairs, alternating which goes first, so both see the
// same machine; the figures are medians with the spread, and the ratio is the
// median of the per-pair ratios. Nothing here passes or fails.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Command {
  /** Shown in the table: `netguide rst2xml`, `docutils rst2xml`. */
  label: string;
  argv: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Standard input from this file (jc reads its input there). */
  stdin?: string;
  /** Seconds before the run is killed (GNU timeout); the run then counts as failed, and the series stops. */
  timeout?: number;
}

export interface Run {
  /** Wall seconds, start to exit. */
  wall: number;
  /** User + system CPU seconds (all threads). */
  cpu: number;
  /** Peak resident memory, MB (undefined without /usr/bin/time). */
  peakMb?: number;
  status: number | null;
  /** Killed at its timeout. */
  timedOut?: boolean;
  outBytes: number;
  stderrTail: string;
}

const TIME = '/usr/bin/time';
export const hasTime = existsSync(TIME);

/** Runs `command` once, its stdout into a file (writing is part of the work), and measures it. */
export function runOnce(command: Command, scratch: string): Run {
  const outFile = join(scratch, 'stdout');
  const errFile = join(scratch, 'stderr');
  const statsFile = join(scratch, 'time');
  const out = openSync(outFile, 'w');
  const err = openSync(errFile, 'w');
  const input = command.stdin ? openSync(command.stdin, 'r') : 'ignore';
  const limited = command.timeout ? ['timeout', '-s', 'KILL', String(command.timeout), ...command.argv] : command.argv;
  const argv = hasTime ? [TIME, '-f', '%e %U %S %M', '-o', statsFile, ...limited] : limited;
  const started = performance.now();
  const child = spawnSync(argv[0]!, argv.slice(1), {
    cwd: command.cwd,
    env: { ...process.env, ...command.env },
    stdio: [input, out, err],
  });
  const wall = (performance.now() - started) / 1000;
  closeSync(out);
  closeSync(err);
  if (typeof input === 'number') closeSync(input);
  const stderr = readFileSync(errFile, 'utf8');
  const run: Run = { wall, cpu: NaN, status: child.status, outBytes: statSync(outFile).size, stderrTail: stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 200) };
  if (command.timeout && child.status === 137) {
    run.timedOut = true;
    run.stderrTail = `killed after ${command.timeout} s`;
  }
  if (hasTime && existsSync(statsFile)) {
    // the last line: `time` writes "Command exited with non-zero status N" before it
    const fields = readFileSync(statsFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    if (fields.length === 4 && fields.every(Number.isFinite)) {
      run.cpu = fields[1]! + fields[2]!;
      run.peakMb = fields[3]! / 1024;
    }
  }
  return run;
}

export interface Series {
  command: Command;
  runs: Run[];
}

export interface Pairing {
  ours: Series;
  /** The yardstick (docutils, jc, OVS, Sphinx), when there is one. */
  anchor?: Series;
  /** Further netguide variants measured in the same alternation (a baseline checkout, V8 defaults). */
  others: Series[];
  /** anchor wall / our wall, one per pair. */
  ratios: number[];
}

/**
 * `runs` timed rounds, each running every command once, the order rotating
 * from round to round; one untimed round first (it reads the input into the
 * page cache for every command alike and pays one-off costs such as Python's
 * bytecode cache).
 */
export function paired(ours: Command, anchor: Command | undefined, runs: number, others: Command[] = [], log: (s: string) => void = () => {}): Pairing {
  const scratch = mkdtempSync(join(tmpdir(), 'netguide-bench-run-'));
  try {
    const commands = [ours, ...(anchor ? [anchor] : []), ...others];
    const series = commands.map((command) => ({ command, runs: [] as Run[] }));
    // (no untimed round for commands with a timeout: they are the long ones)
    for (const command of commands) if (!command.timeout) runOnce(command, scratch);
    for (let round = 0; round < runs; round++) {
      for (let k = 0; k < commands.length; k++) {
        const index = (k + round) % commands.length;
        series[index]!.runs.push(runOnce(commands[index]!, scratch));
      }
      log('.');
      // a command that ran out of time would only do so again
      if (series.some((s) => s.runs.some((r) => r.timedOut))) break;
    }
    const oursSeries = series[0]!;
    const anchorSeries = anchor ? series[1] : undefined;
    const ratios = anchorSeries ? oursSeries.runs.map((r, k) => (r.timedOut || anchorSeries.runs[k]?.timedOut ? NaN : anchorSeries.runs[k]!.wall / r.wall)) : [];
    return { ours: oursSeries, ...(anchorSeries ? { anchor: anchorSeries } : {}), others: series.slice(anchor ? 2 : 1), ratios };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `1.23 s [1.10–1.51]`: median and range of the wall times. */
export function wallText(runs: Run[]): string {
  const late = runs.find((r) => r.timedOut);
  if (late) return `> ${fmt(late.wall)} s (stopped)`;
  const walls = runs.map((r) => r.wall);
  return `${fmt(median(walls))} s [${fmt(Math.min(...walls))}–${fmt(Math.max(...walls))}]`;
}

export function cpuText(runs: Run[]): string {
  const cpu = median(runs.map((r) => r.cpu));
  return Number.isFinite(cpu) ? `${fmt(cpu)} s` : 'n/a';
}

export function peakText(runs: Run[]): string {
  const peaks = runs.map((r) => r.peakMb).filter((m): m is number => m !== undefined);
  return peaks.length ? `${Math.max(...peaks).toFixed(0)} MB` : 'n/a';
}

export function ratioText(ratios: number[]): string {
  ratios = ratios.filter(Number.isFinite);
  if (ratios.length === 0) return '—';
  return `${median(ratios).toFixed(1)}× [${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)}]`;
}

/** A run that failed says so (exit status and the end of its stderr). */
export function failures(series: Series): string | undefined {
  const bad = series.runs.find((r) => r.status !== 0);
  return bad ? `${series.command.label} exited ${bad.status}: ${bad.stderrTail}` : undefined;
}

function fmt(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'n/a';
  return seconds >= 10 ? seconds.toFixed(1) : seconds.toFixed(2);
}

/** The machine, as the first lines of the report. */
export function machineText(): string[] {
  const c = cpus();
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  return [
    `machine: ${c.length} cores (${c[0]?.model.trim() ?? 'unknown CPU'}), load average ${load} (1, 5, 15 min) at start; node ${process.version}`,
    hasTime ? 'timing: each figure is a whole process, timed from outside; peak memory = maximum resident set (GNU time %M)' : 'timing: /usr/bin/time is missing (apt-get install time): wall times only, no peak memory or CPU',
  ];
}

/** Load now, for the end of a section (the machine is shared). */
export function loadText(): string {
  return `load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`;
}

/** A plain-text table: header row, rows, columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, k) => (c ?? '').padEnd(widths[k]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** One line of the bench's table. */
export interface Row {
  section: string;
  case: string;
  input: string;
  pairing?: Pairing;
  /** The warm in-process figure of the same work (second column), e.g. `0.41 s`. */
  warm?: string;
  /** Why the row has no figures (a missing tool or input), or what to know about it. */
  note?: string;
}

/** The warm in-process median, run in its own process by scripts/bench-warm.js. */
export function warmFigure(here: string, kind: string, input: string, extra: string[] = []): string {
  const r = spawnSync(process.execPath, [join(here, 'bench-warm.js'), kind, input, ...extra], { encoding: 'utf8', maxBuffer: 1 << 26 });
  try {
    const figures = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as { medianMs: number; medianCpuMs: number };
    const s = (ms: number) => (ms / 1000).toFixed(ms >= 10000 ? 1 : 2);
    return `${s(figures.medianMs)} s (CPU ${s(figures.medianCpuMs)})`;
  } catch {
    return `failed (${(r.stderr || '').trim().split('\n').pop()?.slice(0, 80) ?? r.status})`;
  }
}

export const TABLE_HEADER = ['case', 'input', 'netguide wall (median [range])', 'CPU', 'peak', 'yardstick', 'its wall', 'CPU', 'peak', 'ratio (median of pairs)', 'warm in-process'];

export function rowCells(row: Row): string[] {
  const p = row.pairing;
  if (!p) return [row.case, row.input, row.note ?? 'skipped', '', '', '', '', '', '', '', row.warm ?? ''];
  return [
    row.case, row.input,
    wallText(p.ours.runs), cpuText(p.ours.runs), peakText(p.ours.runs),
    p.anchor?.command.label ?? '—', p.anchor ? wallText(p.anchor.runs) : '', p.anchor ? cpuText(p.anchor.runs) : '', p.anchor ? peakText(p.anchor.runs) : '',
    ratioText(p.ratios), row.warm ?? '',
  ];
}

/** Extra series (a baseline checkout, V8 defaults) as lines under the table. */
export function otherLines(row: Row): string[] {
  const p = row.pairing;
  if (!p) return [];
  return p.others.map((s) => {
    const ratio = median(s.runs.map((r, k) => r.wall / p.ours.runs[k]!.wall));
    return `  ${row.case}: ${s.command.label}: ${wallText(s.runs)}, CPU ${cpuText(s.runs)}, peak ${peakText(s.runs)} (${ratio.toFixed(2)}× netguide's wall)`;
  });
}

/** How a user runs a netguide CLI: the bin itself, through its shebang (and its node flags), when it is executable. */
export function netguideArgv(cli: string): string[] {
  try {
    if ((statSync(cli).mode & 0o111) !== 0) return [cli];
  } catch {
    // fall through: node runs it
  }
  return [process.execPath, cli];
}
