// Pathological inputs, each a case that builds its input at a given size, runs
// it through the stage a user's file goes through, and checks the outcome:
// no throw, no stack overflow, a clear diagnostic where the input is wrong,
// every capture line accounted for. test/pathological/pathological.test.ts
// runs them at sizes CI affords (with a time bound); scripts/pathological.ts
// runs each at full size in its own process and prints time and peak memory.
//
//   rst-deep-lists      10,000 nested bullet lists, parsed and written as HTML
//   rst-long-line       a 1 MB line: refused by the line-length limit, read when it is raised
//   rst-sections        10,000 sections with contents and sectnum
//   rst-binary          random bytes as a document: invalid UTF-8 reported, HTML without raw controls
//   encodings           invalid UTF-8, UTF-8/UTF-16 byte order marks, UTF-16 without one: reported, read right
//   crlf-tabs           CRLF line ends and tabs: the same trees and records as LF and spaces
//   capture-long-line   a 1 MB line given to every capture parser, in five shapes
//   capture-deep-xml    10,000 nested XML elements as `virsh dumpxml`
//   capture-huge        a capture of many MB (`ovs-ofctl dump-flows`) read from a bundle

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBundle } from '../../src/captures/bundle.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { splitLines } from '../../src/captures/lines.js';
import { parseCapture, parsers, SAMPLE_COMMANDS } from '../../src/captures/registry.js';
import { rstToHtml } from '../../src/rst/html.js';
import { parseRst } from '../../src/rst/index.js';
import type { RstElement } from '../../src/rst/nodes.js';
import { toXml } from '../../src/rst/writers/xml.js';
import { decodeText } from '../../src/text-file.js';
import { checkCaptureResult } from '../property/targets.js';

export interface PathologicalCase {
  name: string;
  what: string;
  /** Size in CI and in `npm run fuzz` (the unit is the case's own: levels, bytes, sections …). */
  ci: number;
  full: number;
  /** Runs the case at `size`; throws when an expectation fails; returns a one-line summary. */
  run(size: number): Promise<string>;
}

/** A deterministic pseudo-random byte stream (xorshift32), so a failing input can be made again. */
function randomBytes(length: number, seed = 0x9e3779b9): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed | 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function depthOf(root: RstElement, type: string): number {
  let depth = 0;
  let node: RstElement | undefined = root;
  for (;;) {
    const next: RstElement | undefined = node.children.find((c): c is RstElement => c.type === type);
    if (!next) return depth;
    node = next.type === 'bullet_list' ? (next.children[0] as RstElement) : next;
    depth++;
  }
}

export const cases: PathologicalCase[] = [
  {
    name: 'rst-deep-lists',
    what: 'nested bullet lists, parsed and written as HTML',
    ci: 10_000,
    full: 10_000,
    async run(n) {
      const text = '- '.repeat(n) + 'deepest <&>\n';
      const { tree } = parseRst(text, { lineLengthLimit: 1e7 });
      assert.equal(depthOf(tree, 'bullet_list'), n);
      const { html, diagnostics } = await rstToHtml(text, { parse: { lineLengthLimit: 1e7 } });
      assert.deepEqual(diagnostics, []);
      assert.equal(html.split('<ul').length - 1, n);
      assert.ok(html.includes('deepest &#x3C;&#x26;>'));
      return `${n} levels, ${html.length} characters of HTML`;
    },
  },
  {
    name: 'rst-long-line',
    what: 'a line of inline markup, refused past the line-length limit, read when it is raised',
    ci: 256 * 1024,
    full: 1024 * 1024,
    async run(bytes) {
      const text = 'word *emphasis* ``literal`` `ref`_ '.repeat(Math.ceil(bytes / 36)) + '\n\n.. _ref: https://example.org/\n';
      const refused = await rstToHtml(text);
      assert.deepEqual(refused.diagnostics.map((d) => `${d.line}: ${d.severity}: ${d.message}`), ['1: error: Line 1 exceeds the line-length-limit.']);
      const { tree } = parseRst(text, { lineLengthLimit: 1e8 });
      const paragraph = tree.children[0] as RstElement;
      assert.equal(paragraph.children.filter((c) => c.type === 'emphasis').length, Math.ceil(bytes / 36));
      return `${text.length} characters on one line: refused by default, ${paragraph.children.length} inline nodes when allowed`;
    },
  },
  {
    name: 'rst-sections',
    what: 'sections with a table of contents and numbering',
    ci: 2_000,
    full: 10_000,
    async run(n) {
      let text = 'Title\n#####\n\n.. contents::\n\n.. sectnum::\n\n';
      for (let i = 0; i < n; i++) text += `Section ${i}\n${'='.repeat(12 + String(i).length)}\n\nText ${i}.\n\n${i % 3 === 0 ? `Sub ${i}\n${'-'.repeat(6 + String(i).length)}\n\nMore.\n\n` : ''}`;
      const { html, diagnostics } = await rstToHtml(text);
      assert.deepEqual(diagnostics, []);
      assert.equal(html.split('<section').length - 1, n + Math.ceil(n / 3));
      assert.ok(html.includes(`<span class="sectnum">${n}\u00a0\u00a0\u00a0</span>Section ${n - 1}<`), 'the last section is numbered');
      assert.equal(html.split('class="toc-backref"').length - 1, n + Math.ceil(n / 3), 'every section in the contents');
      return `${n} sections, ${html.length} characters of HTML`;
    },
  },
  {
    name: 'rst-binary',
    what: 'random bytes as a document',
    ci: 64 * 1024,
    full: 8 * 1024 * 1024,
    async run(bytes) {
      const decoded = decodeText(randomBytes(bytes), 'garbage.rst');
      assert.ok(decoded.problems.length > 0 && /invalid UTF-8 \(byte 0x[0-9a-f]{2}\)/.test(decoded.problems[0]!.message), 'invalid UTF-8 reported');
      assert.ok(decoded.problems.every((p) => p.file === 'garbage.rst' && p.line! >= 1 && p.column! >= 1), 'at file:line:col');
      const { html, diagnostics } = await rstToHtml(decoded.text, { parse: { lineLengthLimit: 1e8 } });
      assert.ok(!RAW_CONTROL.test(html), 'no raw control character in the HTML');
      assert.ok(diagnostics.some((d) => /control characters/.test(d.message)), 'control characters reported');
      return `${bytes} random bytes: ${decoded.problems.length} encoding problems reported, ${diagnostics.length} diagnostics, ${html.length} characters of HTML`;
    },
  },
  {
    name: 'encodings',
    what: 'invalid UTF-8, byte order marks, UTF-16 with and without one',
    ci: 1,
    full: 1,
    async run() {
      const text = 'Title\n=====\n\n中文 and café, line 4.\n';
      const utf8 = Buffer.from(text, 'utf8');
      const plain = toXml(parseRst(text).tree);
      const same = (bytes: Uint8Array, what: string): string[] => {
        const decoded = decodeText(bytes, 'doc.rst');
        assert.equal(toXml(parseRst(decoded.text).tree), plain, `${what} reads as the UTF-8 text`);
        return decoded.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
      };
      assert.deepEqual(same(utf8, 'UTF-8'), []);
      assert.deepEqual(same(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'UTF-8 with a BOM'), []);
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      assert.match(same(le, 'UTF-16LE with a BOM')[0]!, /^1:1: the file is UTF-16LE \(a byte order mark\)/);
      const be = Buffer.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]).swap16());
      assert.match(same(be, 'UTF-16BE with a BOM')[0]!, /^1:1: the file is UTF-16BE/);
      assert.match(same(Buffer.from(text, 'utf16le'), 'UTF-16LE without a BOM')[0]!, /^1:1: the file is UTF-16LE \(no byte order mark/);
      // Latin-1 é (0xe9) on line 4, column 15: reported there, shown as U+FFFD
      const latin1 = Buffer.from(text.replace('中文', 'zh'), 'latin1');
      const bad = decodeText(latin1, 'doc.rst');
      assert.deepEqual(bad.problems.map((p) => `${p.file}:${p.line}:${p.column}`), ['doc.rst:4:11']);
      assert.ok(bad.text.includes('caf\ufffd'));
      return 'UTF-8 (with and without BOM), UTF-16LE/BE (BOM), UTF-16LE (no BOM) read right; Latin-1 reported at 4:11';
    },
  },
  {
    name: 'crlf-tabs',
    what: 'CRLF line ends and tabs',
    ci: 1,
    full: 1,
    async run() {
      const rst = 'Title\n=====\n\n- item\n\n  nested *text*\n\n::\n\n    $ ip link\n    1: lo: <LOOPBACK>\n';
      assert.equal(toXml(parseRst(rst.replace(/\n/g, '\r\n')).tree), toXml(parseRst(rst).tree), 'rst: CRLF reads as LF');
      assert.equal(toXml(parseRst(rst.replace(/\n    /g, '\n\t')).tree), toXml(parseRst(rst).tree), 'rst: a tab is 8 columns');
      let checked = 0;
      for (const p of parsers) {
        const command = SAMPLE_COMMANDS[p.name as keyof typeof SAMPLE_COMMANDS];
        const lf = parseCapture(`$ ${command}\nline one\n    indented two\n`);
        const crlf = parseCapture(`$ ${command}\r\nline one\r\n    indented two\r\n`);
        assert.deepEqual(crlf.lineRoles, lf.lineRoles, `${p.name}: CRLF gives the same roles`);
        assert.deepEqual(crlf.records, lf.records, `${p.name}: and the same records`);
        checked++;
      }
      const show = '$ ovs-vsctl show\nabc\n    Bridge br-int\n        Port qvo1\n            tag: 1\n            Interface qvo1\n    ovs_version: "3.1.0"\n';
      const tabbed = parseCapture(show.replace(/ {4}/g, '\t').replace(/\n/g, '\r\n'));
      assert.deepEqual(tabbed.records, parseCapture(show).records, 'ovs-vsctl show indented with tabs and CRLF');
      return `rst and ${checked} capture parsers: CRLF and tabs read as LF and spaces`;
    },
  },
  {
    name: 'capture-long-line',
    what: 'a long line in five shapes, given to every capture parser',
    ci: 64 * 1024,
    full: 1024 * 1024,
    async run(bytes) {
      const shapes: [string, string][] = [
        ['words', 'a '.repeat(bytes / 2)],
        ['one word', 'x'.repeat(bytes)],
        ['blanks', ' '.repeat(bytes) + 'x'],
        ['tabs', '\t'.repeat(bytes) + 'x'],
        ['key=value', 'a=b,'.repeat(bytes / 4)],
      ];
      let slowest = { ms: 0, what: '' };
      for (const p of parsers) {
        const command = parseCommandLine(SAMPLE_COMMANDS[p.name as keyof typeof SAMPLE_COMMANDS]);
        for (const [shape, line] of shapes) {
          const text = `${line}\n`;
          const t0 = performance.now();
          checkCaptureResult(p.parse(text, command), text);
          const result = parseCapture(text, { command: command.raw });
          const ms = performance.now() - t0;
          assert.equal(result.lineRoles.length, 1);
          if (ms > slowest.ms) slowest = { ms, what: `${p.name} on ${shape}` };
        }
      }
      return `${parsers.length} parsers × ${shapes.length} shapes of ${bytes} bytes; slowest ${slowest.ms.toFixed(0)} ms (${slowest.what})`;
    },
  },
  {
    name: 'capture-deep-xml',
    what: 'nested XML elements as `virsh dumpxml`',
    ci: 10_000,
    full: 10_000,
    async run(n) {
      const text = '<domain type="kvm">\n' + '<x>'.repeat(n) + '</x>'.repeat(n) + '\n<interface type="bridge"><target dev="tap1"/></interface>\n</domain>\n';
      const result = parseCapture(text, { command: 'virsh dumpxml instance-1' });
      checkCaptureResult(result, text);
      // the XML reader refuses such depth: every line is reported, with the reason, none silently dropped
      assert.ok(result.records.length > 0 || result.unparsed.every((u) => /nested/i.test(u.reason)), JSON.stringify(result.unparsed.slice(0, 2)));
      return `${n} levels: ${result.records.length} records, ${result.unparsed.length} lines unparsed (${result.unparsed[0]?.reason ?? 'none'})`;
    },
  },
  {
    name: 'capture-huge',
    what: 'a capture of many megabytes (`ovs-ofctl dump-flows`) read from a bundle',
    ci: 4 * 1024 * 1024,
    full: 100 * 1024 * 1024,
    async run(bytes) {
      const dir = mkdtempSync(join(tmpdir(), 'netguide-huge-'));
      try {
        mkdirSync(join(dir, 'host'));
        const lines = ['$ ovs-ofctl dump-flows br-tun', 'NXST_FLOW reply (xid=0x4):'];
        let size = 60;
        for (let i = 0; size < bytes; i++) {
          const line = ` cookie=0x${(i * 2654435761 >>> 0).toString(16)}, duration=${i % 9999}.5s, table=${i % 40}, n_packets=${i}, n_bytes=${i * 98}, idle_age=${i % 300}, priority=${i % 65535},in_port=${(i % 48) + 1},dl_vlan=${i % 4094},dl_dst=fa:16:3e:${(i >> 16 & 255).toString(16).padStart(2, '0')}:${(i >> 8 & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')} actions=mod_vlan_vid:${(i % 4094) + 1},output:${(i % 47) + 1}`;
          lines.push(line);
          size += line.length + 1;
        }
        writeFileSync(join(dir, 'host', '01-ovs-ofctl-dump-flows-br-tun.txt'), lines.join('\n') + '\n');
        const bundle = readBundle(dir);
        const capture = bundle.hosts[0]!.captures[0]!;
        assert.deepEqual(bundle.problems, []);
        assert.equal(capture.result.records.length, lines.length - 2);
        assert.equal(capture.result.unparsed.length, 0);
        assert.equal(capture.result.lineRoles.length, splitLines(lines.slice(1).join('\n')).length);
        return `${(size / 1024 / 1024).toFixed(0)} MB, ${capture.result.records.length} flows, every line a fact or header`;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
