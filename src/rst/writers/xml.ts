// The parse tree as docutils XML, byte for byte as `rst2xml --indents` writes
// it (docutils' XMLTranslator): attributes sorted by name, list attributes
// space-joined with `\ ` escaping, text indented unless inside a fixed-text
// element, no indentation at all inside text elements.
// Hand-written: no library writes docutils' own XML dialect; the walk is
// iterative so deeply nested trees cannot overflow the stack.

import { LIST_ATTRIBUTES, isText, type AttributeValue, type RstElement, type RstNode } from '../nodes.js';

/** docutils TextElement subclasses (and image/colspec/transition): written on one line. */
const SIMPLE = new Set([
  'address', 'comment', 'doctest_block', 'literal_block', 'math_block', 'raw',
  'abbreviation', 'acronym', 'attribution', 'author', 'caption', 'citation_reference', 'classifier',
  'contact', 'copyright', 'date', 'emphasis', 'field_name', 'footnote_reference', 'generated', 'inline',
  'label', 'line', 'literal', 'math', 'option_argument', 'option_string', 'organization', 'paragraph',
  'problematic', 'reference', 'revision', 'rubric', 'status', 'strong', 'subscript',
  'substitution_definition', 'substitution_reference', 'subtitle', 'superscript', 'target', 'term',
  'title', 'title_reference', 'version',
  'image', 'colspec', 'transition',
]);
/** FixedTextElement subclasses and `literal`: their text keeps its line breaks as they are. */
const FIXED = new Set(['address', 'comment', 'doctest_block', 'literal_block', 'math_block', 'raw', 'literal']);
/** Elements docutils creates with xml:space="preserve". */
export const PRESERVE_SPACE = new Set(['address', 'comment', 'doctest_block', 'literal_block', 'math_block', 'raw']);

const INDENT = '    ';

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** xml.sax.saxutils.quoteattr. */
export function quoteAttribute(value: string): string {
  let data = escapeText(value).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
  if (data.includes('"')) {
    if (data.includes("'")) data = '"' + data.replace(/"/g, '&quot;') + '"';
    else data = "'" + data + "'";
  } else data = '"' + data + '"';
  return data;
}

function attributeText(name: string, value: AttributeValue): string {
  if (Array.isArray(value)) return value.map((v) => String(v).replace(/\\/g, '\\\\').replace(/ /g, '\\ ')).join(' ');
  if (typeof value === 'boolean') return value ? '1' : '0';
  void name;
  return String(value);
}

export function startTag(node: RstElement): string {
  const attributes = { ...node.attributes };
  if (PRESERVE_SPACE.has(node.type) && attributes['xml:space'] === undefined) attributes['xml:space'] = 'preserve';
  const parts = [node.type];
  for (const name of Object.keys(attributes).sort()) {
    const value = attributes[name];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0 && (LIST_ATTRIBUTES.has(name) || true)) continue;
    parts.push(`${name}=${quoteAttribute(attributeText(name, value))}`);
  }
  return `<${parts.join(' ')}>`;
}

export interface XmlOptions {
  /** Write the `<?xml …?>` declaration (default true). */
  declaration?: boolean;
}

/** Serialize a document (or any element) as rst2xml --indents does. */
export function toXml(root: RstElement, options: XmlOptions = {}): string {
  const out: string[] = [];
  if (options.declaration !== false) out.push('<?xml version="1.0" encoding="utf-8"?>\n');
  let level = 0;
  let inSimple = 0;
  let fixed = 0;
  type Step = { node: RstNode; leave: boolean };
  const stack: Step[] = [{ node: root, leave: false }];
  while (stack.length > 0) {
    const { node, leave } = stack.pop()!;
    if (isText(node)) {
      let value = escapeText(node.value);
      if (!fixed) value = value.replace(/\n/g, '\n' + INDENT.repeat(level));
      out.push(value);
      continue;
    }
    const simple = SIMPLE.has(node.type);
    const isFixed = FIXED.has(node.type);
    if (!leave) {
      if (!inSimple) out.push(INDENT.repeat(level));
      out.push(startTag(node));
      level++;
      if (isFixed) fixed++;
      if (simple) inSimple++;
      if (!inSimple) out.push('\n');
      stack.push({ node, leave: true });
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, leave: false });
    } else {
      level--;
      if (!inSimple) out.push(INDENT.repeat(level));
      out.push(`</${node.type}>`);
      if (isFixed) fixed--;
      if (simple) inSimple--;
      if (!inSimple) out.push('\n');
    }
  }
  return out.join('');
}
