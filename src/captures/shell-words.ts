// Shell-style word splitting for captured command lines and iptables rules,
// on top of shell-quote; variables and globs are kept verbatim (a capture is
// text to read, not a command to run).
import { parse, type ParseEntry } from 'shell-quote';

export type ShellToken = { word: string } | { op: string };

/** Words and control operators (`|`, `&&`, `;`, `>` …) of a shell line; `# comments` are dropped. */
export function shellTokens(line: string): ShellToken[] {
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

/** Only the words, operators turned back into their text (for iptables rules, where `|` never occurs). */
export function shellWords(line: string): string[] {
  return shellTokens(line).map((t) => ('word' in t ? t.word : t.op));
}
