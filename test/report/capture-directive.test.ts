// `.. capture:: <command>`: the rst stage asks the resolver it is given (and
// knows no networks), the captures stage finds the file in a guide's captures
// folder, the topology reads the whole capture whatever the view shows, and
// the site shows a literal block, or a placeholder and a warning at file:line.

import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { captureLookup } from '../../src/captures/capture-lookup.js';
import { understand } from '../../src/pipeline.js';
import type { CaptureResolver } from '../../src/rst/directives/capture.js';
import { parseRst } from '../../src/rst/index.js';
import { isElement, toText, type RstElement } from '../../src/rst/nodes.js';
import { labSamples, repoRoot } from '../fixture-paths.js';
import { build, decode, page, temporary } from '../site/helpers.js';

const guideFixture = join(repoRoot, 'test/fixtures/report/capture-guide/lab.rst');

/** Every element of a tree, in document order. */
function all(tree: RstElement): RstElement[] {
  const out: RstElement[] = [];
  const stack = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) if (isElement(node.children[i]!)) stack.push(node.children[i] as RstElement);
  }
  return out;
}

const output = ['line one qvo1', 'line two', 'line three tap1', 'line four qvo2', ''].join('\n');
const resolver: CaptureResolver = (request) =>
  request.command === 'ip link' && (request.host === undefined || request.host === 'n1')
    ? { found: true, file: 'caps/n1/02-ip-link.txt', host: 'n1', command: 'ip link', output, firstLine: 2 }
    : { found: false, reason: `no capture of "${request.command}"`, placeholder: 'WORDS FOR THE READER' };

const parse = (body: string, withResolver = true) =>
  parseRst(`Title\n=====\n\n${body}\n`, { sourceName: 'g.rst', ...(withResolver ? { captureResolver: resolver } : {}) });

test('a found capture is a literal block of its output, its place and whole capture in data', () => {
  const { tree } = parse('.. capture:: ip  link');
  const block = all(tree).find((n) => n.type === 'literal_block')!;
  assert.equal(toText(block), 'line one qvo1\nline two\nline three tap1\nline four qvo2');
  assert.deepEqual(block.attributes.classes, ['capture']);
  assert.equal(block.data?.source, 'caps/n1/02-ip-link.txt');
  assert.equal(block.data?.sourceLine, 2);
  assert.deepEqual({ ...(block.data?.capture as object), output: undefined }, { command: 'ip link', host: 'n1', output: undefined, firstLine: 2 });
  assert.equal(block.position?.start.line, 4, 'the block stands at the directive');
  assert.equal(all(tree).filter((n) => n.type === 'system_message').length, 0);
});

test(':grep: and :lines: filter the view; the block starts at its first shown line', () => {
  const grep = all(parse('.. capture:: ip link\n   :grep: qvo').tree).find((n) => n.type === 'literal_block')!;
  assert.equal(toText(grep), 'line one qvo1\nline four qvo2');
  assert.deepEqual((grep.data?.capture as { shown: number[] }).shown, [2, 5]);
  const lines = all(parse('.. capture:: ip link\n   :lines: 2-3').tree).find((n) => n.type === 'literal_block')!;
  assert.equal(toText(lines), 'line two\nline three tap1');
  assert.equal(lines.data?.sourceLine, 3);
  const both = all(parse('.. capture:: ip link\n   :lines: 3-\n   :grep: qvo|tap').tree).find((n) => n.type === 'literal_block')!;
  assert.equal(toText(both), 'line three tap1\nline four qvo2');
});

test('a missing capture is a warning at the directive line and a visible placeholder, never an empty block', () => {
  const { tree, document } = parse('Text.\n\n.. capture:: ovs-vsctl show\n   :host: net9');
  const warning = document.reporter.messages.find((m) => m.message.startsWith('capture:'))!;
  assert.equal(warning.line, 6);
  assert.equal(warning.level, 2);
  const block = all(tree).find((n) => n.type === 'literal_block')!;
  assert.deepEqual(block.attributes.classes, ['capture-missing']);
  assert.match(toText(block), /^\$ ovs-vsctl show +\(net9\)\nWORDS FOR THE READER$/);
  // no resolver at all (a bare rst reader): still a placeholder and a warning
  const bare = parse('.. capture:: ip link', false);
  assert.match(toText(all(bare.tree).find((n) => n.type === 'literal_block')!), /^\$ ip link$/);
  assert.ok(bare.document.reporter.messages.some((m) => /no captures to take "ip link"/.test(m.message)));
  // a filter that leaves nothing
  const none = parse('.. capture:: ip link\n   :grep: nothing-matches');
  assert.ok(none.document.reporter.messages.some((m) => /no line of "ip link".*:grep:/.test(m.message)));
  assert.match(toText(all(none.tree).find((n) => n.type === 'literal_block')!), /^\$ ip link/);
});

test('bad options are the directive\'s errors, as docutils reports them', () => {
  for (const [option, pattern] of [[':lines: 5-2', /lines/], [':lines: one', /lines/], [':grep: (', /grep/]] as const) {
    const { document } = parse(`.. capture:: ip link\n   ${option}`);
    assert.ok(document.reporter.messages.some((m) => m.level >= 3 && pattern.test(m.message)), option);
  }
});

/** A guide folder with the lab's local bundle as its captures. */
function labGuide(): { content: string; guide: string } {
  const root = temporary('capture-directive');
  const content = join(root, 'content');
  mkdirSync(join(content, 'lab/captures'), { recursive: true });
  cpSync(guideFixture, join(content, 'lab/lab.rst'));
  cpSync(join(labSamples, 'local/allinone'), join(content, 'lab/captures/allinone'), { recursive: true });
  return { content, guide: join(content, 'lab/lab.rst') };
}

test('captureLookup: a command by its words, a namespace by its role, a host that lacks it said', () => {
  const { content } = labGuide();
  cpSync(join(labSamples, 'local/allinone'), join(content, 'lab/captures/node2'), { recursive: true });
  const lookup = captureLookup(join(content, 'lab/captures'), (v) => `missing ${v.command} ${v.host}`);
  const found = lookup({ command: 'ovs-vsctl   show', host: 'node2' });
  assert.ok(found.found && found.host === 'node2' && found.file.endsWith('node2/01-ovs-vsctl-show.txt') && found.firstLine === 2);
  assert.ok(found.found && found.output.startsWith('81ba9e18-'));
  const ambiguous = lookup({ command: 'ovs-vsctl show' });
  assert.ok(ambiguous.found && ambiguous.host === 'allinone' && /captured on allinone, node2/.test(ambiguous.note ?? ''));
  const role = lookup({ command: 'ip netns exec qrouter iptables -t nat -S', host: 'allinone' });
  assert.ok(role.found && role.command.startsWith('ip netns exec qrouter-8c8b3c56') && role.file.endsWith('13-ip-netns-exec-qrouter-iptables-t-nat-s.txt'));
  const missing = lookup({ command: 'ovs-vsctl show', host: 'compute9' });
  assert.ok(!missing.found && /captured on allinone, node2/.test(missing.reason) && missing.placeholder === 'missing ovs-vsctl show compute9');
  const empty = captureLookup(join(content, 'nowhere'), () => 'x')({ command: 'ip link' });
  assert.ok(!empty.found && /there are no captures/.test(empty.reason));
});

test('the topology reads the whole capture of a filtered view, its evidence in the capture file', () => {
  const { guide } = labGuide();
  const run = understand([guide], 'en', { prose: true });
  const ipLink = run.sources.captures.find((c) => c.command === 'ip link')!;
  const file = readFileSync(ipLink.file, 'utf8').replace(/\n$/, '').split('\n');
  assert.ok(ipLink.file.endsWith('captures/allinone/02-ip-link.txt'));
  assert.equal(ipLink.host, 'allinone');
  assert.equal(ipLink.result.lineRoles.length, file.length - 1, 'every output line, not only the :grep: ones');
  assert.ok(ipLink.shownAt && ipLink.shownAt.guideLine === 17);
  const veth = run.topology.explanations.find((e) => e.message.id === 'veth:pair');
  assert.ok(veth, 'the veth pair is explained from the directive\'s captures');
  assert.ok(veth.evidence.some((e) => e.file.endsWith('02-ip-link.txt')));
  assert.deepEqual(run.sources.captures.map((c) => c.command).sort(), ['ip link', 'ip netns exec qrouter-8c8b3c56-4f7a-4b2e-9f3d-2d1e7a6b5c42 iptables -t nat -S', 'ovs-vsctl show']);
});

test('the site: capture blocks on the page, placeholders in both languages, warnings at file:line', async () => {
  const { content } = labGuide();
  const root = join(content, '..');
  const run = await build(root, ['--content', 'content', '--out', 'out']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /content\/lab\/lab\.rst:28:1: warning: capture: no capture of "ip -s link show dev nowhere"/);
  assert.match(run.stderr, /content\/lab\/lab\.rst:32:1: warning: capture: no capture of "ovs-vsctl show" on host "compute9".*captured on allinone/);
  for (const [lang, words] of [['en', /No capture of ovs-vsctl show on host compute9 in lab\/captures/], ['zh', /lab\/captures 中没有主机 compute9 上 ovs-vsctl show 的抓取/]] as const) {
    const html = decode(page(join(root, 'out'), `${lang}/lab`));
    assert.equal((html.match(/<pre class="literal-block capture(?: [^"]*)?"/g) ?? []).length, 3, lang);
    assert.match(html, /<pre class="literal-block capture[^"]*"[^>]*>7: qvo7e2a4a6c-2b@qvb7e2a4a6c-2b/);
    assert.match(html, words);
    assert.doesNotMatch(html, /<pre[^>]*>\s*<\/pre>/, 'no empty block');
  }
  // the capture file is part of the guide: changing it changes the page
  writeFileSync(join(content, 'lab/captures/allinone/01-ovs-vsctl-show.txt'), '$ ovs-vsctl show\nabcdef00-new\n    ovs_version: "9.9.9"\n');
  assert.equal((await build(root, ['--content', 'content', '--out', 'out'])).code, 0);
  assert.match(page(join(root, 'out'), 'en/lab'), /ovs_version: "9\.9\.9"/);
});
