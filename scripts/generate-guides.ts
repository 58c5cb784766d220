// Writes N generated network guides into a content folder, each in its own
// folder as the seed is (`<name>/<name>.rst`, a setup
// script it includes): a small VXLAN cloud (scripts/generate-cloud.ts: two
// compute nodes and a network node, two VMs each) and a guide that walks
// through its captures in Chinese and English prose, sections, lists, a table,
// a note, the script highlighted. Odd guides paste the captures into literal
// blocks, as the seed does; even ones keep them in `captures/<host>/` and
// include them (`.. include:: … :literal:`), as bundle-backed guides do.
//
// Usage: node dist/scripts/generate-guides.js CONTENT_DIR [--guides 50] [--seed 1]
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outdirAndNumbers } from './script-args.js';
import { generateCloud } from './generate-cloud.js';
import { type Random, random } from '../src/captures/bench/random.js';

// Sentences name the guide's own devices ({tap}, {qdhcp} …: filled from its captures), as an author's prose does.
const ZH = [
  '计算节点上每个虚拟机都有一个 tap 设备（如 {tap}），它被放进 Linux 网桥 {qbr}，再经 veth 对 {qvb}/{qvo} 接到 br-int。',
  '隧道网桥 br-tun 把本地 VLAN 换成 VXLAN 的 VNI，再从 {vxlan} 这样的端口发往对端主机。',
  '网络节点上，DHCP 服务由命名空间 {qdhcp} 里的 dnsmasq 提供。',
  '路由器在命名空间 {qrouter} 里，{qr} 接租户网络，{qg} 接外部网络，SNAT 在这里发生。',
  '访问 169.254.169.254 的元数据请求被 iptables 的 REDIRECT 规则转到 9697 端口。',
  '安全组规则是 iptables 规则，作用在 {qbr} 这样的网桥上，所以才需要这一层 Linux 网桥。',
  '流表 20 里的条目是 learn 动作学习来的：目的 MAC 对应的隧道端口。',
];
const EN = [
  'Each VM on a compute node has a *tap* device such as ``{tap}``, plugged into the Linux bridge ``{qbr}``, which reaches br-int through the veth pair ``{qvb}``/``{qvo}``.',
  'The tunnel bridge **br-tun** swaps the local VLAN for the network\'s VXLAN VNI and sends the frame out of a port such as ``{vxlan}``.',
  'On the network node, dnsmasq in the namespace ``{qdhcp}`` answers DHCP for the tenant network.',
  'The router lives in the namespace ``{qrouter}``: ``{qr}`` faces the tenant network, ``{qg}`` the external one, and SNAT happens there.',
  'A request to 169.254.169.254 is redirected to port 9697 by an iptables REDIRECT rule in the router\'s namespace.',
  'Security groups are iptables rules on the bridge ``{qbr}``; that is why the hybrid plug adds a Linux bridge at all.',
  'Table 20 of br-tun holds what the learn action learned: which tunnel port leads to which MAC (see `Open vSwitch <https://www.openvswitch.org/>`_).',
];

/** The device and namespace names the sentences use, as they appear in this cloud's captures. */
function namesIn(text: string): Record<string, string> {
  const find = (re: RegExp, fallback: string) => re.exec(text)?.[0] ?? fallback;
  const id = find(/(?<=tap)[0-9a-f]{8}-[0-9a-f]{2}/, '00000000-00');
  return {
    tap: `tap${id}`, qbr: `qbr${id}`, qvb: `qvb${id}`, qvo: `qvo${id}`,
    vxlan: find(/vxlan-[0-9a-f]{8}/, 'vxlan-0a01000b'),
    qdhcp: find(/qdhcp-[0-9a-f-]{36}/, 'qdhcp'), qrouter: find(/qrouter-[0-9a-f-]{36}/, 'qrouter'),
    qr: find(/qr-[0-9a-f]{8}-[0-9a-f]{2}/, 'qr'), qg: find(/qg-[0-9a-f]{8}-[0-9a-f]{2}/, 'qg'),
  };
}

function pick<T>(rand: Random, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function paragraph(rand: Random, lang: 'zh' | 'en', names: Record<string, string>): string {
  const sentences = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(rand, lang === 'zh' ? ZH : EN).replace(/\{(\w+)\}/g, (_, k: string) => names[k] ?? k));
  return lang === 'zh' ? sentences.join('') : wrap(sentences.join(' '));
}

function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length > 76) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function heading(text: string, char: string): string {
  // East Asian characters are two columns wide: underline by display width
  const width = [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return `${text}\n${char.repeat(width)}`;
}

/** Writes one guide folder; returns its size in bytes (text files only). */
function writeGuide(content: string, k: number, seed: number): number {
  const rand = random(seed * 1000 + k);
  const name = `generated-${String(k).padStart(3, '0')}`;
  const dir = join(content, name);
  mkdirSync(dir, { recursive: true });
  const lang = k % 3 === 0 ? 'en' : 'zh';
  const inline = k % 2 === 1;
  const captures = join(dir, 'captures');
  generateCloud(captures, { hosts: 2, vmsPerHost: 2, seed: seed * 1000 + k });
  const everything = readdirSync(captures).filter((h) => !h.endsWith('.json')).flatMap((h) => readdirSync(join(captures, h)).map((f) => readFileSync(join(captures, h, f), 'utf8'))).join('\n');
  const names = namesIn(everything);
  const title = `OpenStack Network - VXLAN ${k}`;
  const out: string[] = [
    heading(title, '='), ':Author: netguide bench <bench@example.org>', `:Version: ${k}.0`, '',
    '.. section-numbering::', '.. contents::', '',
    paragraph(rand, lang, names), '',
    heading(lang === 'zh' ? '准备' : 'Setup', '-'), '', paragraph(rand, lang, names), '',
    '::', '', '    sh setup.sh', '', '.. include:: setup.sh', '    :code: bash', '',
    '.. note::', '', `   ${paragraph(rand, 'en', names).split('\n').join('\n   ')}`, '',
    '+-------------+-----------------+', '| host        | role            |', '+=============+=================+',
    '| compute-001 | compute         |', '+-------------+-----------------+', '| compute-002 | compute         |', '+-------------+-----------------+', '| network-01  | network, DHCP   |', '+-------------+-----------------+', '',
  ];
  for (const host of readdirSync(captures).filter((h) => !h.endsWith('.json')).sort()) {
    out.push(heading(host, '-'), '', paragraph(rand, lang, names), '');
    for (const file of readdirSync(join(captures, host)).sort()) {
      const text = readFileSync(join(captures, host, file), 'utf8');
      const [first, ...rest] = text.split('\n');
      const command = first!.replace(/^\$ /, '');
      if (inline) {
        // nobody pastes an empty block (`ip netns` on a compute node prints nothing)
        if (rest.join('').trim() === '') continue;
        out.push(`\`\`${command}\`\`::`, '', ...rest.filter((l, i) => i < rest.length - 1 || l !== '').map((l) => (l ? `    ${l}` : '')), '');
      } else {
        out.push(`.. include:: captures/${host}/${file}`, '   :literal:', '');
      }
      if (rand() < 0.2) out.push(`- ${paragraph(rand, lang, names).split('\n').join('\n  ')}`, `- ${lang === 'zh' ? '见上面的输出。' : 'See the output above.'}`, '');
    }
  }
  // pasted guides keep no capture files: the text is in the guide
  if (inline) rmSync(captures, { recursive: true, force: true });
  const rst = out.join('\n') + '\n';
  writeFileSync(join(dir, `${name}.rst`), rst);
  const script = `#!/bin/sh\n# create the tenant network of guide ${k}\nneutron net-create net-${k}\nneutron subnet-create net-${k} 10.100.${k % 250}.0/24 --name subnet-${k}\nneutron router-create router-${k}\nneutron router-interface-add router-${k} subnet-${k}\n`;
  writeFileSync(join(dir, 'setup.sh'), script);
  return Buffer.byteLength(rst) + Buffer.byteLength(script);
}

/** Writes `count` guides into `content`; returns their names and total size. */
export function generateGuides(content: string, count: number, seed = 1): { names: string[]; bytes: number } {
  mkdirSync(content, { recursive: true });
  let bytes = 0;
  const names: string[] = [];
  for (let k = 1; k <= count; k++) {
    bytes += writeGuide(content, k, seed);
    names.push(`generated-${String(k).padStart(3, '0')}`);
  }
  return { names, bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { dir, numbers } = outdirAndNumbers(process.argv.slice(2), { guides: 50, seed: 1 });
  if (!dir) {
    console.error('usage: node dist/scripts/generate-guides.js CONTENT_DIR [--guides 50] [--seed 1]');
    process.exit(2);
  }
  const made = generateGuides(dir, numbers.guides, numbers.seed);
  console.log(`${dir}: ${made.names.length} guides, ${(made.bytes / 1e6).toFixed(2)} MB of RST and scripts (captures beside them)`);
}
