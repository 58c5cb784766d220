// What the site tests share: content folders assembled from the fixtures in a
// temporary folder outside the project, `netguide build` run as a user runs it
// (its own process, in that temporary folder), and readers of the pages.

import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const repo = resolve(import.meta.dirname, '../../..');
export const fixtures = join(repo, 'test/fixtures/site');
export const cli = join(repo, 'dist/src/cli.js');

/** A new temporary folder (outside the project). */
export const temporary = (name: string): string => mkdtempSync(join(tmpdir(), `netguide-${name}-`));

/** Guides that can go into a content folder. */
export type GuideFixture = 'alpha' | 'beta' | 'evil' | 'broken' | 'two-hosts' | 'seed' | 'hostile';

/** Copy `guides` into `<root>/content` (each in its own folder), as a user's content folder. */
export function makeContent(root: string, guides: GuideFixture[]): string {
  const content = join(root, 'content');
  mkdirSync(content, { recursive: true });
  for (const guide of guides) addGuide(content, guide);
  return content;
}

export function addGuide(content: string, guide: GuideFixture): void {
  switch (guide) {
    case 'seed':
      // the seed guide and the scripts it includes, as the rst fixtures keep them
      cpSync(join(repo, 'test/fixtures/rst/transform-seed'), join(content, 'local'), { recursive: true, filter: (f) => !/\.(xml|rst)$/.test(f) });
      cpSync(join(repo, 'test/fixtures/rst/transform-seed/input.rst'), join(content, 'local/local.rst'));
      break;
    case 'hostile':
      cpSync(join(fixtures, 'hostile/hostile'), join(content, 'hostile'), { recursive: true });
      break;
    case 'broken':
      cpSync(join(fixtures, 'broken-guide/broken'), join(content, 'broken'), { recursive: true });
      break;
    case 'two-hosts':
      cpSync(join(fixtures, 'two-hosts/two-hosts'), join(content, 'two-hosts'), { recursive: true });
      cpSync(join(repo, 'test/fixtures/topology/gre-two-vms/bundle'), join(content, 'two-hosts/captures'), { recursive: true });
      break;
    default:
      cpSync(join(fixtures, 'three-guides', guide), join(content, guide), { recursive: true });
  }
}

export interface BuildRun {
  code: number;
  stderr: string;
}

/** How to run a build's process: more environment (TZ, LC_ALL), node options before the script (`--import` a module). */
export interface BuildProcess {
  env?: NodeJS.ProcessEnv;
  node?: string[];
}

/** `netguide build ARGS` in its own process, run from `cwd`. */
export function build(cwd: string, args: string[], how: BuildProcess = {}): Promise<BuildRun> {
  return new Promise((done) => {
    const env = how.env ? { ...process.env, ...how.env } : process.env;
    execFile(process.execPath, [...(how.node ?? []), cli, 'build', ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
    });
  });
}

/** The page at `url` (`zh/alpha/`) of the site in `out`. */
export const page = (out: string, url: string): string => readFileSync(join(out, url, 'index.html'), 'utf8');

/** Every file of a folder, relative to it, sorted. */
export function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

/** The pages (index.html) of a site, as URLs without the leading slash. */
export const pages = (out: string): string[] =>
  files(out).filter((f) => f.endsWith('index.html') && !f.startsWith('pagefind/')).map((f) => f.slice(0, -'index.html'.length)).sort();

export const decode = (html: string): string =>
  html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#x3C;/g, '<').replace(/&amp;/g, '&');

/** Every `href` and `src` of a page. */
export const links = (html: string): string[] => [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => decode(m[1]!));

/** The `<link rel="alternate">`s of a page: hreflang → href. */
export const alternates = (html: string): Record<string, string> =>
  Object.fromEntries([...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1]!, m[2]!]));
