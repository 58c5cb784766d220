// Shell-style word splitting: command lines with shell-quote (pipes, redirections,
// quoting), where variables and globs are kept verbatim (a capture is text to
// read, not a command to run); iptables rules with a small quote-aware splitter.
import { parse, type ParseEntry } from 'shell-quote';

/** No quoting, escapes, variables, globs, comments or operators: blanks are the only structure. */
const PLAIN = /^[^'"\\$`*?[\]{}()|&;<>#~]*$/;

export type ShellToken = { word: string } | { op: string };

/** Words and control operators (`|`, `&&`, `;`, `>` …) of a shell line; `# comments` are dropped. */
export function shellTokens(line: string): ShellToken[] {
  // shell-quote compiles its patterns on every call (~0.3 ms a line); most lines
  // have nothing for it to do, so plain words are split on blanks directly
  if (PLAIN.test(line)) return line.split(/\s+/).filter(Boolean).map((word) => ({ word }));
  let entries: ParseEntry[];
  try {
    entries = parse(line, (key: string) => `$${key}`) as ParseEntry[];
  } catch {
    // shell-quote rejects some unbalanced input; fall back to plain blanks
    return line.split(/\s+/).filter(Boolean).map((word) => ({ word }));
  }
  const tokens: ShellToken[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') tokens.push({ word: entry });
    else if ('comment' in entry) continue;
    else if (entry.op === 'glob') tokens.push({ word: (entry as { pattern: string }).pattern });
    else tokens.push({ op: entry.op });
  }
  return tokens;
}

/**
 * Words of a line that quotes only to keep blanks inside a word, as iptables
 * prints `--comment "allow ssh"`: single and double quotes, backslash escapes.
 * Hand-written because it runs once per rule and shell-quote costs ~0.3 ms a call.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
