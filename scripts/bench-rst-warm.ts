// reStructuredText reader benchmark: parse throughput (MB/s) on a few MB of
// generated guide-like RST, beside docutils on the same input in the same run
// (when `python3 -c 'import docutils'` works), and the linear-time cases: a
// 1 MB single line of inline markup, 5,000 nested block quotes, 5,000 nested
// bullet lists. CPU time is reported (process.cpuUsage, all threads), so a
// busy machine does not distort the figures, beside wall time; each figure is
// the best of 3 runs after a warm-up.
// Run: npx tsc -p tsconfig.json && node dist/scripts/bench-rst-warm.js [MB]
// (warm, in-process figures; `npm run bench` prints them under its whole-process
// table with --extras; scripts/bench-rst.ts measures whole processes on real RST)

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseRst } from '../src/rst/index.js';

/** A deterministic pseudo-random generator (mulberry32), so every run parses the same text. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['the', 'bridge', 'port', 'namespace', 'packet', 'router', 'interface', 'VLAN', 'tag', 'flow',
  'table', 'tap', 'veth', 'pair', 'DHCP', 'agent', 'metadata', 'request', 'tunnel', 'network', 'host', 'guest'];
const ZH = ['网络', '命名空间', '网桥', '端口', '数据包', '路由器', '接口', '隧道', '主机', '虚拟机'];

/**
 * Guide-like RST of at least `bytes` UTF-8 bytes: sections and subsections,
 * wrapped paragraphs with inline markup, Chinese prose, bullet, enumerated,
 * field and definition lists, literal and code blocks, admonitions, grid and
 * simple tables, footnotes and targets.
 */
export function generateRst(bytes: number, seed = 42): string {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const sentence = (n: number, k: number) => {
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = rand();
      const w = pick(WORDS);
      if (r < 0.05) words.push(`*${w}*`);
      else if (r < 0.08) words.push(`**${w}**`);
      else if (r < 0.13) words.push(`\`\`${w}-${i}\`\``);
      else if (r < 0.15) words.push(`\`${w} link <http://example.org/${k}/${i}>\`_`);
      else if (r < 0.16) words.push(`target${k}_`);
      else if (r < 0.17) words.push('[#]_');
      else words.push(w);
    }
    return words.join(' ') + '.';
  };
  const wrap = (text: string, indent = '') => {
    const out: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      if (line && line.length + word.length > 72) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(indent + line);
    return out.join('\n');
  };
  const parts: string[] = [];
  let size = 0;
  let k = 0;
  while (size < bytes) {
    k++;
    const title = `${k}. ${pick(WORDS)} ${pick(ZH)} ${pick(WORDS)}`;
    const block = [
      title, '='.repeat(title.length + 8), '',
      wrap(sentence(60, k)), '',
      wrap(Array.from({ length: 30 }, () => pick(ZH)).join('') + '，使用 ``ip netns`` 查看。'), '',
      `Sub ${k}`, '-'.repeat(8 + String(k).length), '',
      `- ${sentence(8, k)}`, `- ${sentence(10, k)}`, '', `  ${sentence(6, k)}`, '',
      `1. ${sentence(7, k)}`, `2. ${sentence(5, k)}`, `#. ${sentence(6, k)}`, '',
      `:Host: compute-${k}`, `:Bridge: br-int`, `:Note: ${sentence(5, k)}`, '',
      `term ${k}`, `   ${sentence(9, k)}`, `veth ${k} : classifier`, `   ${sentence(4, k)}`, '',
      `Output of the command::`, '', `    $ ip -d link show tap${k}`, `    ${k}: tap${k}: <BROADCAST,MULTICAST,UP> mtu 1500`, `        link/ether fa:16:3e:00:00:${(k % 100).toString().padStart(2, '0')}`, '',
      '.. code-block:: bash', '', `   ovs-vsctl show | grep tap${k}`, `   ip netns exec qdhcp-${k} ip addr`, '',
      '.. note::', '', `   ${sentence(12, k)}`, '',
      '+----------+----------------+', '| port     | VLAN tag       |', '+==========+================+', `| tap${k}`.padEnd(11) + '| ' + String(k % 4094).padEnd(15) + '|', '+----------+----------------+', '',
      '=====  ========', 'name   value', '=====  ========', `qvo    ${k}`, 'qvb    veth', '=====  ========', '',
      `.. _target${k}: http://example.org/targets/${k}`, `.. [#] ${sentence(6, k)}`, '',
    ].join('\n');
    parts.push(block);
    size += Buffer.byteLength(block) + 1;
  }
  return parts.join('\n') + '\n';
}

/** CPU milliseconds of `run` (all threads: V8's parallel GC helpers count too). */
function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * Best CPU and wall milliseconds of `runs` timed runs of `run`, after one
 * untimed warm-up run: steady-state figures (compiled code, grown heap), as
 * throughput benchmarks report them. (A forced GC before each run would shrink
 * the heap and make the run pay for growing it again.)
 */
function bestOf(runs: number, run: () => void): { cpu: number; wall: number } {
  run();
  let cpu = Infinity;
  let wall = Infinity;
  for (let k = 0; k < runs; k++) {
    const started = performance.now();
    cpu = Math.min(cpu, cpuMs(run));
    wall = Math.min(wall, performance.now() - started);
  }
  return { cpu, wall };
}

const DOCUTILS_TIMER = `
import sys, time
from docutils import frontend, utils
from docutils.parsers.rst import Parser
text = open(sys.argv[1], encoding='utf-8').read()
settings = frontend.get_default_settings(Parser)
settings.warning_stream = ''
settings.halt_level = 5
settings.report_level = 5
document = utils.new_document('bench', settings)
start = time.process_time()
Parser().parse(text, document)
print(time.process_time() - start)
`;

/** Run by a fresh node: parse argv[1] once, print CPU and wall milliseconds. */
const COLD_TIMER = `
import { readFileSync } from 'node:fs';
const text = readFileSync(process.argv[1], 'utf8');
const { parseRst } = await import(process.argv[2]);
const before = process.cpuUsage();
const started = performance.now();
parseRst(text, { lineLengthLimit: Number.MAX_SAFE_INTEGER });
const used = process.cpuUsage(before);
console.log((used.user + used.system) / 1000, performance.now() - started);
`;

const here = dirname(fileURLToPath(import.meta.url));

export interface RstBenchResult {
  megabytes: number;
  ms: number;
  mbPerSecond: number;
  docutilsMbPerSecond?: number;
  /** Our throughput / docutils' throughput. */
  ratio?: number;
  /** `ms`: CPU time of the best run; `wallMs`: wall-clock time of the best run. */
  cases: { name: string; megabytes: number; ms: number; wallMs: number }[];
}

/** Time our parser (and docutils when available) on `megabytes` of generated RST; print and return the figures. */
export function benchRst(megabytes = 3, log: (line: string) => void = console.log): RstBenchResult {
  const text = generateRst(megabytes * 1e6);
  const size = Buffer.byteLength(text) / 1e6;
  const ms = bestOf(3, () => parseRst(text)).cpu;
  const result: RstBenchResult = { megabytes: size, ms, mbPerSecond: size / (ms / 1000), cases: [] };
  log(`rst parse: ${size.toFixed(2)} MB in ${ms.toFixed(0)} ms CPU (best of 3) = ${result.mbPerSecond.toFixed(2)} MB/s`);

  const probe = spawnSync('python3', ['-c', 'import docutils'], { encoding: 'utf8' });
  if (probe.status === 0) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-rst-'));
    try {
      const file = join(dir, 'input.rst');
      writeFileSync(file, text);
      const run = spawnSync('python3', ['-c', DOCUTILS_TIMER, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
      const seconds = Number.parseFloat(run.stdout.trim());
      if (run.status === 0 && Number.isFinite(seconds)) {
        result.docutilsMbPerSecond = size / seconds;
        result.ratio = result.mbPerSecond / result.docutilsMbPerSecond;
        log(`docutils:  ${size.toFixed(2)} MB in ${(seconds * 1000).toFixed(0)} ms CPU = ${result.docutilsMbPerSecond.toFixed(2)} MB/s`);
        log(`ratio:     ${result.ratio.toFixed(1)}x docutils`);
      } else log(`docutils run failed: ${run.stderr.trim().split('\n').pop()}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else log('docutils: not installed (python3 -c "import docutils" failed), no ratio');

  const unit = 'Some *emphasis*, **strong**, ``literal``, `title`, `a phrase`_, name_, [1]_, |sub|, <http://example.org/path>, user@example.org. ';
  const longLine = unit.repeat(Math.ceil((1 << 20) / unit.length)).slice(0, 1 << 20) + '\n';
  const quotes = Array.from({ length: 5000 }, (_, k) => ' '.repeat(k) + `level ${k}`).join('\n\n') + '\n';
  const bullets = '- '.repeat(5000) + 'deepest item\n';
  const cases: [string, string][] = [
    ['1 MB single line of inline markup', longLine],
    ['5,000 nested block quotes', quotes],
    ['5,000 nested bullet lists', bullets],
  ];
  const dir = mkdtempSync(join(tmpdir(), 'bench-rst-cold-'));
  try {
    for (const [name, input] of cases) {
      // The same input parsed once by a fresh `node` (what one CLI run pays:
      // the parser's code is compiled while it runs, the heap grows from nothing).
      const file = join(dir, 'input.rst');
      writeFileSync(file, input);
      const cold = spawnSync(process.execPath, ['--input-type=module', '-e', COLD_TIMER, file, pathToFileURL(join(here, '../src/rst/index.js')).href], { encoding: 'utf8' });
      const figures = cold.stdout.trim().split(' ').map(Number);
      if (cold.status === 0 && figures.length === 2) log(`${name}, first parse in a fresh process: ${figures[0]!.toFixed(0)} ms CPU, ${figures[1]!.toFixed(0)} ms wall`);
      else log(`${name}, fresh process: failed (${cold.stderr.trim().split('\n').pop()})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const [name, input] of cases) {
    const { cpu, wall } = bestOf(3, () => parseRst(input, { lineLengthLimit: Number.MAX_SAFE_INTEGER }));
    const caseMb = Buffer.byteLength(input) / 1e6;
    result.cases.push({ name, megabytes: caseMb, ms: cpu, wallMs: wall });
    log(`${name}: ${caseMb.toFixed(2)} MB in ${cpu.toFixed(0)} ms CPU, ${wall.toFixed(0)} ms wall (best of 3)`);
  }
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchRst(process.argv[2] ? Number(process.argv[2]) : 3);
}
