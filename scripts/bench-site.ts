// The site rows of `npm run bench`, every one `netguide build --content DIR --out DIR`
// as a user runs it (both languages, diagrams, search index), paired with
// `sphinx-build -b html` of the same RST (one language) in the same run:
//  - the seed guide (test/fixtures/seed) alone;
//  - N generated guides (scripts/generate-guides.ts);
//  - a generated cloud (scripts/generate-cloud.ts, 20 VMs a host) at several
//    sizes, with the growth between consecutive sizes. `netguide build` builds
//    guides (<guide>/<guide>.rst), not a bundle-only folder, so the cloud's
//    bundle sits in a minimal guide's captures/ and the guide includes every
//    capture (`:literal:`); `netguide topology --json` of the bare bundle is
//    timed beside it;
//  - a cold build, then a rebuild after one capture changed: a second
//    `netguide build` process (it keeps nothing between runs), and
//    `netguide build --watch` (scripts/bench-rebuild.ts), which redoes only the
//    guide whose capture changed.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, type Row, failures, median, netguideArgv, paired, runOnce, warmFigure } from './bench-process.js';
import { generateCloud } from './generate-cloud.js';
import { generateGuides } from './generate-guides.js';

export interface SiteOptions {
  runs: number;
  cli: string;
  here: string;
  repo: string;
  guides: number;
  /** The cloud sizes (hosts), 20 VMs each, smallest first: growth is shown between consecutive sizes. */
  cloud: number[];
  /** Seconds before one cloud run is stopped. */
  timeout: number;
  log: (s: string) => void;
}

/** `netguide build --content CONTENT --out OUT`, as a user runs it. */
export function buildSite(cli: string, content: string, out: string, timeout?: number): Command {
  return { label: 'netguide build', argv: [...netguideArgv(cli), 'build', '--content', content, '--out', out], ...(timeout ? { timeout } : {}) };
}

/** The same guides as a Sphinx project (one language): each guide folder copied, an index with a toctree. */
function makeSphinx(content: string, root: string): string {
  const src = join(root, 'sphinx-src');
  const guides = readdirSync(content, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('_') && !e.name.startsWith('.')).map((e) => e.name).sort();
  for (const g of guides) cpSync(join(content, g), join(src, g), { recursive: true });
  const docs = guides.map((g) => `${g}/${g}`);
  // captures are included by the guides, never documents of their own; translations are not Sphinx's business here
  writeFileSync(join(src, 'conf.py'), "project = 'netguide bench'\nlanguage = 'zh_CN'\nexclude_patterns = ['**/captures/**', '**/locales/**', '**/README.md']\nhtml_theme = 'alabaster'\n");
  writeFileSync(join(src, 'index.rst'), `Guides\n======\n\n.. toctree::\n   :maxdepth: 1\n\n${docs.map((d) => `   ${d}`).join('\n')}\n`);
  return src;
}

/** A minimal guide around a capture bundle: `<dir>/cloud/cloud.rst` includes every capture of `cloud/captures/`, a section per host. */
function cloudGuide(dir: string, hosts: number): { content: string; bundle: string; what: string } {
  const content = join(dir, 'content');
  const bundle = join(content, 'cloud', 'captures');
  const made = generateCloud(bundle, { hosts, vmsPerHost: 20 });
  const out = ['A generated cloud', '=================', '', `${made.hosts} hosts, ${made.vms} VMs.`, ''];
  for (const host of readdirSync(bundle, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    out.push(host, '-'.repeat(host.length), '');
    for (const file of readdirSync(join(bundle, host)).sort()) out.push(`.. include:: captures/${host}/${file}`, '   :literal:', '');
  }
  writeFileSync(join(content, 'cloud', 'cloud.rst'), out.join('\n'));
  return { content, bundle, what: `${made.hosts} hosts, ${made.vms} VMs, ${made.files} captures, ${(made.bytes / 1e6).toFixed(1)} MB` };
}

function probe(argv: string[]): string | undefined {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout || r.stderr).trim().split('\n')[0] : undefined;
}

export function benchSite(options: SiteOptions): { rows: Row[]; notes: string[] } {
  const rows: Row[] = [];
  const notes: string[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'netguide-bench-site-'));
  const sphinxVersion = probe(['sphinx-build', '--version']);
  notes.push(`sphinx: ${sphinxVersion ?? 'sphinx-build not found (apt-get install python3-sphinx): no yardstick for the site'}`);
  /** One site row: netguide build of `content` paired with sphinx-build of the same RST. */
  const siteRow = (name: string, content: string, input: string, timeout?: number): Row => {
    const root = mkdtempSync(join(scratch, `${name}-`));
    const out = join(root, 'site');
    const sphinx: Command | undefined = sphinxVersion
      ? { label: 'sphinx-build -b html', argv: ['sphinx-build', '-b', 'html', '-q', '-E', makeSphinx(content, root), join(root, 'sphinx-out')], ...(timeout ? { timeout } : {}) }
      : undefined;
    options.log(`  ${name}: ${input} `);
    const pairing = paired(buildSite(options.cli, content, out, timeout), sphinx, options.runs, [], options.log);
    options.log('\n');
    const late = [pairing.ours, pairing.anchor].some((s) => s?.runs.some((r) => r.timedOut));
    const failed = late ? [] : [failures(pairing.ours), pairing.anchor ? failures(pairing.anchor) : undefined].filter(Boolean);
    const pages = existsSync(out) ? countPages(out) : 0;
    notes.push(`${name}: netguide wrote ${pages} HTML pages (both languages, a guide page and a topology page per guide and language)`);
    return { section: 'site', case: name, input, pairing, ...(failed.length ? { note: failed.join('; ') } : {}) };
  };
  try {
    // ---- the seed ----
    const seed = join(scratch, 'seed-content');
    cpSync(join(options.repo, 'test/fixtures/seed'), seed, { recursive: true, filter: (src) => !src.endsWith('README.md') });
    rows.push(siteRow('site: seed', seed, 'test/fixtures/seed (local.rst), zh+en (Sphinx: one language)', 3 * options.timeout));

    // ---- N generated guides ----
    options.log(`  generating ${options.guides} guides …\n`);
    const content = join(scratch, 'guides-content');
    const { names } = generateGuides(content, options.guides);
    rows.push(siteRow(`site: ${names.length} guides`, content, `${names.length} generated guides, zh+en (Sphinx: one language)`, 3 * options.timeout));
    notes.push('site rows: builds are long, so they run with a timeout and without the untimed first round');
    notes.push("site aim: both languages with diagrams and search in ≤ 0.5× Sphinx's one-language time (a ratio ≥ 2.0 in the table)");

    // ---- cold build, then a rebuild after one capture changed ----
    const included = names.find((n) => existsSync(join(content, n, 'captures/compute-001/02-ovs-ofctl-dump-flows-br-tun.txt')));
    if (included) {
      const flows = join(content, included, 'captures/compute-001/02-ovs-ofctl-dump-flows-br-tun.txt');
      const rebuildOut = join(scratch, 'rebuild');
      const runDir = mkdtempSync(join(tmpdir(), 'netguide-bench-rebuild-'));
      const cold: number[] = [];
      const again: number[] = [];
      const peaks: number[] = [];
      options.log('  cold build, then a second build process after one capture changed ');
      for (let k = 0; k < options.runs; k++) {
        rmSync(rebuildOut, { recursive: true, force: true });
        const first = runOnce(buildSite(options.cli, content, rebuildOut), runDir);
        appendFileSync(flows, ` cookie=0x0, duration=1.${k}s, table=21, n_packets=0, n_bytes=0, idle_age=0, priority=2,dl_vlan=4094 actions=drop\n`);
        const second = runOnce(buildSite(options.cli, content, rebuildOut), runDir);
        cold.push(first.wall);
        again.push(second.wall);
        peaks.push(first.peakMb ?? NaN, second.peakMb ?? NaN);
        options.log('.');
      }
      rmSync(runDir, { recursive: true, force: true });
      options.log('\n');
      notes.push(`rebuild, ${names.length} guides: cold build ${median(cold).toFixed(1)} s, a second \`netguide build\` after one capture of ${included} changed ${median(again).toFixed(1)} s (medians of ${options.runs}; peak ${Math.max(...peaks.filter(Number.isFinite)).toFixed(0)} MB): a new process keeps nothing, so it redoes every guide`);
      options.log('  netguide build --watch: first build, then the rebuild after one capture changed ');
      const watched: { firstS?: number; rebuildS?: number; guides?: number; unchanged?: number; peakMb?: number; error?: string }[] = [];
      for (let k = 0; k < Math.min(options.runs, 3); k++) {
        rmSync(rebuildOut, { recursive: true, force: true });
        const r = spawnSync(process.execPath, [join(options.here, 'bench-rebuild.js'), netguideArgv(options.cli).at(-1)!, content, rebuildOut, flows, '--timeout', String(3 * options.timeout)], { encoding: 'utf8' });
        try {
          watched.push(JSON.parse(r.stdout.trim().split('\n').pop() ?? ''));
        } catch {
          watched.push({ error: (r.stderr || `exit ${r.status}`).trim().split('\n').pop() ?? '' });
        }
        options.log('.');
      }
      options.log('\n');
      const ok = watched.filter((w) => w.rebuildS !== undefined);
      if (ok.length === 0) notes.push(`rebuild with --watch: ${watched[0]?.error ?? 'no figure'}`);
      else {
        const w = ok[0]!;
        notes.push(`rebuild with \`netguide build --watch\`, ${names.length} guides: first build ${median(ok.map((x) => x.firstS!)).toFixed(1)} s, rebuild after one capture changed ${median(ok.map((x) => x.rebuildS!)).toFixed(1)} s (median of ${ok.length}; timed from the change to the summary line, Eleventy's watch delay included); ${w.unchanged} of ${w.guides} guides said unchanged; watcher peak ${Math.max(...ok.map((x) => x.peakMb ?? NaN)).toFixed(0)} MB`);
      }
    }

    // ---- a generated cloud at several sizes ----
    const growth: Record<string, number[]> = {};
    const cpuGrowth: Record<string, number[]> = {};
    for (const hosts of options.cloud) {
      const dir = join(scratch, `cloud-${hosts}`);
      const guide = cloudGuide(dir, hosts);
      const late = (row: Row) => row.pairing!.ours.runs.some((r) => r.timedOut);
      const build = siteRow(`site: cloud, --cloud ${hosts}`, guide.content, `${guide.what}, one guide including every capture`, options.timeout);
      rows.push(build);
      (growth['netguide build'] ??= []).push(late(build) ? NaN : median(build.pairing!.ours.runs.map((r) => r.wall)));
      (cpuGrowth['netguide build'] ??= []).push(late(build) ? NaN : median(build.pairing!.ours.runs.map((r) => r.cpu)));
      const topology: Command = { label: 'netguide topology --json', argv: [...netguideArgv(options.cli), 'topology', guide.bundle, '--json'], timeout: options.timeout };
      options.log(`  topology --json: cloud bundle of ${guide.what} `);
      const p = paired(topology, undefined, options.runs, [], options.log);
      options.log('\n');
      const stopped = p.ours.runs.some((r) => r.timedOut);
      // the warm figure repeats the work twice more: only where a run is short enough
      const slow = stopped || median(p.ours.runs.map((r) => r.wall)) > options.timeout / 4;
      const warm = slow ? 'not run (too slow)' : warmFigure(options.here, 'topology', guide.bundle, ['--runs', '1']);
      const bad = stopped ? undefined : failures(p.ours);
      rows.push({ section: 'site', case: `topology --json, --cloud ${hosts}`, input: `the bare bundle: ${guide.what}`, pairing: p, warm, ...(bad ? { note: bad } : {}) });
      (growth['topology --json'] ??= []).push(stopped ? NaN : median(p.ours.runs.map((r) => r.wall)));
      (cpuGrowth['topology --json'] ??= []).push(stopped ? NaN : median(p.ours.runs.map((r) => r.cpu)));
      rmSync(dir, { recursive: true, force: true });
    }
    for (const [label, times] of Object.entries(growth)) {
      for (let k = 1; k < times.length; k++) {
        const [small, big] = [times[k - 1]!, times[k]!];
        const [smallCpu, bigCpu] = [cpuGrowth[label]![k - 1]!, cpuGrowth[label]![k]!];
        const factor = options.cloud[k]! / options.cloud[k - 1]!;
        notes.push(`cloud growth --cloud ${options.cloud[k - 1]} → ${options.cloud[k]} (compute hosts), ${label}: ${Number.isFinite(small + big) ? `${(big / small).toFixed(1)}× the wall time, ${(bigCpu / smallCpu).toFixed(1)}× the CPU time` : `n/a (a run was stopped after ${options.timeout} s)`} (${factor.toFixed(1)}× the compute hosts)`);
      }
    }
    notes.push(`cloud aim: the 200-host site in < 10 s and < 1 GB (timeout per run here: ${options.timeout} s); \`netguide build\` takes guides only, so the bundle is built as a guide that includes every capture`);
    return { rows, notes };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function countPages(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile() && entry.name.endsWith('.html')) n++;
  return n;
}
