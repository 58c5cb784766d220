// Differential check of the inline parser against docutils: random
// one-paragraph inputs made of inline-markup characters are parsed by docutils
// (scripts/fuzz-inline-docutils.py, needs python3 with docutils) and by
// parseInline; trees are compared without ids and names. Cases where docutils
// built something other than one paragraph (block markup) are skipped.
// Run: npx tsc -p tsconfig.json && node dist/scripts/fuzz-inline.js [SEED] [COUNT] [MAXPARTS] [char]

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Document } from '../src/rst/document.js';
import { element, type RstNode } from '../src/rst/nodes.js';
import { parseInline } from '../src/rst/inline/index.js';
import { toSourceLines } from '../src/rst/source-lines.js';

type Tree = string | [string, Record<string, string>, Tree[]];

const IGNORED = new Set(['ids', 'refid', 'backrefs', 'source', 'line', 'dupnames', 'names', 'xml:space']);

function tree(node: RstNode): Tree {
  if (node.type === 'text') return (node as { value: string }).value;
  const element = node as { type: string; attributes: Record<string, unknown>; children: RstNode[] };
  if (element.type === 'system_message') return [element.type, { type: String(element.attributes.type) }, []];
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(element.attributes)) {
    if (IGNORED.has(key) || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    attributes[key] = Array.isArray(value) ? value.join(' ') : String(value);
  }
  return [element.type, attributes, element.children.map(tree)];
}

/** Adjacent texts merged, attributes sorted: the form both sides are compared in. */
function canonical(items: Tree[]): Tree[] {
  const out: Tree[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (typeof item === 'string' && typeof last === 'string') out[out.length - 1] = last + item;
    else out.push(item);
  }
  return out.map((item) =>
    typeof item === 'string'
      ? item
      : [item[0], Object.fromEntries(Object.entries(item[1]).sort()), canonical(item[2])],
  );
}

const [seed = '1', count = '3000', parts = '25', mode = ''] = process.argv.slice(2);
const characterLevel = mode === 'char';
const generator = fileURLToPath(new URL('../../scripts/fuzz-inline-docutils.py', import.meta.url));
const output = execFileSync('python3', [generator, seed, count, parts, ...(characterLevel ? ['char'] : [])], {
  encoding: 'utf8',
  maxBuffer: 1 << 28,
});
const cases = JSON.parse(output) as Array<{ input: string; tree: Tree[] }>;
let compared = 0;
let mismatches = 0;
for (const sample of cases) {
  const first = sample.tree[0];
  if (sample.tree.length === 0 || typeof first === 'string' || first![0] !== 'paragraph') continue;
  if (sample.tree.some((t) => typeof t !== 'string' && t[0] !== 'paragraph' && t[0] !== 'system_message')) continue;
  compared++;
  const document = new Document({ sourceName: 'fuzz', rawEnabled: true, characterLevelInlineMarkup: characterLevel });
  // Lines as the block parser hands them over: trailing whitespace removed.
  const lines = toSourceLines(sample.input, 'fuzz').map((line) => ({
    ...line,
    text: line.text.replace(/[\s\u0085\x1c-\x1f]+$/u, ''),
  }));
  const paragraph = element('paragraph');
  const result = parseInline({ text: lines.map((l) => l.text).join('\n'), lines, document, parent: paragraph });
  paragraph.children.push(...result.nodes);
  const ours = JSON.stringify(canonical([tree(paragraph), ...result.messages.map(tree)]));
  const theirs = JSON.stringify(canonical(sample.tree));
  if (ours === theirs) continue;
  mismatches++;
  if (mismatches <= 5) console.log(`${JSON.stringify(sample.input)}\n  ours:     ${ours}\n  docutils: ${theirs}`);
}
console.log(`${compared} compared, ${mismatches} mismatches (seed ${seed}${characterLevel ? ', character-level' : ''})`);
process.exitCode = mismatches > 0 ? 1 : 0;
