// What is a segment of a guide and what is not, where each is and which
// language it is written in (test/fixtures/i18n/segments/guide.rst).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { detectLanguage, hasWords } from '../../src/i18n/segments.js';
import { segmentsOfText } from '../../src/i18n/guides.js';

const repo = resolve(import.meta.dirname, '../../..');
const folder = join(repo, 'test/fixtures/i18n/segments');
const file = join(folder, 'guide.rst');
const text = readFileSync(file, 'utf8');
const segments = segmentsOfText(text, file, folder);
const byId = new Map(segments.map((s) => [s.msgid, s]));

describe('segments of a guide', () => {
  it('should find titles, paragraphs, list items, cells, admonitions, captions, terms and included text, in document order', () => {
    assert.deepEqual(
      segments.map((s) => [s.node.type, s.msgid]),
      [
        ['title', 'A guide for the tests'],
        ['paragraph', '署名-相同方式共享 3.0'],
        ['paragraph', '本指南说明 ``br-int`` 上的 VLAN 标签，以及 `Open vSwitch <https://www.openvswitch.org/>`_ 的用法。'],
        ['title', 'Configure the bridge'],
        ['paragraph', 'Run this::'],
        ['paragraph', '|bridge| 是 br-int'],
        ['paragraph', 'qvo 端口在 br-int 里'],
        ['paragraph', '名称'],
        ['paragraph', 'Meaning'],
        ['paragraph', '集成网桥连接虚拟机'],
        ['paragraph', 'Port'],
        ['paragraph', 'What it does'],
        ['paragraph', 'qvo'],
        ['paragraph', 'the OVS end of the veth pair'],
        ['paragraph', '这是一个提示。'],
        ['caption', '图一：拓扑'],
        ['term', 'Term'],
        ['paragraph', 'A definition in English.'],
        ['paragraph', 'Notes from an included file, on two lines.'],
      ],
    );
  });

  it('should keep inline markup as written and join lines (no space between Chinese characters)', () => {
    const paragraph = segments[2]!;
    assert.match(paragraph.msgid, /``br-int``/);
    assert.match(paragraph.msgid, /`Open vSwitch <https:\/\/www\.openvswitch\.org\/>`_/);
    assert.match(paragraph.msgid, /标签，以及/);
    assert.equal(byId.get('Notes from an included file, on two lines.')!.msgid.includes('\n'), false);
  });

  it('should never make a segment of code, captures, comments, substitution definitions, names or name fields', () => {
    const all = segments.map((s) => s.msgid).join('\n');
    for (const never of ['ovs-vsctl add-br', 'echo', 'comment', '集成网桥 |', 'replace::', 'Test Writer', '2024-01-02', 'ip link', 'LOOPBACK', 'Contents']) {
      assert.ok(!all.includes(never), `"${never}" is in no segment`);
    }
    assert.ok(!segments.some((s) => s.msgid === 'br-int' || s.msgid === '10.0.1.0/28'), 'a name alone is no segment');
  });

  it('should tell each segment its file, line and language', () => {
    assert.deepEqual([byId.get('A guide for the tests')!.line, byId.get('A guide for the tests')!.lang], [1, 'en']);
    assert.deepEqual([byId.get('这是一个提示。')!.line, byId.get('这是一个提示。')!.lang], [52, 'zh']);
    assert.deepEqual([byId.get('集成网桥连接虚拟机')!.line, byId.get('集成网桥连接虚拟机')!.node.type], [41, 'paragraph']);
    const included = byId.get('Notes from an included file, on two lines.')!;
    assert.equal(included.file, join(folder, 'notes.rst'));
    assert.equal(included.line, 1);
    assert.equal(byId.get('Run this::')!.literalNext, true);
    assert.equal(byId.get('Run this::')!.file, file);
  });

  it('should tell a language by its script and words from names', () => {
    assert.equal(detectLanguage('qvo7bfa2daa-66 在 br-int 里'), 'zh');
    assert.equal(detectLanguage('Create VM'), 'en');
    assert.equal(hasWords('``ip link``::'), false);
    assert.equal(hasWords('tap7bfa2daa-66'), false);
    assert.equal(hasWords('192.168.1.0/24 <http://example.org>'), false);
    assert.equal(hasWords('ovs-vsctl show::'), true);
    assert.equal(hasWords('不做 flow 处理'), true);
  });
});
