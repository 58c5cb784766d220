// Parser settings: the subset of docutils' settings that changes what the
// reStructuredText parser builds. Defaults are docutils' defaults.

import type { CaptureResolver } from './directives/capture.js';

export interface RstSettings {
  /** Name of the source, written as `source` in XML (`test data` in the corpus). */
  sourceName: string;
  /** Directory `include`, `image` and `figure` resolve relative paths against. */
  baseDir: string;
  /** Nothing is ever read from outside this directory (includes, csv files). */
  contentRoot: string;
  tabWidth: number;
  /** `raw` directive and role are refused unless enabled (docutils' raw_enabled). */
  rawEnabled: boolean;
  /** `include`, `csv-table :file:` etc. (docutils' file_insertion_enabled). */
  fileInsertionEnabled: boolean;
  /** `long` (tokenized, as docutils with Pygments), `short` or `none`. */
  syntaxHighlight: 'long' | 'short' | 'none';
  pepReferences: boolean;
  rfcReferences: boolean;
  pepBaseUrl: string;
  rfcBaseUrl: string;
  /** Line length over which a line is refused (docutils' line_length_limit). */
  lineLengthLimit: number;
  characterLevelInlineMarkup: boolean;
  /** Messages below this level are not reported to the user (tree keeps them). */
  reportLevel: number;
  languageCode: string;
  idPrefix: string;
  autoIdPrefix: string;
  /** netguide's `.. capture::` asks it for a command's output (the pipeline passes one in; none: a placeholder). */
  captureResolver?: CaptureResolver;
}

export function defaultSettings(overrides: Partial<RstSettings> = {}): RstSettings {
  return {
    sourceName: '<string>',
    baseDir: process.cwd(),
    contentRoot: process.cwd(),
    tabWidth: 8,
    rawEnabled: false,
    fileInsertionEnabled: true,
    syntaxHighlight: 'long',
    pepReferences: false,
    rfcReferences: false,
    pepBaseUrl: 'https://peps.python.org/',
    rfcBaseUrl: 'https://tools.ietf.org/html/',
    lineLengthLimit: 10000,
    characterLevelInlineMarkup: false,
    reportLevel: 2,
    languageCode: 'en',
    idPrefix: '',
    autoIdPrefix: '%',
    ...overrides,
  };
}
