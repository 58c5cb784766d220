// Inline parser throughput on single very long lines (the parser must stay
// linear): realistic mixed markup, and inputs that make a naive regex scanner
// quadratic (unterminated start-strings, long `a-b-c` runs, URI look-alikes).
// Run: npx tsc -p tsconfig.json && node dist/scripts/bench-inline.js

import { Document } from '../src/rst/document.js';
import { element } from '../src/rst/nodes.js';
import { parseInline } from '../src/rst/inline/index.js';

const SIZE = 1 << 20;

function line(unit: string): string {
  return unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
}

/** Realistic prose with every kind of markup; target names are unique, as in a real document. */
function mixed(): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < SIZE; i++) {
    const part =
      `Some *emphasis*, **strong**, \`\`literal\`\`, \`title\`, :sub:\`x\`, \`a phrase\`_, name${i}_, anon__, ` +
      `[1]_, [#]_, [CIT]_, |sub|, _\`target ${i}\`, <http://example.org/path>, \`link ${i} <http://x.org/${i}>\`_, ` +
      `user@example.com. `;
    parts.push(part);
    size += part.length;
  }
  return parts.join('').slice(0, SIZE);
}

const inputs: Record<string, string> = {
  'mixed markup': mixed(),
  'plain prose': line('Plain words of a long paragraph, with commas; and no markup at all. '),
  'unterminated starts': line('*a `b ``c |d _`e '),
  'hyphenated run': line('a-'),
  'scheme look-alikes': line('a-b.c+d') + ':',
  'mailbox look-alikes': line('a.b-c') + '@',
  'colons and roles': line(':a'),
  'escapes': line('\\*a\\` '),
};

// The machine's speed, to read the figures below by: a tight loop over 10M characters.
{
  const probe = 'x'.repeat(1_000_000);
  const started = performance.now();
  let sum = 0;
  for (let k = 0; k < 10; k++) for (let i = 0; i < probe.length; i++) sum += probe.charCodeAt(i);
  console.log(`machine reference: 10M charCodeAt in ${(performance.now() - started).toFixed(0)} ms (${sum > 0 ? 'ok' : ''})`);
}

for (const [name, text] of Object.entries(inputs)) {
  const document = new Document();
  const parent = element('paragraph');
  const lines = [{ text, source: 'bench', line: 1, column: 1, offset: 0 }];
  const started = performance.now();
  const result = parseInline({ text, lines, document, parent });
  const ms = performance.now() - started;
  const mbps = text.length / 1e6 / (ms / 1000);
  console.log(`${name.padEnd(22)} ${(text.length / 1e6).toFixed(2)} MB  ${ms.toFixed(0).padStart(6)} ms  ${mbps.toFixed(1).padStart(6)} MB/s  ${result.nodes.length} nodes, ${result.messages.length} messages`);
}
