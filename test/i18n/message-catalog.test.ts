// The generated prose's catalog: every message id the code says (a `msg('…')`
// literal in src/) is in every language's catalog, translated, with the same
// placeholders; every placeholder is one `say` understands; no entry of the
// prose is left unused; and the status `netguide i18n status` prints counts
// them all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { catalogLanguages, localesDir } from '../../src/i18n/catalog.js';
import { catalogEntries, messageCatalogStatus } from '../../src/i18n/catalog-status.js';
import { placeholders } from '../../src/i18n/messages.js';

const repo = resolve(import.meta.dirname, '../../..');
const ID = /^[a-z][a-z0-9-]*:[a-z0-9-]+(?::[a-z0-9-]+)*$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** The first argument of every `msg(` call in src/: the ids it names, or none (a computed id). */
function msgCalls(): { file: string; ids: string[]; argument: string }[] {
  const calls: { file: string; ids: string[]; argument: string }[] = [];
  for (const file of sources(join(repo, 'src'))) {
    if (file.endsWith(join('src', 'message.ts'))) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bmsg\(/g)) {
      // the first argument: up to a comma or the closing bracket at depth 0
      let depth = 0;
      let end = m.index + 4;
      for (; end < text.length; end++) {
        const c = text[end]!;
        if ('([{'.includes(c)) depth++;
        else if (')]}'.includes(c)) { if (depth === 0) break; depth--; } else if (c === ',' && depth === 0) break;
      }
      const argument = text.slice(m.index + 4, end).trim();
      // the ids it may name (a condition's other strings, `nat.kind === 'redirect'`, are not ids)
      const ids = [...argument.matchAll(/'([^']*)'|"([^"]*)"/g)].map((x) => x[1] ?? x[2]!).filter((x) => ID.test(x));
      calls.push({ file: relative(repo, file), ids, argument });
    }
  }
  return calls;
}

const calls = msgCalls();
const used = new Set(calls.flatMap((c) => c.ids));
const langs = catalogLanguages();
const catalogs = new Map(langs.map((lang) => [lang, catalogEntries(lang)]));

test('should find the messages the code says (the scan is not empty)', () => {
  assert.ok(used.size > 300, `only ${used.size} message ids found`);
  assert.ok(used.has('veth:pair') && used.has('walk:numbered-step'));
});

test('should name every message by a literal id (no computed ids)', () => {
  const computed = calls.filter((c) => c.ids.length === 0);
  assert.deepEqual(computed.map((c) => `${c.file}: msg(${c.argument}`), []);
});

test('should have every message the code says in every catalog, translated, not fuzzy', () => {
  for (const [lang, entries] of catalogs) {
    const missing = [...used].filter((id) => {
      const e = entries.get(id);
      return !e || e.fuzzy || e.forms.length === 0 || e.forms.some((f) => f === '');
    });
    assert.deepEqual(missing, [], `${lang}.po lacks these messages`);
  }
});

test('should use the same placeholders in every language (unless a comment says one is not said in every language)', () => {
  const allowed = (id: string, name: string) => [...catalogs.values()].some((entries) => (entries.get(id)?.comment ?? '').includes(`{${name}}`) && (entries.get(id)?.comment ?? '').includes('not said in every language'));
  const problems: string[] = [];
  for (const id of used) {
    const sets = langs.map((lang) => ({ lang, names: new Set(catalogs.get(lang)!.get(id)?.forms.flatMap(placeholders) ?? []) }));
    const all = new Set(sets.flatMap((s) => [...s.names]));
    for (const { lang, names } of sets) {
      for (const name of all) if (!names.has(name) && !allowed(id, name)) problems.push(`${id}: ${lang} lacks {${name}}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('should write every placeholder as {name}, {name|separator} or {name:capital}', () => {
  const bad: string[] = [];
  for (const [lang, entries] of catalogs) {
    for (const [id, entry] of entries) {
      if (!ID.test(id)) continue;
      for (const form of entry.forms) {
        const stray = form.replace(/\{[A-Za-z_][A-Za-z0-9_]*(?::capital)?(?:\|[^}]*)?\}/g, '');
        if (/[{}]/.test(stray)) bad.push(`${lang} ${id}: ${form}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test('should leave no message of the generated prose unused', () => {
  // the UI's message-like keys are looked up by the templates and the site (test/i18n/catalog.test.ts checks them)
  const ui = /^(role|finding|diagram|figure|capture):/;
  const namespaces = new Set([...used].map((id) => id.split(':')[0]!));
  const unused = [...catalogs.get('en')!.keys()].filter((id) => ID.test(id) && !ui.test(id) && namespaces.has(id.split(':')[0]!) && !used.has(id));
  assert.deepEqual(unused, []);
});

test('should count every catalog: ids, translated, fuzzy and missing per language', () => {
  const status = messageCatalogStatus({ usedIds: used });
  assert.deepEqual(status.map((s) => s.lang), langs);
  for (const s of status) {
    assert.equal(s.missing, 0, `${s.lang}: ${s.missingIds.join(', ')}`);
    assert.equal(s.fuzzy, 0, `${s.lang}: ${s.fuzzyIds.join(', ')}`);
    assert.equal(s.translated, s.ids);
    assert.ok(s.ids >= used.size);
  }
  assert.ok(localesDir.endsWith(join('src', 'i18n', 'locales')));
});

test('should report a message a catalog lacks as a warning pointing at that catalog, said in another language', async () => {
  const { say, forgetMissingMessages } = await import('../../src/i18n/messages.js');
  const { missingMessageDiagnostics } = await import('../../src/pipeline.js');
  const { msg } = await import('../../src/message.js');
  forgetMissingMessages();
  assert.equal(say(msg('veth:proof-ip-link'), 'fr'), say(msg('veth:proof-ip-link'), 'zh'), 'a language without a catalog falls back, never a blank');
  const [warning] = missingMessageDiagnostics();
  assert.equal(warning?.severity, 'warning');
  assert.ok(warning?.file.endsWith(join('locales', 'fr.po')));
  assert.match(warning!.message, /veth:proof-ip-link is missing from the fr catalog/);
  forgetMissingMessages();
});
