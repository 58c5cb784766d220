// YAML front matter is the guide's bibliographic fields: a `field_list`, one
// field per top-level key (a text value is read as Markdown inline content,
// as an RST field body is RST), which the root handler places where docutils'
// docinfo transform looks for it (right after the title), so the page shows
// it as RST's `:Author:` fields are shown. `title` is the document's title
// metadata (as RST's `title` directive), not a field.
//
//   ---
//   author: Yugang LIU          →  <field><field_name>author</field_name><field_body><paragraph>Yugang LIU</paragraph>…
//   copyright: "[CC BY-SA](…)"  →  … <paragraph><reference name="CC BY-SA" refuri="…">…
//   authors: [A, B]             →  … <paragraph>A; B</paragraph> (docinfo splits it into authors)
//   tags: [ovs, vlan]           →  … <bullet_list bullet="-"><list_item><paragraph>ovs</paragraph>…
//   ---
//
// Front matter that is not YAML, or not a mapping, is an ERROR / WARNING
// message showing its text; the whole mapping is kept in the root's
// `data.frontMatter` for the site (a guide's language, say).

import type { Paragraph, Yaml } from 'mdast';
import { visit } from 'unist-util-visit';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Position, RstElement, RstNode } from '../../rst/nodes.js';
import { parseMdast } from '../remark.js';
import { ERROR, WARNING, type Handler, type State } from '../state.js';

export const frontMatter: Handler = (state, node: Yaml) => {
  const document = parseDocument(node.value, { prettyErrors: false });
  // node.value starts on the line after the opening `---`
  const start = node.position?.start.offset ?? 0;
  const base = state.markdown.indexOf('\n', start) + 1;
  const literal = () => {
    const block = state.element(node, 'literal_block', { 'xml:space': 'preserve' }, [state.text(node.value, node)]);
    block.position = { start: state.pointAt(base), end: state.pointAt(base + node.value.length) };
    block.children[0]!.position = block.position;
    return block;
  };
  if (document.errors.length > 0) {
    return state.systemMessage(ERROR, `Front matter is not valid YAML: ${document.errors[0]!.message.split('\n')[0]}`, node, [literal()]);
  }
  const contents = document.contents;
  if (contents === null) return undefined;
  if (!isMap(contents)) return state.systemMessage(WARNING, 'Front matter is not a mapping of field names to values.', node, [literal()]);
  state.frontMatter = document.toJS() as Record<string, unknown>;
  const at = (range: [number, number] | undefined, fallback: Position | undefined): Position | undefined =>
    range ? { start: state.pointAt(base + range[0]), end: state.pointAt(base + range[1]) } : fallback;
  const fields: RstElement[] = [];
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const keyRange = (pair.key as YamlNode | null)?.range;
    const value = pair.value as YamlNode | null;
    const valueRange = value?.range;
    const whole = at(keyRange ? [keyRange[0], valueRange?.[1] ?? keyRange[1]] : undefined, state.position(node));
    if (key.toLowerCase() === 'title' && isScalar(value)) {
      state.title = String(value.value);
      continue;
    }
    const valuePosition = at(valueRange ? [valueRange[0], valueRange[1]] : undefined, whole);
    const name = state.element(undefined, 'field_name', {}, [state.text(key)]);
    name.position = at(keyRange ? [keyRange[0], keyRange[1]] : undefined, whole);
    name.children[0]!.position = name.position;
    const place = (range: [number, number, number] | null | undefined) => at(range ? [range[0], range[1]] : undefined, valuePosition);
    const body = state.element(undefined, 'field_body', {}, bodyOf(state, key, value, place, node.value));
    body.position = valuePosition;
    const field = state.element(undefined, 'field', {}, [name, body]);
    field.position = whole;
    fields.push(field);
  }
  if (fields.length === 0) return undefined;
  return state.element(node, 'field_list', {}, fields);
};

type Place = (range: [number, number, number] | null | undefined) => Position | undefined;

function bodyOf(state: State, key: string, value: YamlNode | null, place: Place, source: string): RstNode[] {
  const position = place(value?.range);
  const paragraph = (words: string, position: Position | undefined, from?: number) => {
    const p = state.element(undefined, 'paragraph', {}, inline(state, words, position, from));
    p.position = position;
    return p;
  };
  if (value === null || (isScalar(value) && value.value === null)) return [];
  if (isScalar(value)) {
    // where the words start in the guide: after the quote of a quoted scalar; unknown for a block scalar
    const start = value.range && typeof value.value === 'string' && ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'].includes(String(value.type))
      ? value.range[0] + (value.type === 'PLAIN' ? 0 : 1)
      : undefined;
    return [paragraph(String(value.value), position, start === undefined ? undefined : position && position.start.offset - value.range![0] + start), ...state.takePending()];
  }
  if (isSeq(value) && value.items.every((item) => isScalar(item))) {
    const items = value.items as YamlNode[];
    const words = items.map((item) => String((item as { value: unknown }).value));
    if (key.toLowerCase() === 'authors') return [paragraph(words.join('; '), position)];
    const list = state.element(undefined, 'bullet_list', { bullet: '-' }, items.map((item, i) => {
      const where = place(item.range);
      const listItem = state.element(undefined, 'list_item', {}, [paragraph(words[i]!, where)]);
      listItem.position = where;
      return listItem;
    }));
    list.position = position;
    return [list];
  }
  // a nested mapping or list: its YAML, as written
  const range = value.range;
  const text = range ? source.slice(range[0], range[1]) : String(value);
  const block = state.element(undefined, 'literal_block', { 'xml:space': 'preserve' }, [state.text(text)]);
  block.position = position;
  block.children[0]!.position = position;
  return [block];
}

/**
 * Words of a field as Markdown inline content (links, emphasis, code), at
 * their place in the guide when `from` (the offset of their first character)
 * is known, else all at the field's place; anything but one paragraph stays text.
 */
function inline(state: State, words: string, position: Position | undefined, from: number | undefined) {
  const tree = parseMdast(words);
  const only = tree.children.length === 1 && tree.children[0]!.type === 'paragraph' ? (tree.children[0] as Paragraph) : undefined;
  if (!only) {
    const node = state.text(words);
    node.position = position;
    return [node];
  }
  visit(only, (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    node.position = from !== undefined && start !== undefined && end !== undefined
      ? { start: state.pointAt(from + start), end: state.pointAt(from + end) }
      : position;
  });
  return state.all(only);
}
