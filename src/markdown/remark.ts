// The one remark processor the reader parses with: CommonMark, GFM (tables,
// task lists, strikethrough, autolinks, footnotes) and YAML front matter.

import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const remark = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/** The mdast tree of a Markdown text. */
export function parseMdast(text: string): Root {
  return remark.parse(text);
}
