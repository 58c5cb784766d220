// Inline markup and roles, checked against docutils 0.19's own trees of the
// fixture inputs (test/fixtures/rst/inline-*/). The expected trees were made
// with raw_enabled off and syntax_highlight none, our defaults for the inline
// parser (raw refused; code highlighted later by shiki, not tokenized here);
// inline-pep-rfc also turns on PEP and RFC text references, and
// inline-character-level docutils' character_level_inline_markup.

import { runRstFixtures } from './run-fixtures.js';

runRstFixtures((name) => name.startsWith('inline-'), {
  settings: (folder) => ({
    rawEnabled: false,
    syntaxHighlight: 'none',
    ...(folder.endsWith('inline-pep-rfc') ? { pepReferences: true, rfcReferences: true } : {}),
    ...(folder.endsWith('inline-character-level') ? { characterLevelInlineMarkup: true } : {}),
  }),
});
