// The table directives: `table` (a title and options around one grid or
// simple table), `csv-table` (CSV content, a file beside the document, never
// a URL) and `list-table` (a uniform two-level bullet list), as docutils 0.19.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { element, listAttribute, span, type RstElement, type RstNode } from '../nodes.js';
import { Level } from '../reporter.js';
import type { SourceLine } from '../source-lines.js';
import { buildTable } from '../tables/build.js';
import { CsvError, DOCUTILS_DIALECT, HEADER_DIALECT, readCsv, type CsvDialect, type CsvField } from '../tables/csv.js';
import type { TableCell, TableRow } from '../tables/structure.js';
import { addName, argumentLines, directiveSource, inlineTitle } from './helpers.js';
import { outsideRootReason } from './include-files.js';
import {
  choice,
  classOption,
  encoding,
  flag,
  iconvEncodingName,
  lengthOrPercentageOrUnitless,
  nonnegativeInt,
  path,
  positiveIntList,
  singleCharOrUnicode,
  singleCharOrWhitespaceOrUnicode,
  unchanged,
  uri,
  valueOr,
} from './options.js';
import type { DirectiveCall, DirectiveDefinition } from './types.js';

const align = choice(['left', 'center', 'right']);

type Widths = 'auto' | 'grid' | number[] | '';

function widthsOption(call: DirectiveCall): Widths {
  return (call.options.widths as Widths | undefined) ?? '';
}

/** The optional title argument as a `title` node, and the messages its inline markup made. */
function makeTitle(call: DirectiveCall): { title?: RstElement; messages: RstElement[] } {
  const argument = call.arguments[0];
  if (argument === undefined) return { messages: [] };
  return inlineTitle(call, argument);
}

/** docutils' get_column_widths: explicit widths must match; otherwise equal shares of 100. */
function columnWidths(call: DirectiveCall, columns: number): number[] {
  const widths = widthsOption(call);
  if (Array.isArray(widths)) {
    if (widths.length !== columns) {
      throw call.error(Level.ERROR, `"${call.name}" widths do not match the number of columns in table (${columns}).`);
    }
    return widths;
  }
  if (columns) return new Array<number>(columns).fill(Math.floor(100 / columns));
  throw call.error(Level.ERROR, 'No table data detected in CSV file.');
}

/** docutils' check_table_dimensions (shared by csv-table and list-table). */
function checkDimensions(call: DirectiveCall, rows: readonly unknown[][], headerRows: number, stubColumns: number): void {
  if (rows.length < headerRows) {
    throw call.error(
      Level.ERROR,
      `${headerRows} header row(s) specified but only ${rows.length} row(s) of data supplied ("${call.name}" directive).`,
    );
  }
  if (rows.length === headerRows && headerRows > 0) {
    throw call.error(
      Level.ERROR,
      `Insufficient data supplied (${rows.length} row(s)); no data remaining for table body, required by "${call.name}" directive.`,
    );
  }
  for (const row of rows) {
    if (row.length < stubColumns) {
      throw call.error(
        Level.ERROR,
        `${stubColumns} stub column(s) specified but only ${row.length} columns(s) of data supplied ("${call.name}" directive).`,
      );
    }
    if (row.length === stubColumns && stubColumns > 0) {
      throw call.error(
        Level.ERROR,
        `Insufficient data supplied (${row.length} columns(s)); no data remaining for table body, required by "${call.name}" directive.`,
      );
    }
  }
}

/** Options every table directive applies to its table node, then the title in front. */
function finishTable(call: DirectiveCall, table: RstElement, title: RstElement | undefined): void {
  if (typeof call.options.align === 'string') table.attributes.align = call.options.align;
  const classes = call.options.class;
  if (Array.isArray(classes) && classes.length) listAttribute(table, 'classes').push(...(classes as string[]));
  if (typeof call.options.width === 'string') table.attributes.width = call.options.width;
  addName(call, table);
  if (title) table.children.unshift(title);
}

function widthsClass(table: RstElement, widths: Widths): void {
  if (widths === 'auto') listAttribute(table, 'classes').push('colwidths-auto');
  else if (widths) listAttribute(table, 'classes').push('colwidths-given');
}

// ---------------------------------------------------------------- table

function runTable(call: DirectiveCall): RstNode[] {
  if (call.content.length === 0) {
    throw call.error(Level.WARNING, `Content block expected for the "${call.name}" directive; none found.`);
  }
  const { title, messages } = makeTitle(call);
  const holder = element('container', {}, [], call.position);
  call.state.nestedParse(call.content, holder);
  const table = holder.children[0];
  if (holder.children.length !== 1 || !table || table.type !== 'table') {
    throw call.error(
      Level.ERROR,
      `Error parsing content block for the "${call.name}" directive: exactly one table expected.`,
    );
  }
  const tableNode = table as RstElement;
  const classes = call.options.class;
  if (Array.isArray(classes) && classes.length) listAttribute(tableNode, 'classes').push(...(classes as string[]));
  if (typeof call.options.width === 'string') tableNode.attributes.width = call.options.width;
  if (typeof call.options.align === 'string') tableNode.attributes.align = call.options.align;
  const widths = widthsOption(call);
  if (Array.isArray(widths)) {
    const tgroup = tableNode.children[0] as RstElement;
    const given = columnWidths(call, Number(tgroup.attributes.cols));
    const colspecs = tgroup.children.filter((child): child is RstElement => child.type === 'colspec');
    colspecs.forEach((colspec, index) => {
      if (index < given.length) colspec.attributes.colwidth = given[index]!;
    });
  }
  widthsClass(tableNode, widths);
  addName(call, tableNode);
  if (title) tableNode.children.unshift(title);
  return [tableNode, ...messages];
}

// ---------------------------------------------------------------- csv-table

function csvDialect(options: Record<string, unknown>): CsvDialect {
  const dialect: CsvDialect = { ...DOCUTILS_DIALECT };
  if (typeof options.delim === 'string') dialect.delimiter = options.delim;
  if ('keepspace' in options) dialect.skipinitialspace = false;
  if (typeof options.quote === 'string') dialect.quotechar = options.quote;
  if (typeof options.escape === 'string') {
    dialect.doublequote = false;
    dialect.escapechar = options.escape;
  }
  return dialect;
}

/** The lines of the `:file:` option's file, read beside the document and never outside the content root. */
function readCsvFile(call: DirectiveCall): SourceLine[] {
  const { settings } = call.state.document;
  const option = String(call.options.file);
  const from = directiveSource(call);
  const base = from && from !== settings.sourceName && existsSync(from) ? dirname(resolve(from)) : settings.baseDir;
  const file = resolve(base, option);
  const problem = (reason: string) =>
    call.error(Level.SEVERE, `Problems with "${call.name}" directive path:\n${reason}.`);
  const refused = outsideRootReason(option, base, settings.contentRoot);
  if (refused) throw problem(refused.replace(/\.$/, ''));
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw problem(error instanceof Error ? error.message : String(error));
  }
  const codec = typeof call.options.encoding === 'string' ? iconvEncodingName(call.options.encoding) : 'utf8';
  let textValue = iconv.decode(bytes, codec ?? 'utf8');
  if (textValue.startsWith('\ufeff')) textValue = textValue.slice(1);
  call.state.document.dependencies.add(file);
  const lines: SourceLine[] = [];
  let offset = 0;
  textValue.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/).forEach((lineText, index, all) => {
    if (index === all.length - 1 && lineText === '') return; // splitlines drops the last empty piece
    lines.push({ text: lineText, source: file, line: index + 1, column: 1, offset });
    offset += lineText.length + 1;
  });
  return lines;
}

function csvData(call: DirectiveCall): SourceLine[] {
  const hasFile = 'file' in call.options;
  const hasUrl = 'url' in call.options;
  if (call.content.length > 0) {
    if (hasFile || hasUrl) {
      throw call.error(
        Level.ERROR,
        `"${call.name}" directive may not both specify an external file and have content.`,
      );
    }
    return [...call.content];
  }
  if (hasFile) {
    if (hasUrl) {
      throw call.error(
        Level.ERROR,
        `The "file" and "url" options may not be simultaneously specified for the "${call.name}" directive.`,
      );
    }
    return readCsvFile(call);
  }
  if (hasUrl) {
    throw call.error(
      Level.SEVERE,
      `Problems with "${call.name}" directive URL "${String(call.options.url)}":\n` +
        'netguide never reads from the network; put the CSV file beside the document and use :file: instead.',
    );
  }
  throw call.error(Level.WARNING, `The "${call.name}" directive requires content; none supplied.`);
}

/** The lines of the `:header:` option, each placed where it is written in the directive block. */
function headerLines(call: DirectiveCall): SourceLine[] {
  return argumentLines(call, String(call.options.header));
}

function csvRows(records: CsvField[][]): TableCell[][] {
  return records.map((record) => record.map((lines) => ({ morerows: 0, morecols: 0, offset: 0, lines })));
}

function runCsvTable(call: DirectiveCall): RstNode[] {
  const { settings } = call.state.document;
  if (!settings.fileInsertionEnabled && ('file' in call.options || 'url' in call.options)) {
    throw call.error(Level.WARNING, `File and URL access deactivated; ignoring "${call.name}" directive.`);
  }
  const { title, messages } = makeTitle(call);
  let head: TableCell[][];
  let body: TableCell[][];
  let maxColumns: number;
  const stubColumns = (call.options['stub-columns'] as number | undefined) ?? 0;
  let widths: number[];
  try {
    const data = csvData(call);
    head = 'header' in call.options ? csvRows(readCsv(headerLines(call), HEADER_DIALECT)) : [];
    const rows = csvRows(readCsv(data, csvDialect(call.options)));
    maxColumns = Math.max(0, ...head.map((row) => row.length), ...rows.map((row) => row.length));
    const headerRows = (call.options['header-rows'] as number | undefined) ?? 0;
    checkDimensions(call, rows, headerRows, stubColumns);
    head.push(...rows.slice(0, headerRows));
    body = rows.slice(headerRows);
    widths = columnWidths(call, maxColumns);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw call.error(Level.ERROR, `Error with CSV data in "${call.name}" directive:\n${error.message}`);
  }
  // Short rows get empty cells.
  for (const row of [...head, ...body]) {
    while (row.length < maxColumns) row.push({ morerows: 0, morecols: 0, offset: 0, lines: [] });
  }
  const table = buildTable(
    { colwidths: widths, headRows: head as TableRow[], bodyRows: body as TableRow[] },
    call.state,
    { stubColumns, widths: widthsOption(call), position: call.position },
  );
  finishTable(call, table, title);
  return [table, ...messages];
}

// ---------------------------------------------------------------- list-table

function runListTable(call: DirectiveCall): RstNode[] {
  if (call.content.length === 0) {
    throw call.error(Level.ERROR, `The "${call.name}" directive is empty; content required.`);
  }
  const { title, messages } = makeTitle(call);
  const holder = element('container', {}, [], call.position);
  call.state.nestedParse(call.content, holder);
  const list = holder.children[0];
  if (holder.children.length !== 1 || !list || list.type !== 'bullet_list') {
    throw call.error(
      Level.ERROR,
      `Error parsing content block for the "${call.name}" directive: exactly one bullet list expected.`,
    );
  }
  const items = (list as RstElement).children as RstElement[];
  let columns = 0;
  items.forEach((item, index) => {
    const sublist = item.children[0];
    if (item.children.length !== 1 || !sublist || sublist.type !== 'bullet_list') {
      throw call.error(
        Level.ERROR,
        `Error parsing content block for the "${call.name}" directive: two-level bullet list expected, but row ${index + 1} does not contain a second-level bullet list.`,
      );
    }
    const count = (sublist as RstElement).children.length;
    if (index === 0) columns = count;
    else if (count !== columns) {
      throw call.error(
        Level.ERROR,
        `Error parsing content block for the "${call.name}" directive: uniform two-level bullet list expected, but row ${index + 1} does not contain the same number of items as row 1 (${count} vs ${columns}).`,
      );
    }
  });
  const widths = columnWidths(call, columns);
  const rows = items.map((item) => ((item.children[0] as RstElement).children as RstElement[]));
  const headerRows = (call.options['header-rows'] as number | undefined) ?? 0;
  let stubColumns = (call.options['stub-columns'] as number | undefined) ?? 0;
  checkDimensions(call, rows, headerRows, stubColumns);

  const table = element('table', {}, [], call.position);
  widthsClass(table, widthsOption(call));
  const tgroup = element('tgroup', { cols: widths.length }, [], call.position);
  table.children.push(tgroup);
  for (const width of widths) {
    const colspec = element('colspec', { colwidth: width }, [], call.position);
    if (stubColumns > 0) {
      colspec.attributes.stub = 1;
      stubColumns--;
    }
    tgroup.children.push(colspec);
  }
  const rowNodes = rows.map((cells, index) => {
    const entries = cells.map((cell) => element('entry', {}, [...cell.children], cell.position));
    return element('row', {}, entries, items[index]!.position);
  });
  const groupOf = (type: string, list: RstElement[]) =>
    element(type, {}, list, span(list[0]?.position, list[list.length - 1]?.position) ?? call.position);
  if (headerRows) tgroup.children.push(groupOf('thead', rowNodes.slice(0, headerRows)));
  tgroup.children.push(groupOf('tbody', rowNodes.slice(headerRows)));
  finishTable(call, table, title);
  return [table, ...messages];
}

// ---------------------------------------------------------------- definitions

const common = {
  class: classOption,
  name: unchanged,
  align,
  width: (value: string | undefined) => lengthOrPercentageOrUnitless(value),
};

export const directives: Record<string, DirectiveDefinition> = {
  table: {
    optionalArguments: 1,
    finalArgumentWhitespace: true,
    hasContent: true,
    optionSpec: { ...common, widths: valueOr(['auto', 'grid'], positiveIntList) },
    run: runTable,
  },
  'csv-table': {
    optionalArguments: 1,
    finalArgumentWhitespace: true,
    hasContent: true,
    optionSpec: {
      ...common,
      'header-rows': nonnegativeInt,
      'stub-columns': nonnegativeInt,
      header: unchanged,
      widths: valueOr(['auto'], positiveIntList),
      file: path,
      url: uri,
      encoding,
      delim: singleCharOrWhitespaceOrUnicode,
      keepspace: flag,
      quote: singleCharOrUnicode,
      escape: singleCharOrUnicode,
    },
    run: runCsvTable,
  },
  'list-table': {
    optionalArguments: 1,
    finalArgumentWhitespace: true,
    hasContent: true,
    optionSpec: {
      ...common,
      'header-rows': nonnegativeInt,
      'stub-columns': nonnegativeInt,
      widths: valueOr(['auto'], positiveIntList),
    },
    run: runListTable,
  },
};
