// The claim engine on the two guides written in the seed's style
// (test/fixtures/guides/*/NOTES.md list which bullets are wrong on purpose):
// every bullet gets at least one verdict (none silently skipped), the wrong
// ones are never confirmed, and those the captures can refute are contradicted
// with the capture lines that refute them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explained, repoRoot } from '../topology/fixture-cases.js';

const cases = [
  {
    guide: 'test/fixtures/guides/provider-vlan-guest/guide.rst',
    contradicted: ['eth1 上的包没有 VLAN tag', '网络节点 br-int 里的 VLAN 也是 1', 'VM 访问 169.254.169.254 要经过 qrouter', 'VM 的默认网关是 203.0.113.2'],
    notConfirmed: ['br-int 把从 int-br-eth1 进来的 VLAN 101 的包直接丢掉'],
  },
  {
    guide: 'test/fixtures/guides/vxlan-tcpdump/guide.rst',
    contradicted: ['隧道的另一端是 198.51.100.11', 'br-tun 里没有 flow 处理', 'VXLAN 包的目的端口是 8472', '隧道里的 VNI 是 100'],
    notConfirmed: ['从 vxlan 端口进来的包在 table 2 处理'],
  },
];

for (const c of cases) {
  const cwd = process.cwd();
  process.chdir(repoRoot);
  const topology = (() => {
    try {
      return explained([c.guide]);
    } finally {
      process.chdir(cwd);
    }
  })();
  const claims = topology.findings.filter((f) => f.claim && f.kind !== 'unknown-name');
  const bullets = readFileSync(join(repoRoot, c.guide), 'utf8').split('\n').flatMap((l, i) => (/^\+ /.test(l) ? [{ line: i + 1, text: l.slice(2) }] : []));

  test(`${c.guide}: every bullet has a verdict`, () => {
    assert.ok(bullets.length > 20);
    for (const b of bullets) assert.ok(claims.some((f) => f.claim!.line === b.line), `no verdict for line ${b.line}: ${b.text}`);
  });

  test(`${c.guide}: the wrong bullets are contradicted with capture lines, or at least never confirmed`, () => {
    for (const text of c.contradicted) {
      const found = claims.filter((f) => f.claim!.text.startsWith(text));
      assert.ok(found.some((f) => f.kind === 'contradicted' && f.evidence.length > 0 && f.evidence.every((e) => e.line > 0)), `${text}: ${found.map((f) => f.kind)}`);
    }
    for (const text of c.notConfirmed) {
      const found = claims.filter((f) => f.claim!.text.startsWith(text));
      assert.ok(found.length && found.every((f) => f.kind !== 'confirmed'), `${text}: ${found.map((f) => f.kind)}`);
    }
  });

  test(`${c.guide}: a sentence not understood names what it mentions`, () => {
    for (const f of claims.filter((x) => x.kind === 'not-understood')) {
      assert.ok(f.message.id === 'claim:not-understood-no-names' || (Array.isArray(f.message.values?.['names']) && (f.message.values!['names'] as unknown[]).length > 0));
    }
  });
}
