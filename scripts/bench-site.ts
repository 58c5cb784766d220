// The site rows of `npm run bench`:
//  - a site of the seed guide plus N generated guides (scripts/generate-guides.ts),
//    both languages, diagrams and search, against `sphinx-build -b html` of the
//    same RST in one language, in the same run;
//  - the same site built cold, then rebuilt after one capture of one guide changed;
//  - a generated cloud (scripts/generate-cloud.ts, 20 VMs a host) at two sizes,
//    so the growth shows: `netguide topology --json` and `netguide explain`.
//
// PENDING: `netguide build` (the site shell) and `netguide build --bundle`
// (a site of a capture bundle) are not there yet. Until they land, buildSite()
// below runs today's `npm run build` path without its compile step (Eleventy
// with this repo's .eleventy.js, then Pagefind), and the cloud is measured
// through `topology`/`explain`; swap buildSite() for `netguide build` then.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
  /** Seconds before one cloud run is stopped (default 300). */
  timeout: number;
  log: (s: string) => void;
}

/**
 * The one function that builds a site of `content` into `out`, as a user's
 * command does; today Eleventy + Pagefind (what `npm run build` runs after
 * tsc), later `netguide build CONTENT --out OUT`.
 */
export function buildSite(repo: string, content: string, out: string): Command {
  const eleventy = join(repo, 'node_modules/@11ty/eleventy/cmd.cjs');
  const pagefind = join(repo, 'node_modules/.bin/pagefind');
  return {
    label: 'site build (Eleventy + Pagefind)',
    argv: ['sh', '-c', '"$1" "$2" --quiet && "$3" --site "$4" --quiet', 'sh', process.execPath, eleventy, pagefind, out],
    cwd: repo,
    env: { NETGUIDE_CONTENT: content, NETGUIDE_SITE: out },
  };
}

/** A content folder as the site test makes one: the repo's guides (the seed), N generated guides, the real data files. */
function makeContent(repo: string, root: string, guides: number): { content: string; names: string[] } {
  const content = join(root, 'content');
  cpSync(join(repo, 'content'), content, { recursive: true, filter: (src) => !src.endsWith('/_data') });
  const made = generateGuides(content, guides);
  symlinkSync(join(repo, 'content/_data'), join(content, '_data'));
  symlinkSync(join(repo, '_includes'), join(root, '_includes'));
  return { content, names: made.names };
}

/** The same guides as a Sphinx project (one language): each guide folder copied, an index with a toctree. */
function makeSphinx(content: string, root: string): string {
  const src = join(root, 'sphinx-src');
  const guides = readdirSync(content, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('_')).map((e) => e.name).sort();
  for (const g of guides) cpSync(join(content, g), join(src, g), { recursive: true });
  const docs = guides.flatMap((g) => readdirSync(join(src, g)).filter((f) => f.endsWith('.rst')).map((f) => `${g}/${f.replace(/\.rst$/, '')}`));
  writeFileSync(join(src, 'conf.py'), "project = 'netguide bench'\nlanguage = 'zh_CN'\nexclude_patterns = ['**/captures/**']\nhtml_theme = 'alabaster'\n");
  writeFileSync(join(src, 'index.rst'), `Guides\n======\n\n.. toctree::\n   :maxdepth: 1\n\n${docs.map((d) => `   ${d}`).join('\n')}\n`);
  return src;
}

function probe(argv: string[]): string | undefined {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout || r.stderr).trim().split('\n')[0] : undefined;
}

export function benchSite(options: SiteOptions): { rows: Row[]; notes: string[] } {
  const rows: Row[] = [];
  const notes: string[] = ['site: PENDING `netguide build` — the site rows run today\'s `npm run build` path (Eleventy + Pagefind, compile step left out) through buildSite() in scripts/bench-site.ts'];
  const scratch = mkdtempSync(join(tmpdir(), 'netguide-bench-site-'));
  try {
    // ---- the seed + N guides, against Sphinx ----
    options.log(`  generating ${options.guides} guides …\n`);
    const { content, names } = makeContent(options.repo, scratch, options.guides);
    const sphinxSrc = makeSphinx(content, scratch);
    const sphinx = probe(['sphinx-build', '--version']);
    notes.push(`sphinx: ${sphinx ?? 'sphinx-build not found (apt-get install python3-sphinx): no yardstick for the site'}`);
    const out = join(scratch, 'site');
    const site = buildSite(options.repo, content, out);
    const sphinxRun: Command | undefined = sphinx ? { label: 'sphinx-build -b html', argv: ['sphinx-build', '-b', 'html', '-q', '-E', sphinxSrc, join(scratch, 'sphinx-out')] } : undefined;
    const input = `seed + ${names.length} guides, zh+en (Sphinx: one language)`;
    options.log(`  site: ${input} `);
    const pairing = paired(site, sphinxRun, options.runs, [], options.log);
    options.log('\n');
    const pages = existsSync(out) ? countPages(out) : 0;
    const failed = [failures(pairing.ours), pairing.anchor ? failures(pairing.anchor) : undefined].filter(Boolean);
    rows.push({ section: 'site', case: 'site build', input, pairing, ...(failed.length ? { note: failed.join('; ') } : {}) });
    notes.push(`site build: ${pages} HTML pages; the aim is ≤ 0.5× Sphinx's one-language time (a ratio ≥ 2.0 here)`);

    // ---- cold build, then a rebuild after one capture changed ----
    const included = names.find((n) => existsSync(join(content, n, 'captures')));
    if (included) {
      const rebuildOut = join(scratch, 'rebuild');
      const cold: number[] = [];
      const again: number[] = [];
      const peaks: number[] = [];
      const runDir = mkdtempSync(join(tmpdir(), 'netguide-bench-rebuild-'));
      options.log('  cold build, then rebuild after one capture changed ');
      for (let k = 0; k < options.runs; k++) {
        rmSync(rebuildOut, { recursive: true, force: true });
        const first = runOnce(buildSite(options.repo, content, rebuildOut), runDir);
        const flows = join(content, included, 'captures/compute-001/02-ovs-ofctl-dump-flows-br-tun.txt');
        appendFileSync(flows, ` cookie=0x0, duration=1.${k}s, table=21, n_packets=0, n_bytes=0, idle_age=0, priority=2,dl_vlan=4094 actions=drop\n`);
        const second = runOnce(buildSite(options.repo, content, rebuildOut), runDir);
        cold.push(first.wall);
        again.push(second.wall);
        peaks.push(first.peakMb ?? NaN, second.peakMb ?? NaN);
        options.log('.');
      }
      rmSync(runDir, { recursive: true, force: true });
      options.log('\n');
      notes.push(`cold build ${median(cold).toFixed(1)} s, rebuild after one capture of ${included} changed ${median(again).toFixed(1)} s (medians of ${options.runs}; peak ${Math.max(...peaks.filter(Number.isFinite)).toFixed(0)} MB) — PENDING the site shell: today's Eleventy build redoes every page, so the rebuild costs a build`);
    }

    // ---- a generated cloud at two sizes ----
    const growth: Record<string, number[]> = {};
    for (const hosts of options.cloud) {
      const dir = join(scratch, `cloud-${hosts}`);
      const made = generateCloud(dir, { hosts, vmsPerHost: 20 });
      const what = `${made.hosts} hosts, ${made.vms} VMs, ${made.files} captures, ${(made.bytes / 1e6).toFixed(1)} MB`;
      for (const [label, args, kind] of [['topology --json', ['topology', dir, '--json'], 'topology'], ['explain', ['explain', dir], 'explain']] as const) {
        const command: Command = { label: `netguide ${label}`, argv: [...netguideArgv(options.cli), ...args], timeout: options.timeout };
        options.log(`  ${label}: cloud of ${what} `);
        const p = paired(command, undefined, options.runs, [], options.log);
        options.log('\n');
        const late = p.ours.runs.some((r) => r.timedOut);
        // the warm figure repeats the work twice more: only where a run is short enough
        const slow = late || median(p.ours.runs.map((r) => r.wall)) > options.timeout / 4;
        const warm = slow ? 'not run (too slow)' : warmFigure(options.here, kind, dir, ['--runs', '1']);
        const bad = late ? undefined : failures(p.ours);
        rows.push({ section: 'site', case: `${label}, cloud ${hosts} hosts`, input: what, pairing: p, warm, ...(bad ? { note: bad } : {}) });
        (growth[label] ??= []).push(late ? NaN : median(p.ours.runs.map((r) => r.wall)));
      }
    }
    for (const [label, times] of Object.entries(growth)) {
      for (let k = 1; k < times.length; k++) {
        const [small, big] = [times[k - 1]!, times[k]!];
        const factor = options.cloud[k]! / options.cloud[k - 1]!;
        notes.push(`cloud growth ${options.cloud[k - 1]} → ${options.cloud[k]} hosts, ${label}: ${Number.isFinite(small + big) ? `${(big / small).toFixed(1)}× the time` : 'n/a (a run was stopped)'} (${factor.toFixed(1)}× = linear)`);
      }
    }
    notes.push(`cloud aim: the ${options.cloud[options.cloud.length - 1]}-host site in < 10 s and < 1 GB; PENDING \`netguide build --bundle\`: topology and explain measured instead`);
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
