// The bench's second column: the same work as a command, done inside one
// process after a warm-up (compiled code, grown heap), median of N runs. It is
// what the library costs once loaded, not what a user waits for; the
// whole-process figure is the first column.
//
//   node dist/scripts/bench-warm.js KIND INPUT [--cmd COMMAND] [--runs N]
//   KIND: rst2xml | rst2html | parse | topology | explain
//
// Prints one line of JSON: { "medianMs": …, "minMs": …, "medianCpuMs": …, "runs": N }
// (CPU time counts V8's helper threads too, so it can exceed wall time).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

async function work(kind: string, input: string, cmd: string | undefined): Promise<() => Promise<unknown> | unknown> {
  switch (kind) {
    case 'rst2xml': {
      const [{ parseRst }, { toXml }] = await Promise.all([import('../src/rst/index.js'), import('../src/rst/writers/xml.js')]);
      const text = readFileSync(input, 'utf8');
      const baseDir = dirname(resolve(input));
      return () => toXml(parseRst(text, { sourceName: input, baseDir, contentRoot: baseDir, rawEnabled: true }).tree);
    }
    case 'rst2html': {
      const { renderGuide } = await import('../src/pipeline.js');
      const text = readFileSync(input, 'utf8');
      const baseDir = dirname(resolve(input));
      return () => renderGuide(text, { path: input, parse: { sourceName: input, baseDir, contentRoot: baseDir }, html: { imageBase: baseDir } });
    }
    case 'parse': {
      const [{ parseCapture }, { writeJson }] = await Promise.all([import('../src/captures/registry.js'), import('../src/cli/json-out.js')]);
      const text = readFileSync(input, 'utf8');
      let sink = 0;
      return () => {
        const result = parseCapture(text, cmd === undefined ? {} : { command: cmd });
        writeJson(result.records, (s) => (sink += s.length));
        return sink;
      };
    }
    case 'topology': {
      // as `netguide topology --json` does: the model joined and explained, written indented
      const { understand } = await import('../src/pipeline.js');
      return () => JSON.stringify(understand([input]).topology, null, 2).length;
    }
    case 'explain': {
      const { understand } = await import('../src/pipeline.js');
      return () => understand([input]);
    }
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

const [kind, input, ...rest] = process.argv.slice(2);
if (!kind || !input) {
  console.error('usage: node dist/scripts/bench-warm.js rst2xml|rst2html|parse|topology|explain INPUT [--cmd COMMAND] [--runs N]');
  process.exit(2);
}
const at = (name: string) => {
  const k = rest.indexOf(name);
  return k >= 0 ? rest[k + 1] : undefined;
};
const runs = Number(at('--runs') ?? 5);
const run = await work(kind, input, at('--cmd'));
await run();
const times: number[] = [];
const cpu: number[] = [];
for (let k = 0; k < runs; k++) {
  const started = performance.now();
  const before = process.cpuUsage();
  await run();
  const used = process.cpuUsage(before);
  times.push(performance.now() - started);
  cpu.push((used.user + used.system) / 1000);
}
const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
console.log(JSON.stringify({ medianMs: median(times), minMs: Math.min(...times), medianCpuMs: median(cpu), runs }));
