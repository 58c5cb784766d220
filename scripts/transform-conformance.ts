// Prints one case of the transform-conformance corpus as XML, for compare.mjs:
//   python3 scripts/make-transform-fixtures.py --corpus ../shared/rst-corpus/cases /tmp/rst-transformed
//   node ../shared/rst-corpus/compare.mjs --corpus /tmp/rst-transformed \
//     --cmd 'node dist/scripts/transform-conformance.js {in}'            (docutils' parse + our transforms)
//     --cmd 'node dist/scripts/transform-conformance.js --parser {in}'   (our parse + our transforms)
// The first isolates the transforms; the second measures the whole reader.
import { readFileSync } from 'node:fs';
import { parseRst } from '../src/rst/index.js';
import { applyTransforms } from '../src/rst/transforms/index.js';
import { toXml } from '../src/rst/writers/xml.js';
import { loadDocutilsXml } from '../test/rst/helpers/docutils-xml.js';

const args = process.argv.slice(2);
const useParser = args[0] === '--parser';
const path = args[args.length - 1]!;
const text = readFileSync(path, 'utf8');
try {
  const document = useParser
    ? parseRst(text, { sourceName: 'test data' }).document
    : loadDocutilsXml(readFileSync(path.replace(/\.rst$/, '.input.xml'), 'utf8'));
  applyTransforms(document, { sourceText: text });
  process.stdout.write(toXml(document.root));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 3;
}
