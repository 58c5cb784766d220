// Our segments of the seed against Sphinx's gettext builder on the same text
// (test/fixtures/i18n/seed/sphinx/local.pot, made by
// scripts/make-i18n-sphinx-pot.sh): every msgid we make is one Sphinx makes,
// written the same way; what Sphinx has and we leave out is, by design, only
// field names and name fields, the generated contents title and paragraphs
// with no words (a ``command``:: before a capture).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseCatalog } from '../../src/i18n/guide-catalog.js';
import { readGuideSegments } from '../../src/i18n/guides.js';
import { hasWords } from '../../src/i18n/segments.js';

const repo = resolve(import.meta.dirname, '../../..');
const seed = join(repo, 'test/fixtures/i18n/seed');
const sphinx = [...parseCatalog(readFileSync(join(seed, 'sphinx/local.pot'), 'utf8'), 'local.pot').entries.keys()];
const ours = readGuideSegments({ name: 'local', file: join(seed, 'local/local.rst') }).segments.map((s) => s.msgid);

describe('segments as Sphinx makes them', () => {
  it('should make only msgids Sphinx makes, spelled as Sphinx spells them', () => {
    assert.ok(ours.length >= 20);
    assert.deepEqual(ours.filter((id) => !sphinx.includes(id)), []);
  });

  it('should leave out only field names, name fields, the generated contents title and texts without words', () => {
    const left = sphinx.filter((id) => !ours.includes(id));
    const explained = left.filter((id) => !hasWords(id) || ['Author', 'Copyright', 'Yugang LIU <liuyug@gmail.com>', '目录'].includes(id));
    assert.deepEqual(left, explained);
    assert.ok(left.includes('``ip link``::'));
  });
});
