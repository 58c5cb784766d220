// The input of the rst commands: a file or `-` (standard input), the folder its
// includes resolve against, and the content root they may not leave. A file
// that cannot be read is reported and sets exit status 2.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface RstInput {
  text: string;
  /** The including file's folder (the working directory for standard input). */
  baseDir: string;
  contentRoot: string;
}

export function readRstInput(file: string, contentRoot: string | undefined): RstInput | undefined {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    process.stderr.write(`${file}: error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return undefined;
  }
  const baseDir = file === '-' ? process.cwd() : dirname(resolve(file));
  return { text, baseDir, contentRoot: contentRoot ? resolve(contentRoot) : baseDir };
}
