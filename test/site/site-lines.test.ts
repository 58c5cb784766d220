// No line lost: every line of every capture of the site's fixture guides and
// of the capture lab's samples (test/fixtures/lab-samples, each bundle made a
// guide that includes all its files) reaches the built pages, in both
// languages: on the guide page inside the block that shows the capture, on
// the topology page as the row of its own line number, with its exact text.
// The lines are read from the files here, not from what netguide parsed.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseHTML } from 'linkedom';
import { labSamples } from '../fixture-paths.js';
import { build, makeContent, page, temporary, type BuildRun } from './helpers.js';

const FIXTURE_GUIDES = ['alpha', 'beta', 'evil', 'hostile', 'two-hosts', 'seed'] as const;
/** Guide folder name → its .rst (the seed's folder is `local`). */
const rstOf = (guide: string) => `${guide}/${guide}.rst`;

/** Every file under `dir`, relative to it, sorted. */
const filesUnder = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile()).sort();

/** A bundle of the capture lab as a guide: a section per host, each capture file included as literal text. */
function labGuide(content: string, variant: string): string {
  const name = `lab-${variant}`;
  const folder = join(content, name);
  cpSync(join(labSamples, variant), join(folder, 'captures'), { recursive: true });
  const hosts = readdirSync(join(folder, 'captures')).filter((h) => statSync(join(folder, 'captures', h)).isDirectory()).sort();
  const title = `The capture lab's ${variant} bundle`;
  const text = [title, '='.repeat(title.length), ''];
  for (const host of hosts) {
    text.push(`${host} node`, '-'.repeat(host.length + 5), '');
    for (const file of readdirSync(join(folder, 'captures', host)).sort()) text.push(`.. include:: captures/${host}/${file}`, '   :literal:', '');
  }
  writeFileSync(join(folder, `${name}.rst`), text.join('\n'));
  return name;
}

/** A line as a block shows it: tabs expanded (rst's include does), no trailing blanks. */
const shown = (line: string) => {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
  return out.replace(/\s+$/, '');
};

/** A line of an rst literal block as its block shows it: tabs expanded from the source's column, then the block's indentation taken off. */
const asBlock = (line: string, indent: number) => shown(line).slice(indent);

/** The lines of a file, without the last empty one a final newline leaves. */
const linesOf = (file: string) => {
  const lines = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

/** Does `block` hold `lines` one after the other? */
function holds(block: string[], lines: string[]): boolean {
  const want = lines.map(shown);
  const have = block.map(shown);
  for (let i = 0; i + want.length <= have.length; i++) if (want.every((l, j) => have[i + j] === l)) return true;
  return false;
}

interface CaptureTable {
  /** `captures/compute/01-….txt` (relative to the guide's folder). */
  file: string;
  firstLine: number;
  /** Line number → text, as the rows show them. */
  rows: Map<number, string>;
}

/** The captures section of a topology page. */
function captureTables(html: string): CaptureTable[] {
  const { document } = parseHTML(html);
  return Array.from(document.querySelectorAll('div.capture')).map((div) => {
    const [, file, line] = /^(.*):(\d+)$/.exec(div.querySelector('p.command .evidence')!.textContent!.trim())!;
    const rows = new Map<number, string>();
    for (const tr of Array.from(div.querySelectorAll('tbody tr'))) rows.set(Number(tr.querySelector('td.line')!.textContent), tr.querySelector('code')!.textContent ?? '');
    return { file: file!, firstLine: Number(line), rows };
  });
}

/** The text of every literal block of a guide page, as lines. */
const blocksOf = (html: string): string[][] => Array.from(parseHTML(html).document.querySelectorAll('article pre')).map((pre) => (pre.textContent ?? '').replace(/\n$/, '').split('\n'));

describe('no capture line lost on the site', () => {
  let root = '';
  let content = '';
  let run: BuildRun;
  const guides: string[] = [];

  before(async () => {
    root = temporary('lines');
    content = makeContent(root, [...FIXTURE_GUIDES]);
    guides.push('alpha', 'beta', 'evil', 'hostile', 'two-hosts', 'local');
    for (const variant of readdirSync(labSamples).filter((v) => statSync(join(labSamples, v)).isDirectory()).sort()) guides.push(labGuide(content, variant));
    run = await build(root, ['--content', 'content', '--out', 'site']);
  });

  it('should build every guide, the lab\'s bundles too', () => {
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    assert.ok(guides.filter((g) => g.startsWith('lab-')).length >= 6, `the lab's bundles: ${guides.join(' ')}`);
    for (const g of guides) for (const lang of ['zh', 'en']) page(join(root, 'site'), `${lang}/${g}/topology/`);
  });

  it('should show every line of every capture file on the guide page and on the topology page, in both languages', () => {
    let checked = 0;
    for (const guide of guides) {
      const folder = join(content, guide);
      const files = filesUnder(folder).filter((f) => /\.txt$/.test(f) && linesOf(join(folder, f))[0]?.startsWith('$ '));
      for (const lang of ['zh', 'en']) {
        const blocks = blocksOf(page(join(root, 'site'), `${lang}/${guide}/`));
        const tables = captureTables(page(join(root, 'site'), `${lang}/${guide}/topology/`));
        for (const file of files) {
          const lines = linesOf(join(folder, file));
          assert.ok(blocks.some((b) => holds(b, lines)), `${lang}/${guide}/: a block shows all ${lines.length} lines of ${file}`);
          const table = tables.find((t) => t.file === file);
          assert.ok(table, `${lang}/${guide}/topology/: a table for ${file} (tables: ${tables.map((t) => t.file).join(' ')})`);
          lines.forEach((text, i) => {
            if (i === 0) return; // the `$ command` line is the table's heading
            assert.equal(table.rows.get(i + 1), text, `${lang}/${guide}/topology/: ${file}:${i + 1}`);
            checked++;
          });
        }
      }
    }
    assert.ok(checked > 3000, `${checked} lines checked`);
  });

  it('should show every line of every capture written in a guide\'s text, in its block and as a row of its own', () => {
    let checked = 0;
    for (const guide of guides) {
      const file = join(content, rstOf(guide));
      const source = linesOf(file);
      const name = relative(join(content, guide), file);
      for (const lang of ['zh', 'en']) {
        const blocks = blocksOf(page(join(root, 'site'), `${lang}/${guide}/`));
        const inline = captureTables(page(join(root, 'site'), `${lang}/${guide}/topology/`)).filter((t) => t.file === name);
        // a block may hold several captures (`$ one` … `$ two` …): its lines are rows of one of them
        const everyRow = new Set<string>();
        for (const t of inline) {
          const indentOf = Math.min(...[...t.rows.keys()].map((n) => source[n - 1]!).filter((x) => x.trim()).map((x) => /^[ \t]*/.exec(x)![0].length));
          for (const n of t.rows.keys()) everyRow.add(asBlock(source[n - 1]!, indentOf));
        }
        for (const table of inline) {
          const numbers = [...table.rows.keys()];
          const indent = Math.min(...numbers.map((n) => source[n - 1]!).filter((t) => t.trim()).map((t) => /^[ \t]*/.exec(t)![0].length));
          // each row is its line of the guide, less the block's indentation
          for (const n of numbers) assert.equal(table.rows.get(n), source[n - 1]!.slice(indent), `${lang}/${guide}/topology/: ${name}:${n}`);
          // the block on the guide page that shows the capture (rst expands a tab from the source's column): every one of its lines is a row
          const rows = numbers.map((n) => asBlock(source[n - 1]!, indent));
          const block = blocks.find((b) => holds(b, rows));
          assert.ok(block, `${lang}/${guide}/: the block of ${name}:${table.firstLine}`);
          const start = block.map(shown).indexOf(shown(rows[0]!));
          const rest = block.slice(start).map(shown).filter((l) => l && !l.startsWith('$ '));
          for (const l of rest) assert.ok(everyRow.has(l), `${lang}/${guide}/: "${l}" of the block of ${name}:${table.firstLine} is a row on the topology page`);
          checked += numbers.length;
        }
      }
    }
    assert.ok(checked > 100, `${checked} lines checked`);
  });
});
