// `netguide import BUNDLE|TARBALL|SOSREPORT --guide NAME [--content DIR]`:
// files new captures under `<content>/<guide>/captures/<host>/` (one folder
// per host, `NN-slug.txt` with the `$ command` line, and the host's own
// manifest.json), then says what it found and what changed against the
// captures that were there (or, for a guide with none yet, against the
// guide's own inline captures). A host's earlier capture files are replaced;
// other hosts and other files stay.

import type { Command } from 'commander';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { formatDiagnostic } from '../diagnostics.js';
import type { Message } from '../message.js';
import type { Topology } from '../topology/model.js';

interface ImportOptions { guide: string; content?: string; lang?: string; json?: boolean }

export function register(program: Command): void {
  program
    .command('import')
    .description("file a capture bundle, tarball or sosreport under a guide's captures and say what changed")
    .argument('<input>', 'a bundle folder (scripts/capture.sh, lab.sh capture), its .tar.gz, a sosreport folder or .tar.xz, or a folder of them')
    .requiredOption('--guide <name>', 'the guide (content/<name>/); created if it is not there')
    .option('--content <dir>', 'the content folder', 'content')
    .option('--lang <lang>', 'language of the report: zh or en', 'en')
    .option('--json', 'print what was filed and the diff as JSON')
    .addHelpText('after', `
Example:
  netguide capture | ssh root@node1 sh -s -- /tmp/ng && scp root@node1:/tmp/ng/node1.tar.gz .
  netguide import node1.tar.gz --guide mycloud`)
    .action(async (input: string, options: ImportOptions) => {
      process.exitCode = await runImport(input, options, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    });
}

const GUIDE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export async function runImport(input: string, options: ImportOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const fail = (message: string) => {
    err(`netguide import: ${message}\n`);
    return 2;
  };
  if (options.lang !== undefined && options.lang !== 'zh' && options.lang !== 'en') return fail(`--lang must be zh or en, not ${options.lang}`);
  if (!GUIDE_NAME.test(options.guide) || options.guide.includes('..')) return fail(`--guide must be a plain folder name (letters, digits, . _ -), not ${JSON.stringify(options.guide)}`);
  const lang = options.lang === 'zh' ? 'zh' : 'en';
  const [{ readBundle }, { hostFiles }, { joinedTopology }, { diffTopology }, { say }, { msg }, { diffText, diffJson }] = await Promise.all([
    import('../captures/bundle.js'), import('../captures/bundle-write.js'), import('../pipeline.js'), import('../topology/diff.js'),
    import('../i18n/messages.js'), import('../message.js'), import('./diff.js'),
  ]);

  const bundle = readBundle(input, { keepText: true });
  for (const d of bundle.problems) err(formatDiagnostic(d) + '\n');
  if (bundle.problems.some((d) => d.severity === 'error' || d.severity === 'severe')) return 1;
  if (bundle.hosts.length === 0) return fail(`${input}: no captures found (a bundle has <host>/NN-slug.txt files; a sosreport has sos_commands/)`);

  const guideDir = join(options.content ?? 'content', options.guide);
  const capturesDir = join(guideDir, 'captures');
  const guideFile = join(guideDir, `${options.guide}.rst`);

  // what was there: the guide's captures folder, else the guide's own inline captures
  const hadCaptures = existsSync(capturesDir) && readBundle(capturesDir).hosts.length > 0;
  const beforePath = hadCaptures ? capturesDir : existsSync(guideFile) ? guideFile : undefined;
  const before: Topology | undefined = beforePath ? joinedTopology([beforePath]).topology : undefined;

  const filed: { host: string; dir: string; files: number }[] = [];
  for (const host of bundle.hosts) {
    const files = hostFiles(bundle, host, basename(input.replace(/[\\/]+$/, '')));
    const dir = join(capturesDir, files.dir);
    mkdirSync(dir, { recursive: true });
    // the host's earlier captures go; anything else a person put there stays
    for (const old of readdirSync(dir)) if (/^\d+-.+\.txt$/.test(old) || old === 'manifest.json') rmSync(join(dir, old));
    for (const f of files.files) writeFileSync(join(dir, f.name), f.text);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(files.manifest, null, 2) + '\n');
    const shown = relative(process.cwd(), dir);
    filed.push({ host: host.name, dir: shown && !shown.startsWith('..') ? shown : dir, files: files.files.length });
  }

  const now = joinedTopology([capturesDir]);
  for (const d of now.sources.problems) err(formatDiagnostic(d) + '\n');
  const after = now.topology;
  const found = foundIn(after, new Set(bundle.hosts.map((h) => h.name)));
  const diff = before ? diffTopology(before, after) : undefined;

  if (options.json) {
    const diffed = diff ? (JSON.parse(await diffJson(diff)) as unknown) : null;
    out(JSON.stringify({ input, guide: options.guide, captures: capturesDir, filed, skipped: bundle.skipped.length, found, before: beforePath ?? null, diff: diffed }, null, 2) + '\n');
    return 0;
  }
  const line = (m: Message) => say(m, lang);
  const lines: string[] = [];
  lines.push(line(msg('import:filed', { count: filed.reduce((n, f) => n + f.files, 0), hosts: filed.map((f) => f.host), dir: capturesDir })));
  for (const f of filed) lines.push(`  ${f.dir}/ (${f.files})`);
  if (bundle.skipped.length) lines.push(line(msg('import:skipped', { count: bundle.skipped.length })));
  const list = (items: string[]) => (items.length ? items : [line(msg('import:none'))]);
  lines.push('', line(msg('import:found')));
  lines.push(`  ${line(msg('diff:section-host'))}: ${list(found.hosts).join(', ')}`);
  lines.push(`  ${line(msg('diff:section-bridge'))}: ${list(found.bridges).join(', ')}`);
  lines.push(`  ${line(msg('diff:section-vm'))}: ${list(found.vms).join(', ')}`);
  lines.push(`  ${line(msg('import:routers'))}: ${list(found.routers).join(', ')}`);
  lines.push('');
  if (!diff) lines.push(line(msg('import:first')));
  else {
    lines.push(line(msg(hadCaptures ? 'import:against-captures' : 'import:against-guide', { before: beforePath! })));
    lines.push((await diffText(diff, lang, beforePath!, capturesDir)).split('\n').slice(1).join('\n').trimEnd());
  }
  out(lines.join('\n') + '\n');
  return 0;
}

/** What the imported hosts hold: bridges, VMs and routers, each named with its host. */
function foundIn(t: Topology, hosts: Set<string>): { hosts: string[]; bridges: string[]; vms: string[]; routers: string[] } {
  const mine = <T extends { host: string; name: string }>(items: T[]) =>
    items.filter((i) => hosts.has(i.host)).sort((a, b) => (a.host === b.host ? (a.name < b.name ? -1 : 1) : a.host < b.host ? -1 : 1));
  return {
    hosts: [...hosts],
    bridges: mine(t.bridges).map((b) => `${b.host}: ${b.name} (${b.kind})`),
    vms: mine(t.vms).map((v) => `${v.host}: ${v.name}${v.interfaces.length ? ` → ${v.interfaces.map((i) => i.tap).join(', ')}` : ''}`),
    routers: mine(t.namespaces).filter((n) => n.role === 'router' || n.name.startsWith('qrouter-')).map((n) => `${n.host}: ${n.name}`),
  };
}
