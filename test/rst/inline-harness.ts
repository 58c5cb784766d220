// Development harness for the inline parser alone: every block of non-blank
// lines of FILE becomes a <paragraph> whose inline content is parsed, and the
// document is printed as docutils XML. Used to check inline markup against the
// corpus before (and apart from) the block parser. Not a test file.

import { readFileSync } from 'node:fs';
import { Document } from '../../src/rst/document.js';
import { element } from '../../src/rst/nodes.js';
import { toSourceLines } from '../../src/rst/source-lines.js';
import { parseInline } from '../../src/rst/inline/index.js';
import { toXml } from '../../src/rst/writers/xml.js';

export function paragraphsXml(source: string, settings: Record<string, unknown> = {}): string {
  const document = new Document({ sourceName: 'test data', rawEnabled: true, ...settings });
  const lines = toSourceLines(source, 'test data');
  let block: typeof lines = [];
  const flush = () => {
    if (block.length === 0) return;
    const paragraph = element('paragraph');
    const result = parseInline({ text: block.map((l) => l.text).join('\n'), lines: block, document, parent: paragraph });
    paragraph.children.push(...result.nodes);
    document.root.children.push(paragraph, ...result.messages);
    block = [];
  };
  for (const line of lines) {
    if (line.text.trim() === '') flush();
    else block.push(line);
  }
  flush();
  return toXml(document.root);
}

if (process.argv[1] && process.argv[1].endsWith('inline-harness.js') && process.argv[2]) {
  process.stdout.write(paragraphsXml(readFileSync(process.argv[2], 'utf8')));
}
