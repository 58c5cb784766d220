// The body of a `meta` directive: a field list where each field becomes a
// `meta` element (docutils' MetaBody state). The field name gives the `name`
// attribute, or `attr=value` pairs; the body, its lines joined by spaces,
// gives `content`:
//
//     :description lang=en: An amusing story     → <meta name="description" lang="en" content="An amusing story">
//     :http-equiv=Content-Type: text/html        → <meta http-equiv="Content-Type" content="text/html">
//
// Parsing stops at the first line that is neither blank nor a field; the
// directive then reports "Invalid meta directive.".

import { element, text, type RstElement } from '../nodes.js';
import type { Reporter } from '../reporter.js';
import type { SourceLine } from '../source-lines.js';
import { pySplit } from './options.js';

//   ":name:", ":name\:x:", ":a:b: " — a colon inside the name must not be followed by space/backquote/end
const FIELD_MARKER = /^:(?![: ])(?:[^:\\]|\\.|:(?!(?:[ `]|$)))*(?<! ):(?: +|$)/;

/** docutils' unescape(escape2null(text)): backslash escapes resolved, escaped whitespace dropped. */
export function unescapeBackslashes(value: string): string {
  return value.replace(/\\([\s\S]?)/g, (_, char: string) => (char === ' ' || char === '\n' ? '' : char));
}

/** docutils' extract_name_value: `a=b c="d e"` → [['a','b'], ['c','d e']], or throws the reason. */
export function extractNameValue(input: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  let line = input;
  while (line) {
    const equals = line.indexOf('=');
    if (equals === -1) throw new Error('missing "="');
    const name = line.slice(0, equals).trim();
    if (equals === 0 || !name) throw new Error('missing attribute name before "="');
    line = line.slice(equals + 1).trimStart();
    if (!line) throw new Error(`missing value after "${name}="`);
    let data: string;
    if (line[0] === "'" || line[0] === '"') {
      const quote = line[0];
      const end = line.indexOf(quote, 1);
      if (end === -1) throw new Error(`attribute "${name}" missing end quote (${quote})`);
      if (line.length > end + 1 && line[end + 1]!.trim()) {
        throw new Error(`attribute "${name}" end quote (${quote}) not followed by whitespace`);
      }
      data = line.slice(1, end);
      line = line.slice(end + 1).trimStart();
    } else {
      const space = line.indexOf(' ');
      data = space === -1 ? line : line.slice(0, space);
      line = space === -1 ? '' : line.slice(space + 1).trimStart();
    }
    pairs.push([name.toLowerCase(), data]);
  }
  return pairs;
}

function literal(line: SourceLine): RstElement {
  return element('literal_block', { 'xml:space': 'preserve' }, [text(line.text)]);
}

/** Parse the content of a `meta` directive into meta elements and messages. */
export function parseMetaFields(content: readonly SourceLine[], reporter: Reporter): { nodes: RstElement[]; complete: boolean } {
  const nodes: RstElement[] = [];
  let i = 0;
  while (i < content.length) {
    const line = content[i]!;
    if (line.text.trim() === '') {
      i++;
      continue;
    }
    const match = FIELD_MARKER.exec(line.text);
    if (!match) return { nodes, complete: false };
    const marker = match[0];
    const name = unescapeBackslashes(marker.slice(1, marker.lastIndexOf(':')));
    // The body: the rest of the marker line plus following indented (or blank) lines.
    let end = i + 1;
    while (end < content.length && (content[end]!.text === '' || content[end]!.text[0] === ' ')) end++;
    const following = content.slice(i + 1, end).map((l) => l.text);
    const indents = following.filter((t) => t.trim() !== '').map((t) => t.length - t.trimStart().length);
    const indent = indents.length > 0 ? Math.min(...indents) : 0;
    const body = [line.text.slice(marker.length), ...following.map((t) => t.slice(indent))];
    while (body.length > 0 && body[0]!.trim() === '') body.shift();
    const current = content[end - 1]!;
    i = end;
    if (body.length === 0) {
      nodes.push(reporter.info(`No content for meta tag "${name}".`, { line: current.line, source: current.source, children: [literal(current)] }));
      continue;
    }
    const meta = element('meta', {}, [], {
      start: { line: line.line, column: line.column, offset: line.offset },
      end: { line: current.line, column: current.column + current.text.length, offset: current.offset + current.text.length },
    });
    meta.attributes.content = unescapeBackslashes(body.join(' '));
    const tokens = pySplit(name);
    try {
      for (const [attribute, value] of extractNameValue(tokens[0] ?? '')) meta.attributes[attribute] = value;
    } catch {
      meta.attributes.name = tokens[0] ?? '';
    }
    let failed = false;
    for (const token of tokens.slice(1)) {
      try {
        for (const [attribute, value] of extractNameValue(token)) meta.attributes[attribute] = value;
      } catch (error) {
        nodes.push(
          reporter.error(`Error parsing meta tag attribute "${token}": ${(error as Error).message}.`, {
            line: current.line,
            source: current.source,
            children: [literal(current)],
          }),
        );
        failed = true;
        break;
      }
    }
    if (!failed) nodes.push(meta);
  }
  return { nodes, complete: true };
}
