// The timing loop the capture benchmarks share: run `work` `runs` times and keep
// the fastest run's wall time and the CPU time (user + system, GC included) of
// that same run — on a loaded machine wall time mostly measures the wait.

export interface BestRun {
  milliseconds: number;
  cpuMilliseconds: number;
}

export function bestOf(runs: number, work: () => void): BestRun {
  let best = Infinity;
  let bestCpu = Infinity;
  for (let r = 0; r < runs; r++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    work();
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (wall < best) {
      best = wall;
      bestCpu = (used.user + used.system) / 1000;
    }
  }
  return { milliseconds: best, cpuMilliseconds: bestCpu };
}
