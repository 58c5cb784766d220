// The input of the rst commands: a file or `-` (standard input), the folder its
// includes resolve against, and the content root they may not leave. A file
// that cannot be read is reported and sets exit status 2; one not in UTF-8 is
// decoded as far as it can be and its problems returned (file:line:col).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { decodeText, type TextFile } from '../text-file.js';

export interface RstInput {
  text: string;
  /** The including file's folder (the working directory for standard input). */
  baseDir: string;
  contentRoot: string;
  /** How the file was not plain UTF-8 (another encoding, invalid bytes), as diagnostics. */
  problems: Diagnostic[];
}

export function readRstInput(file: string, contentRoot: string | undefined): RstInput | undefined {
  let decoded: TextFile;
  try {
    decoded = decodeText(readFileSync(file === '-' ? 0 : file), file === '-' ? '<stdin>' : file);
  } catch (error) {
    process.stderr.write(`${file}: error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return undefined;
  }
  const baseDir = file === '-' ? process.cwd() : dirname(resolve(file));
  return { text: decoded.text, baseDir, contentRoot: contentRoot ? resolve(contentRoot) : baseDir, problems: decoded.problems };
}
