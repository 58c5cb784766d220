// The inputs of a topology, tarballs included: guides and folders go through
// readSources (sources.ts); a tarball (a capture.sh archive, a sosreport
// .tar.xz) is read as a bundle in memory (captures/bundle.ts), in the order
// the paths were given. Kept apart from sources.ts so that file stays one
// reader of folders and guides.
import { statSync } from 'node:fs';
import { readBundle } from '../captures/bundle.js';
import { isArchiveName } from '../captures/file-tree.js';
import { readSources, type Sources } from './sources.js';

export function readInputs(paths: string[]): Sources {
  const all: Sources = { paths, captures: [], guides: [], problems: [] };
  for (const path of paths) {
    if (isArchiveFile(path)) {
      const bundle = readBundle(path);
      all.problems.push(...bundle.problems);
      for (const host of bundle.hosts) {
        for (const c of host.captures) all.captures.push({ host: host.name, command: c.command, file: c.file, lineOffset: c.lineOffset, result: c.result });
      }
      continue;
    }
    const one = readSources([path]);
    all.captures.push(...one.captures);
    all.guides.push(...one.guides);
    all.problems.push(...one.problems);
  }
  return all;
}

function isArchiveFile(path: string): boolean {
  try {
    return isArchiveName(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}
