// Messages said at the edge: placeholders, nested messages, lists, plural
// forms, and a message a catalog lacks (never a blank).

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCatalog } from '../../src/i18n/catalog.js';
import { bilingual, forgetMissingMessages, missingMessages, say } from '../../src/i18n/messages.js';
import { msg, messageIds } from '../../src/message.js';

test('should fill placeholders with names as they are and numbers', () => {
  const text = say(msg('figure:missing', { file: 'local.png' }), 'en');
  assert.match(text, /^The image local\.png did not come with the guide/);
  assert.match(say(msg('figure:missing', { file: 'local.png' }), 'zh'), /local\.png/);
});

test('should say a message that no catalog has as its id and values, and remember it as missing', () => {
  forgetMissingMessages();
  assert.equal(say(msg('test:nowhere', { a: 'x' }), 'en'), 'test:nowhere {"a":"x"}');
  assert.ok(missingMessages().get('en')?.has('test:nowhere'));
  assert.deepEqual(bilingual(msg('test:nowhere')), { zh: 'test:nowhere', en: 'test:nowhere' });
});

test('should list every id a message uses, nested ones too', () => {
  const m = msg('a:outer', { inner: msg('a:inner', { more: [msg('a:item'), 'plain'] }) });
  assert.deepEqual([...messageIds(m)].sort(), ['a:inner', 'a:item', 'a:outer']);
});

test('should read plural forms and skip fuzzy entries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ng-po-'));
  writeFileSync(join(dir, 'en.po'), [
    'msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', '',
    'msgid "t:lines"', 'msgid_plural "t:lines"', 'msgstr[0] "{count} line"', 'msgstr[1] "{count} lines"', '',
    '#, fuzzy', 'msgid "t:fuzzy"', 'msgstr "not yet"', '',
  ].join('\n'));
  const catalog = readCatalog('en', dir);
  assert.deepEqual(catalog.get('t:lines'), ['{count} line', '{count} lines']);
  assert.equal(catalog.has('t:fuzzy'), false);
});

test('should define each message once per catalog (a second definition would silently win)', async () => {
  const { readFileSync } = await import('node:fs');
  const { localesDir } = await import('../../src/i18n/catalog.js');
  for (const lang of ['zh', 'en']) {
    const text = readFileSync(join(localesDir, `${lang}.po`), 'utf8');
    const keys = [...text.matchAll(/^(?:msgctxt "((?:[^"\\]|\\.)*)"\n)?msgid "((?:[^"\\]|\\.)*)"$/gm)].map((m) => `${m[1] ?? ''}\u0004${m[2]}`);
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    assert.deepEqual(twice, [], `${lang}.po defines these more than once`);
  }
});
