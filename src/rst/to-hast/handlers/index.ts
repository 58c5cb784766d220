// Every rst node type and the handler that renders it (one module per node type).

import type { Handler } from '../state.js';
import { abbreviation } from './abbreviation.js';
import { acronym } from './acronym.js';
import { admonition } from './admonition.js';
import { attribution } from './attribution.js';
import { blockQuote } from './block-quote.js';
import { bulletList } from './bullet-list.js';
import { caption } from './caption.js';
import { citation } from './citation.js';
import { citationReference } from './citation-reference.js';
import { classifier } from './classifier.js';
import { colspec } from './colspec.js';
import { comment } from './comment.js';
import { compound } from './compound.js';
import { container } from './container.js';
import { decoration } from './decoration.js';
import { definition } from './definition.js';
import { definitionList } from './definition-list.js';
import { definitionListItem } from './definition-list-item.js';
import { description } from './description.js';
import { docinfo } from './docinfo.js';
import { doctestBlock } from './doctest-block.js';
import { emphasis } from './emphasis.js';
import { entry } from './entry.js';
import { enumeratedList } from './enumerated-list.js';
import { field } from './field.js';
import { fieldBody } from './field-body.js';
import { fieldList } from './field-list.js';
import { fieldName } from './field-name.js';
import { figure } from './figure.js';
import { footer } from './footer.js';
import { footnote } from './footnote.js';
import { footnoteReference } from './footnote-reference.js';
import { generated } from './generated.js';
import { header } from './header.js';
import { image } from './image.js';
import { inline } from './inline.js';
import { label } from './label.js';
import { legend } from './legend.js';
import { line } from './line.js';
import { lineBlock } from './line-block.js';
import { listItem } from './list-item.js';
import { literal } from './literal.js';
import { literalBlock } from './literal-block.js';
import { math } from './math.js';
import { mathBlock } from './math-block.js';
import { meta } from './meta.js';
import { option } from './option.js';
import { optionArgument } from './option-argument.js';
import { optionGroup } from './option-group.js';
import { optionList } from './option-list.js';
import { optionListItem } from './option-list-item.js';
import { optionString } from './option-string.js';
import { paragraph } from './paragraph.js';
import { pending } from './pending.js';
import { problematic } from './problematic.js';
import { raw } from './raw.js';
import { reference } from './reference.js';
import { row } from './row.js';
import { rubric } from './rubric.js';
import { section } from './section.js';
import { sidebar } from './sidebar.js';
import { strong } from './strong.js';
import { subscript } from './subscript.js';
import { substitutionDefinition } from './substitution-definition.js';
import { substitutionReference } from './substitution-reference.js';
import { subtitle } from './subtitle.js';
import { superscript } from './superscript.js';
import { systemMessage } from './system-message.js';
import { table } from './table.js';
import { target } from './target.js';
import { tbody } from './tbody.js';
import { term } from './term.js';
import { tgroup } from './tgroup.js';
import { thead } from './thead.js';
import { title } from './title.js';
import { titleReference } from './title-reference.js';
import { topic } from './topic.js';
import { transition } from './transition.js';

export const handlers: Record<string, Handler> = {
  abbreviation: abbreviation,
  acronym: acronym,
  admonition: admonition,
  attribution: attribution,
  block_quote: blockQuote,
  bullet_list: bulletList,
  caption: caption,
  citation: citation,
  citation_reference: citationReference,
  classifier: classifier,
  colspec: colspec,
  comment: comment,
  compound: compound,
  container: container,
  decoration: decoration,
  definition: definition,
  definition_list: definitionList,
  definition_list_item: definitionListItem,
  description: description,
  docinfo: docinfo,
  doctest_block: doctestBlock,
  emphasis: emphasis,
  entry: entry,
  enumerated_list: enumeratedList,
  field: field,
  field_body: fieldBody,
  field_list: fieldList,
  field_name: fieldName,
  figure: figure,
  footer: footer,
  footnote: footnote,
  footnote_reference: footnoteReference,
  generated: generated,
  header: header,
  image: image,
  inline: inline,
  label: label,
  legend: legend,
  line: line,
  line_block: lineBlock,
  list_item: listItem,
  literal: literal,
  literal_block: literalBlock,
  math: math,
  math_block: mathBlock,
  meta: meta,
  option: option,
  option_argument: optionArgument,
  option_group: optionGroup,
  option_list: optionList,
  option_list_item: optionListItem,
  option_string: optionString,
  paragraph: paragraph,
  pending: pending,
  problematic: problematic,
  raw: raw,
  reference: reference,
  row: row,
  rubric: rubric,
  section: section,
  sidebar: sidebar,
  strong: strong,
  subscript: subscript,
  substitution_definition: substitutionDefinition,
  substitution_reference: substitutionReference,
  subtitle: subtitle,
  superscript: superscript,
  system_message: systemMessage,
  table: table,
  target: target,
  tbody: tbody,
  term: term,
  tgroup: tgroup,
  thead: thead,
  title: title,
  title_reference: titleReference,
  topic: topic,
  transition: transition,
  attention: admonition,
  caution: admonition,
  danger: admonition,
  error: admonition,
  hint: admonition,
  important: admonition,
  note: admonition,
  tip: admonition,
  warning: admonition,
};
