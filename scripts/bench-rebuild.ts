// The bench's rebuild figure: `netguide build --watch` as a user leaves it
// running, timed from outside by its own output. It waits for the first build's
// summary, appends one flow line to one capture, and times until the second
// summary; it counts the guides the rebuild said were `unchanged` and reads the
// watcher's peak memory (VmHWM) before stopping it. (A second `netguide build`
// process keeps nothing from the first, so only --watch rebuilds less.)
//
//   node dist/scripts/bench-rebuild.js CLI CONTENT OUT CAPTURE [--timeout S]
//
// Prints one line of JSON: { firstS, rebuildS, guides, unchanged, peakMb } or { error }.
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';

const [cli, content, out, capture] = process.argv.slice(2);
const args = process.argv.slice(2);
const timeout = args.includes('--timeout') ? Number(args[args.indexOf('--timeout') + 1]) : 300;

function peakMb(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const started = performance.now();
const child = spawn(cli!, ['build', '--watch', '--content', content!, '--out', out!], { stdio: ['ignore', 'ignore', 'pipe'] });
let buffer = '';
let builds = 0;
let firstS = NaN;
let changedAt = NaN;
let lines: string[] = [];
let done = false;
const finish = (result: object) => {
  if (done) return;
  done = true;
  clearTimeout(timer);
  const peak = child.pid ? peakMb(child.pid) : undefined;
  child.kill('SIGINT');
  setTimeout(() => child.kill('SIGKILL'), 2000).unref();
  console.log(JSON.stringify({ ...result, ...(peak ? { peakMb: peak } : {}) }));
};
const timer = setTimeout(() => finish({ error: `no rebuild within ${timeout} s of the start (${builds} builds seen)` }), timeout * 1000);
child.on('exit', (code) => {
  if (builds < 2) finish({ error: `netguide build --watch exited ${code} after ${builds} builds: ${lines.slice(-2).join(' | ')}` });
});
child.stderr!.setEncoding('utf8');
child.stderr!.on('data', (chunk: string) => {
  buffer += chunk;
  const parts = buffer.split('\n');
  buffer = parts.pop()!;
  for (const line of parts) {
    lines.push(line);
    // the summary's first line ends a build; the --watch notice comes after the first
    if (!/^netguide build: \d+ pages written in/.test(line)) continue;
    builds++;
    if (builds === 1) {
      firstS = (performance.now() - started) / 1000;
      // let the watcher settle, then change one capture as a new capture run would
      setTimeout(() => {
        lines = [];
        changedAt = performance.now();
        appendFileSync(capture!, ' cookie=0x0, duration=1.0s, table=21, n_packets=0, n_bytes=0, idle_age=0, priority=2,dl_vlan=4094 actions=drop\n');
      }, 1500);
    } else if (builds === 2) {
      const progress = lines.filter((l) => /^ {2}\S+ {2}/.test(l) && / (capture|captures), /.test(l));
      finish({
        firstS,
        rebuildS: (performance.now() - changedAt) / 1000,
        guides: progress.length,
        unchanged: progress.filter((l) => /unchanged$/.test(l)).length,
      });
    }
  }
});
