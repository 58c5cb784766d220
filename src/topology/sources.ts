// The inputs of a topology: guides (.rst or .md) and capture bundles (folders), read
// into one list of parsed captures, each knowing its host and the file and
// line offset that turn a record's output line into a line a person can open.

import { existsSync, statSync } from 'node:fs';
import { readTextFile } from '../text-file.js';
import { dirname, extname, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { readBundle } from '../captures/bundle.js';
import { capturesOfGuide } from './guide-captures.js';
import { parseCapture, type ParsedCapture } from '../captures/registry.js';
import { parseMarkdown } from '../markdown/index.js';
import { parseRst } from '../rst/index.js';
import type { RstElement } from '../rst/nodes.js';

export interface SourcedCapture {
  host: string;
  command: string;
  /** The file evidence points into (the guide or the capture file). */
  file: string;
  /** Output line k of the result is line `k + lineOffset` of `file`. */
  lineOffset: number;
  result: ParsedCapture;
  /** A guide's capture a `:literal:` include brought in: where its block shows in the guide (see GuideCapture). */
  shownAt?: { guide: string; guideLine: number; firstLine: number };
}

export interface GuideText {
  file: string;
  tree: RstElement;
}

export interface Sources {
  paths: string[];
  captures: SourcedCapture[];
  guides: GuideText[];
  problems: Diagnostic[];
}

/** Read every path: a `.rst` or `.md` guide, or a folder (capture bundle or sosreport). */
export function readSources(paths: string[]): Sources {
  const sources: Sources = { paths, captures: [], guides: [], problems: [] };
  for (const path of paths) {
    if (!existsSync(path)) {
      sources.problems.push({ file: path, severity: 'error', message: 'no such file or folder', source: 'topology' });
      continue;
    }
    if (statSync(path).isDirectory()) readBundleInto(path, sources);
    else if (['.rst', '.rest', '.txt'].includes(extname(path).toLowerCase())) readGuideInto(path, sources);
    else if (['.md', '.markdown'].includes(extname(path).toLowerCase())) readGuideInto(path, sources, 'markdown');
    else sources.problems.push({ file: path, severity: 'error', message: 'not a guide (.rst, .md) or a folder of captures', source: 'topology' });
  }
  return sources;
}

function readGuideInto(path: string, sources: Sources, format: 'rst' | 'markdown' = 'rst'): void {
  const { text, problems } = readTextFile(path);
  sources.problems.push(...problems);
  const base = dirname(resolve(path));
  const { tree } = format === 'markdown' ? parseMarkdown(text, { sourceName: path }) : parseRst(text, { sourceName: path, baseDir: base, contentRoot: base });
  sources.guides.push({ file: path, tree });
  for (const capture of capturesOfGuide(tree, path)) {
    const result = parseCapture(capture.text, { command: capture.command });
    sources.captures.push({
      host: capture.host,
      command: capture.command,
      // the guide, or the file an include brought the block from
      file: capture.file,
      // output line 1 is the literal block's first line
      lineOffset: capture.line - 1 + result.lineOffset,
      result,
      ...(capture.shownAt ? { shownAt: { guide: path, ...capture.shownAt } } : {}),
    });
  }
}

function readBundleInto(path: string, sources: Sources): void {
  const bundle = readBundle(path);
  sources.problems.push(...bundle.problems);
  for (const host of bundle.hosts) {
    for (const capture of host.captures) {
      sources.captures.push({
        host: host.name,
        command: capture.command,
        file: capture.file,
        lineOffset: capture.lineOffset,
        result: capture.result,
      });
    }
  }
}
