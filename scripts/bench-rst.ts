// The reStructuredText rows of `npm run bench`: `netguide rst2xml` and
// `netguide rst2html` against docutils' `rst2xml` and `rst2html5`, whole
// processes, on real-world documentation (never generated text), at 1× and 4×.
//
// Where the text comes from (looked for at run time; nothing fetched is
// committed; a corpus that is absent is skipped with a message):
//   1. $NETGUIDE_BENCH_RST: a folder of .rst files (any documentation tree);
//   2. Python's PEPs, `peps/pep-*.rst` in a snapshot of github.com/python/peps
//      at $NETGUIDE_MIRROR/python+peps/repo (default mirror: /work/.mirror;
//      `fetch github:python/peps` puts it there): plain docutils RST, 14 MB;
//   3. docutils' own documentation, `docutils/docs/**/*.rst` in a snapshot of
//      github.com/docutils/docutils at $NETGUIDE_MIRROR/docutils+docutils/repo
//      (1.39 MB: the corpus the issue's 3.9× was measured on);
//   4. CMake's help, /usr/share/cmake-*/Help/**/*.rst (Debian's cmake-data),
//      when neither snapshot is there (Sphinx-flavoured: many unknown roles).
//
// One document is made of a corpus's files in path order until it reaches the
// size asked for (1 MB and 4 MB of PEPs; all of docutils' docs). A file that
// defines an explicit target name an earlier file already defined is left
// out: docutils 0.19 crashes (ValueError in its references transform) on some
// duplicated indirect targets, which concatenation would otherwise create.
// docutils runs with --halt=none, so a severe message in the text (a title
// level that jumps, a missing include) does not stop it before the end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type Command, type Row, failures, median, netguideArgv, paired, warmFigure } from './bench-process.js';

export interface RstOptions {
  runs: number;
  /** Also rst2html at 4× (minutes of docutils on a loaded machine). */
  full: boolean;
  cli: string;
  here: string;
  /** Other netguide checkouts or settings to run in the same alternation. */
  variants: { label: string; cli: string; env?: Record<string, string> }[];
  log: (s: string) => void;
}

interface Corpus {
  name: string;
  where: string;
  /** Files in path order: name relative to the corpus root, text. */
  files: { name: string; text: string }[];
}

function mirror(): string {
  return process.env['NETGUIDE_MIRROR'] ?? '/work/.mirror';
}

function walk(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path, keep));
    else if (entry.isFile() && keep(path)) out.push(path);
  }
  return out.sort();
}

function fromDir(name: string, root: string, keep: (path: string) => boolean): Corpus {
  return { name, where: root, files: walk(root, keep).map((path) => ({ name: relative(root, path), text: readFileSync(path, 'utf8') })) };
}

/** The files of `path` in a git snapshot (a bare repository) at HEAD, unpacked into `scratch`. */
function fromGit(name: string, repo: string, path: string, keep: (file: string) => boolean, scratch: string): Corpus | string {
  if (!existsSync(repo)) return `${name}: no snapshot at ${repo}`;
  const dir = join(scratch, name.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('sh', ['-c', 'git --git-dir="$1" archive HEAD "$2" | tar -x -C "$3"', 'sh', repo, path, dir], { encoding: 'utf8' });
  if (r.status !== 0) return `${name}: git archive failed: ${r.stderr.trim()}`;
  const head = spawnSync('git', ['--git-dir', repo, 'log', '-1', '--format=%h %cs'], { encoding: 'utf8' }).stdout.trim();
  const corpus = fromDir(name, join(dir, path), keep);
  return { ...corpus, where: `${repo} (${head}) ${path}/` };
}

export function findCorpora(scratch: string): { corpora: Corpus[]; missing: string[] } {
  const corpora: Corpus[] = [];
  const missing: string[] = [];
  const own = process.env['NETGUIDE_BENCH_RST'];
  if (own) {
    if (existsSync(own) && statSync(own).isDirectory()) corpora.push(fromDir(`$NETGUIDE_BENCH_RST`, own, (p) => p.endsWith('.rst')));
    else missing.push(`$NETGUIDE_BENCH_RST=${own} is not a folder`);
  }
  const peps = fromGit('PEPs', join(mirror(), 'python+peps/repo'), 'peps', (p) => /\/pep-\d+\.rst$/.test(p), scratch);
  if (typeof peps === 'string') missing.push(peps);
  else corpora.push(peps);
  const docs = fromGit("docutils' docs", join(mirror(), 'docutils+docutils/repo'), 'docutils/docs', (p) => p.endsWith('.rst'), scratch);
  if (typeof docs === 'string') missing.push(docs);
  else corpora.push(docs);
  if (corpora.length === 0) {
    const share = '/usr/share';
    const cmake = existsSync(share) ? readdirSync(share).filter((d) => /^cmake-[\d.]+$/.test(d)).sort().pop() : undefined;
    if (cmake && existsSync(join(share, cmake, 'Help'))) corpora.push(fromDir("CMake's help", join(share, cmake, 'Help'), (p) => p.endsWith('.rst')));
    else missing.push('CMake help: no /usr/share/cmake-*/Help (apt-get install cmake-data)');
  }
  return { corpora, missing };
}

/** One document of at least `bytes` (or the whole corpus), leaving out files whose explicit targets an earlier file defined. */
export function assemble(corpus: Corpus, bytes: number): { text: string; files: number; skipped: number; bytes: number } {
  const defined = new Set<string>();
  const parts: string[] = [];
  let size = 0;
  let skipped = 0;
  for (const file of corpus.files) {
    if (size >= bytes) break;
    const names = [...file.text.matchAll(/^\.\. _(`[^`]+`|[^:`\n]+):/gm)].map((m) => m[1]!.replace(/`/g, '').trim().toLowerCase().replace(/\s+/g, ' '));
    if (names.some((n) => defined.has(n))) {
      skipped++;
      continue;
    }
    for (const n of names) defined.add(n);
    parts.push(file.text.endsWith('\n') ? file.text : file.text + '\n');
    size += Buffer.byteLength(file.text);
  }
  const text = parts.join('\n');
  return { text, files: parts.length, skipped, bytes: Buffer.byteLength(text) };
}

function probe(argv: string[]): string | undefined {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout || r.stderr).trim().split('\n')[0] : undefined;
}

export function benchRst(options: RstOptions): { rows: Row[]; notes: string[] } {
  const rows: Row[] = [];
  const notes: string[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'netguide-bench-rst-'));
  try {
    const { corpora, missing } = findCorpora(scratch);
    for (const m of missing) notes.push(`rst corpus skipped: ${m}`);
    const docutilsXml = probe(['rst2xml', '--version']);
    const docutilsHtml = probe(['rst2html5', '--version']);
    notes.push(`docutils: ${docutilsXml ?? 'rst2xml not found (apt-get install python3-docutils)'}${docutilsHtml ? '' : '; rst2html5 not found'}`);
    if (corpora.length === 0) {
      rows.push({ section: 'rst', case: 'rst2xml', input: '—', note: 'no real-world RST found (see the notes)' });
      return { rows, notes };
    }
    // PEPs (or the first corpus) at 1× and 4×; docutils' docs whole, as the issue measured them
    const plan: { corpus: Corpus; label: string; bytes: number; html: boolean }[] = [];
    const [first, ...others] = corpora;
    const whole = first!.files.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
    const base = Math.min(1e6, whole / 4);
    plan.push({ corpus: first!, label: '1×', bytes: base, html: true });
    plan.push({ corpus: first!, label: '4×', bytes: 4 * base, html: options.full });
    for (const c of others) plan.push({ corpus: c, label: 'all', bytes: Infinity, html: false });
    const growth = new Map<string, { ours: number; anchor: number }[]>();
    for (const step of plan) {
      const doc = assemble(step.corpus, step.bytes);
      const dir = join(scratch, `doc-${rows.length}`);
      mkdirSync(dir);
      const file = join(dir, 'input.rst');
      writeFileSync(file, doc.text);
      const input = `${step.corpus.name} ${step.label}: ${(doc.bytes / 1e6).toFixed(2)} MB, ${doc.files} files${doc.skipped ? ` (${doc.skipped} left out)` : ''}`;
      notes.push(`${step.corpus.name}: ${step.corpus.where}`);
      for (const [tool, anchorTool, kind, available] of [['rst2xml', 'rst2xml', 'rst2xml', docutilsXml], ['rst2html', 'rst2html5', 'rst2html', docutilsHtml]] as const) {
        if (tool === 'rst2html' && !step.html) continue;
        const ours: Command = { label: `netguide ${tool}`, argv: [...netguideArgv(options.cli), tool, file] };
        const anchor: Command | undefined = available ? { label: `docutils ${anchorTool}`, argv: [anchorTool, '--halt=none', file] } : undefined;
        const variants = options.variants.map((v) => ({ label: v.label, argv: [...netguideArgv(v.cli), tool, file], ...(v.env ? { env: v.env } : {}) }));
        options.log(`  ${tool} ${input} `);
        const pairing = paired(ours, anchor, options.runs, variants, options.log);
        options.log('\n');
        const warm = warmFigure(options.here, kind, file);
        const failed = [failures(pairing.ours), pairing.anchor ? failures(pairing.anchor) : undefined].filter(Boolean);
        rows.push({ section: 'rst', case: `${tool}`, input, pairing, warm, ...(failed.length ? { note: failed.join('; ') } : {}) });
        if (step.corpus === first) {
          const list = growth.get(tool) ?? [];
          list.push({ ours: median(pairing.ours.runs.map((r) => r.wall)), anchor: pairing.anchor ? median(pairing.anchor.runs.map((r) => r.wall)) : NaN });
          growth.set(tool, list);
        }
      }
    }
    for (const [tool, [one, four]] of growth) {
      if (!one || !four) continue;
      notes.push(`growth 1× → 4× (${first!.name}), ${tool}: netguide ${(four.ours / one.ours).toFixed(2)}× the time, docutils ${(four.anchor / one.anchor).toFixed(2)}× (4.00 = linear)`);
    }
    return { rows, notes };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
