// Every UI string a template asks for has a translation in every catalog.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogLanguages, readCatalog } from '../../src/i18n/catalog.js';

const repo = resolve(import.meta.dirname, '../../..');

function templates(dir: string): string[] {
  return (readdirSync(join(repo, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.njk'))
    .map((f) => readFileSync(join(repo, dir, f), 'utf8'));
}

const sources = [...templates('_includes'), ...templates('content')];

/** `'Topology' | t(lang)` → Topology. */
const literalMsgids = new Set(sources.flatMap((s) => [...s.matchAll(/(['"])((?:(?!\1).)+)\1\s*\|\s*t\(/g)].map((m) => m[2]!)));

/** `('role:' + l.role) | t(lang)` → role:, and the values a template loops over for it. */
const prefixes = new Set(sources.flatMap((s) => [...s.matchAll(/\(\s*'([a-z-]+:)'\s*\+/g)].map((m) => m[1]!)));
const loopedValues = sources.flatMap((s) => [...s.matchAll(/for \w+ in \[([^\]]*)\]/g)].flatMap((m) => [...m[1]!.matchAll(/'([^']+)'/g)].map((v) => v[1]!)));

describe('UI string catalogs', () => {
  it('should have a zh and an en catalog', () => {
    assert.deepEqual(catalogLanguages().filter((l) => ['zh', 'en'].includes(l)), ['en', 'zh']);
  });

  it('should translate every msgid the templates use, in every language', () => {
    assert.ok(literalMsgids.size > 5, 'templates use the t filter');
    for (const lang of catalogLanguages()) {
      const catalog = readCatalog(lang);
      for (const msgid of literalMsgids) assert.ok(catalog.get(msgid), `${lang}: "${msgid}"`);
      for (const prefix of prefixes) {
        const used = [...catalog.keys()].filter((k) => k.startsWith(prefix));
        assert.ok(used.length > 0, `${lang}: entries for ${prefix}`);
      }
      // Values a template loops over and glues to a prefix: each is translated under some prefix.
      for (const value of loopedValues) assert.ok([...prefixes].some((p) => catalog.get(p + value)), `${lang}: <prefix>${value}`);
    }
  });

  it('should have the same msgids in every catalog, none left empty', () => {
    const [first, ...rest] = catalogLanguages().map((lang) => ({ lang, ids: [...readCatalog(lang).keys()].sort() }));
    for (const other of rest) assert.deepEqual(other.ids, first!.ids, `${other.lang} vs ${first!.lang}`);
  });
});
