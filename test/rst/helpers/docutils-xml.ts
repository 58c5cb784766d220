// Tests only: load docutils XML (as `rst2xml` or scripts/make-transform-fixtures.py
// write it) into our node vocabulary, so transforms and the HTML step can be
// tested on trees docutils itself built, independently of our parser.
// Extra attributes written by the fixture script move into `data`:
// `rawsource` (text as written) and, on pending nodes, `transform` and `details` (JSON).

import { XMLParser } from 'fast-xml-parser';
import { Document } from '../../../src/rst/document.js';
import { element, LIST_ATTRIBUTES, text, type RstElement, type RstNode } from '../../../src/rst/nodes.js';

const TEXT_ELEMENTS = new Set([
  'address', 'comment', 'doctest_block', 'literal_block', 'math_block', 'raw', 'abbreviation', 'acronym',
  'attribution', 'author', 'caption', 'citation_reference', 'classifier', 'contact', 'copyright', 'date',
  'emphasis', 'field_name', 'footnote_reference', 'generated', 'inline', 'label', 'line', 'literal', 'math',
  'option_argument', 'option_string', 'organization', 'paragraph', 'problematic', 'reference', 'revision',
  'rubric', 'status', 'strong', 'subscript', 'substitution_definition', 'substitution_reference', 'subtitle',
  'superscript', 'target', 'term', 'title', 'title_reference', 'version',
]);

/** Numeric character references (`&#10;` in attributes) that the XML parser leaves as they are. */
function decodeCharacterReferences(value: string): string {
  return value.replace(/&#(x[0-9a-f]+|[0-9]+);/gi, (_, code: string) =>
    String.fromCodePoint(code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : parseInt(code, 10)),
  );
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Split a docutils list attribute: space-separated, `\ ` is a space inside a value. */
function splitList(value: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      current += value[++i];
    } else if (c === ' ') {
      if (current) out.push(current);
      current = '';
    } else current += c;
  }
  if (current) out.push(current);
  return out;
}

const FIXED = new Set(['address', 'comment', 'doctest_block', 'literal_block', 'math_block', 'raw']);

function convert(item: Ordered, inText: boolean, fixed = false): RstNode | undefined {
  if ('#text' in item) {
    const value = decodeCharacterReferences(String(item['#text']));
    if (!inText && value.trim() === '') return undefined;
    // The XML writer indents continuation lines of ordinary text; take that back off.
    return text(fixed ? value : value.replace(/\n +/g, '\n'));
  }
  const type = Object.keys(item).find((key) => key !== ':@')!;
  const node = element(type);
  for (const [key, raw] of Object.entries(item[':@'] ?? {})) {
    const value = decodeCharacterReferences(raw);
    if (key === 'rawsource' || key === 'transform') {
      node.data = { ...node.data, [key]: value };
    } else if (key === 'details') {
      node.data = { ...node.data, details: JSON.parse(value) };
    } else if (LIST_ATTRIBUTES.has(key)) {
      node.attributes[key] = splitList(value);
    } else if (key === 'level' || key === 'line') {
      node.attributes[key] = Number(value);
    } else if (key !== 'xml:space') {
      node.attributes[key] = value;
    }
  }
  const childText = TEXT_ELEMENTS.has(type);
  for (const child of (item[type] as Ordered[]) ?? []) {
    const converted = convert(child, childText, fixed || FIXED.has(type));
    if (converted) node.children.push(converted);
  }
  return node;
}

/** Parse docutils XML into a Document whose root is the loaded tree. */
export function loadDocutilsXml(xml: string, sourceName = 'test data'): Document {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    commentPropName: undefined,
    processEntities: true,
  });
  const parsed = parser.parse(xml) as Ordered[];
  const rootItem = parsed.find((item) => 'document' in item);
  if (!rootItem) throw new Error('no <document> element');
  const root = convert(rootItem, false) as RstElement;
  const document = new Document({ sourceName });
  const own = document as unknown as { root: RstElement };
  own.root.attributes = root.attributes;
  own.root.children = root.children;
  return document;
}
