// A guide's catalogs made, translated, refreshed after the guide changed and
// counted: `netguide i18n extract`, `update` and `status` on a copy of
// test/fixtures/i18n/update (guide.rst, then guide-changed.rst).

import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runI18n } from '../../src/cli/i18n.js';
import { mergeCatalog, similarity } from '../../src/i18n/catalog-merge.js';
import { formatCatalog, msgstrLines, parseCatalog, readGuideCatalog } from '../../src/i18n/guide-catalog.js';

const repo = resolve(import.meta.dirname, '../../..');
const fixtures = join(repo, 'test/fixtures/i18n/update');

/** A content folder holding the fixture guide as `guide/guide.rst`. */
function contentFolder(): { content: string; guideFile: string; locales: string } {
  const content = mkdtempSync(join(tmpdir(), 'netguide-i18n-'));
  mkdirSync(join(content, 'guide'));
  const guideFile = join(content, 'guide', 'guide.rst');
  copyFileSync(join(fixtures, 'guide.rst'), guideFile);
  return { content, guideFile, locales: join(content, 'guide', 'locales') };
}

async function run(action: 'extract' | 'update' | 'status', content: string, extra: { strict?: boolean; list?: boolean } = {}) {
  let out = '';
  let err = '';
  const status = await runI18n(action, [], { content, ...extra }, (s) => (out += s), (s) => (err += s));
  return { status, out, err };
}

/** Translate every empty entry of a catalog file with `translate(msgid)`. */
function translateAll(path: string, translate: (msgid: string) => string): void {
  const catalog = readGuideCatalog(path);
  for (const entry of catalog.entries.values()) if (entry.msgstr === '') entry.msgstr = translate(entry.msgid);
  writeFileSync(path, formatCatalog(catalog));
}

const ENGLISH: Record<string, string> = {
  '每个计算节点上都有一个集成网桥 br-int，虚拟机的端口都接在它上面。': 'Every compute node has an integration bridge br-int; the VMs\' ports are attached to it.',
  '外部网桥 br-ex 连接物理网卡 eth0。': 'The external bridge br-ex connects the physical NIC eth0.',
  '这一段在新版本里会被删掉。': 'This paragraph will be removed in the next version.',
  '用 ``ovs-vsctl show`` 查看网桥和端口::': 'Use ``ovs-vsctl show`` to see the bridges and their ports::',
};

describe('guide catalogs: extract, update, status', () => {
  it('should extract a template of every segment and a catalog per language of those written in another language', async () => {
    const { content, locales } = contentFolder();
    const result = await run('extract', content);
    assert.equal(result.status, 0, result.err);
    const pot = readFileSync(join(locales, 'guide.pot'), 'utf8');
    assert.match(pot, /#: guide\.rst:1\n#\. written in en\nmsgid "Bridges"/);
    const en = readGuideCatalog(join(locales, 'en.po'));
    assert.deepEqual([...en.entries.keys()], Object.keys(ENGLISH));
    assert.deepEqual(en.entries.get('外部网桥 br-ex 连接物理网卡 eth0。')!.references, ['guide.rst:6']);
    assert.equal(en.lang, 'en');
    const zh = readGuideCatalog(join(locales, 'zh.po'));
    assert.deepEqual([...zh.entries.keys()], ['Bridges', 'Check the bridges']);
    // A second extract keeps the catalogs a translator may have started.
    translateAll(join(locales, 'zh.po'), (id) => (id === 'Bridges' ? '网桥' : '检查网桥'));
    const again = await run('extract', content);
    assert.match(again.err, /kept .*zh\.po/);
    assert.equal(readGuideCatalog(join(locales, 'zh.po')).entries.get('Bridges')!.msgstr, '网桥');
  });

  it('should keep translations, mark a changed segment fuzzy with its previous msgid and a removed one obsolete', async () => {
    const { content, guideFile, locales } = contentFolder();
    await run('extract', content);
    translateAll(join(locales, 'en.po'), (id) => ENGLISH[id]!);
    translateAll(join(locales, 'zh.po'), (id) => (id === 'Bridges' ? '网桥' : '检查网桥'));
    assert.match((await run('status', content)).out, /en +100% +4\/4 translated, 0 fuzzy, 0 missing/);

    copyFileSync(join(fixtures, 'guide-changed.rst'), guideFile);
    const stale = await run('status', content, { list: true });
    assert.match(stale.out, /en +50% +2\/4 translated, 0 fuzzy, 2 missing, 2 stale/);
    assert.match(stale.out, /guide\/guide\.rst:15: missing \(en\): 新加的一段/);

    const updated = await run('update', content);
    assert.equal(updated.status, 0, updated.err);
    assert.match(updated.err, /updated .*en\.po \(2 kept, 1 new, 1 fuzzy, 1 obsolete\)/);
    const text = readFileSync(join(locales, 'en.po'), 'utf8');
    assert.match(text, /#, fuzzy\n#\| msgid "每个计算节点上都有一个集成网桥 br-int，虚拟机的端口都接在它上面。"\nmsgid "每个计算节点上都有一个集成网桥 br-int，所有虚拟机的端口都接在它上面。"\nmsgstr ""\n"Every compute node/);
    assert.match(text, /#~ msgid "这一段在新版本里会被删掉。"\n#~ msgstr "This paragraph will be removed in the next version."/);
    const en = readGuideCatalog(join(locales, 'en.po'));
    const changed = en.entries.get('每个计算节点上都有一个集成网桥 br-int，所有虚拟机的端口都接在它上面。')!;
    assert.deepEqual([changed.fuzzy, changed.previous], [true, '每个计算节点上都有一个集成网桥 br-int，虚拟机的端口都接在它上面。']);
    assert.deepEqual(en.entries.get('新加的一段：路由器的网关端口在 br-ex 上。'), { msgid: '新加的一段：路由器的网关端口在 br-ex 上。', msgstr: '', fuzzy: false, references: ['guide.rst:15'], line: en.entries.get('新加的一段：路由器的网关端口在 br-ex 上。')!.line });
    assert.deepEqual(en.entries.get('外部网桥 br-ex 连接物理网卡 eth0。')!.references, ['guide.rst:6']);
    assert.ok(en.obsolete.has('这一段在新版本里会被删掉。'));

    const status = await run('status', content);
    assert.match(status.out, /en +50% +2\/4 translated, 1 fuzzy, 1 missing\s/);
    assert.match(status.out, /zh +100% +2\/2 translated/);
    assert.equal(status.status, 0);
    assert.equal((await run('status', content, { strict: true })).status, 1, '--strict fails on fuzzy and missing translations');

    // The removed paragraph comes back: its obsolete translation is used again, as is.
    copyFileSync(join(fixtures, 'guide.rst'), guideFile);
    await run('update', content);
    const back = readGuideCatalog(join(locales, 'en.po'));
    assert.equal(back.entries.get('这一段在新版本里会被删掉。')!.msgstr, 'This paragraph will be removed in the next version.');
    assert.equal(back.entries.get('这一段在新版本里会被删掉。')!.fuzzy, false);
    // A second update with nothing changed leaves the file as it is.
    const before = readFileSync(join(locales, 'en.po'), 'utf8');
    assert.match((await run('update', content)).err, /unchanged .*en\.po/);
    assert.equal(readFileSync(join(locales, 'en.po'), 'utf8'), before);
  });

  it('should report an unreadable catalog at its file and a broken translation at its line, and exit 1', async () => {
    const { content, locales } = contentFolder();
    await run('extract', content);
    translateAll(join(locales, 'en.po'), (id) => (id.startsWith('外部') ? 'The external bridge ``br-ex connects eth0.' : ENGLISH[id]!));
    const broken = await run('status', content);
    const line = msgstrLines(readFileSync(join(locales, 'en.po'), 'utf8')).get('外部网桥 br-ex 连接物理网卡 eth0。');
    assert.match(broken.err, new RegExp(`en\\.po:${line}:1: warning: translation: Inline literal start-string without end-string\\.`));
    assert.equal(broken.status, 0);
    assert.equal((await run('status', content, { strict: true })).status, 1);
    writeFileSync(join(locales, 'zh.po'), 'msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n');
    const unreadable = await run('update', content);
    assert.equal(unreadable.status, 1);
    assert.match(unreadable.err, /zh\.po:\d+:\d+: error: not a readable PO catalog/);
    assert.equal(readFileSync(join(locales, 'zh.po'), 'utf8'), 'msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n', 'an unreadable catalog is never overwritten');
  });

  it('should name a guide that is not there, and print the generated prose catalogs in status', async () => {
    const { content } = contentFolder();
    let err = '';
    const status = await runI18n('status', ['nosuchguide'], { content }, () => {}, (s) => (err += s));
    assert.equal(status, 1);
    assert.match(err, /nosuchguide:1:1: error: no guide nosuchguide/);
    const { out } = await run('status', content);
    assert.match(out, /generated prose and UI strings \(src\/i18n\/locales\):\n {2}en +\d+\/\d+ ids translated/);
    assert.ok(!existsSync(join(content, 'guide', 'locales')), 'status writes nothing');
  });
});

describe('catalog merge', () => {
  it('should read back what it writes, #| previous msgid and #~ obsolete entries included', () => {
    const text = [
      'msgid ""',
      'msgstr ""',
      '"Language: en\\n"',
      '',
      '#: a.rst:3',
      '#, fuzzy',
      '#| msgid "old \\"text\\""',
      'msgid "new \\"text\\""',
      'msgstr "translation"',
      '',
      '#~ msgid "gone"',
      '#~ msgstr "went"',
      '',
    ].join('\n');
    const catalog = parseCatalog(text, 'x.po');
    const entry = catalog.entries.get('new "text"')!;
    assert.deepEqual([entry.fuzzy, entry.previous, entry.references, entry.line], [true, 'old "text"', ['a.rst:3'], 9]);
    assert.equal(catalog.obsolete.get('gone')!.msgstr, 'went');
    assert.deepEqual(parseCatalog(formatCatalog(catalog), 'x.po').entries.get('new "text"')!.previous, 'old "text"');
  });

  it('should give a changed segment the most similar old translation, and none below the threshold', () => {
    const old = parseCatalog('msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "网桥 br-int 连接虚拟机"\nmsgstr "br-int connects the VMs"\n\nmsgid "完全不同的一句话"\nmsgstr "Something else"\n', 'x.po');
    const { catalog, counts } = mergeCatalog(old, [
      { msgid: '网桥 br-int 连接所有虚拟机', lang: 'zh', references: ['g.rst:1'] },
      { msgid: 'ovs-vsctl 的输出', lang: 'zh', references: ['g.rst:2'] },
    ]);
    assert.deepEqual(counts, { kept: 0, added: 1, fuzzy: 1, obsoleted: 1 });
    assert.equal(catalog.entries.get('网桥 br-int 连接所有虚拟机')!.msgstr, 'br-int connects the VMs');
    assert.equal(catalog.entries.get('ovs-vsctl 的输出')!.msgstr, '');
    assert.ok(similarity('abc', 'abd') > 0.6 && similarity('abc', 'xyz') === 0);
  });
});
