// The diagram and its panel on fixture guides and bundles: the VM's
// tap–bridge–veth chain folds into one box found by links (not names), member
// wires end on their bridge, every box and wire carries what the page's script
// and a screen reader need, host boxes are named as the captures name their
// host (a bundle's folder), and the panel is the same bytes every time.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { parseHTML } from 'linkedom';
import { understand } from '../../src/pipeline.js';
import { endpointAttr, evidenceAnchors } from '../../src/render/anchors.js';
import { vmChains } from '../../src/render/diagram/fold.js';
import { diagramGraph, type Box } from '../../src/render/diagram/graph.js';
import { drawDiagram, layoutDiagram } from '../../src/render/diagram/index.js';
import { diagramPanel } from '../../src/render/diagram/panel.js';
import type { Topology } from '../../src/topology/model.js';
import { seedGuide } from '../fixture-paths.js';

const repo = resolve(import.meta.dirname, '../../..');
const seed = seedGuide;

const boxesOf = (roots: Box[]): Box[] => roots.flatMap((b) => [b, ...boxesOf(b.children)]);
const svgDocument = (svg: string) => parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document;

/** The seed's chain worked out from its links: the VM's tap, the Linux bridge holding it, that bridge's other ports, their veth peers. */
function expectedChain(topology: Topology): string[] {
  const vmLink = topology.links.find((l) => l.kind === 'vm')!;
  const tap = topology.vms.some((v) => v.name === vmLink.a.name) ? vmLink.b : vmLink.a;
  const bridge = topology.bridges.find((b) => b.kind === 'linux' && b.ports.some((p) => p.name === tap.name))!;
  const keys = [endpointAttr(tap), endpointAttr(bridge)];
  for (const p of bridge.ports.filter((p) => p.name !== tap.name)) {
    const at = endpointAttr({ host: bridge.host, netns: bridge.netns, name: p.name });
    keys.push(at);
    for (const l of topology.links.filter((l) => l.kind === 'veth')) {
      if (endpointAttr(l.a) === at) keys.push(endpointAttr(l.b));
      if (endpointAttr(l.b) === at) keys.push(endpointAttr(l.a));
    }
  }
  return keys;
}

describe('diagram', () => {
  const { topology } = understand([seed]);

  it('should fold the VM\'s tap, Linux bridge and veth pair into one box joined to the switch', () => {
    const chains = vmChains(topology);
    assert.equal(chains.length, 1);
    assert.deepEqual(chains[0]!.keys, expectedChain(topology));
    const folded = diagramGraph(topology, { fold: true });
    const boxes = boxesOf(folded.roots);
    const chain = boxes.find((b) => b.kind === 'chain')!;
    assert.deepEqual(chain.keys, chains[0]!.keys);
    for (const key of chain.keys) assert.equal(boxes.filter((b) => b.keys.includes(key)).length, 1, `${key} only in the chain`);
    const vm = boxes.find((b) => b.kind === 'vm')!;
    assert.ok(folded.wires.some((w) => w.kind === 'vm' && [w.source, w.target].includes(vm.id) && [w.source, w.target].includes(chain.id)), 'VM — chain');
    const ovs = boxes.find((b) => b.kind === 'bridge' && folded.wires.some((w) => w.kind === 'member' && w.source === b.id && w.target === chain.id));
    assert.ok(ovs, 'the switch the chain plugs into — chain');
    // the unfolded drawing keeps every device
    const unfolded = boxesOf(diagramGraph(topology).roots);
    for (const key of chain.keys) assert.ok(unfolded.some((b) => b.keys.includes(key) && b.kind !== 'chain'), `${key} drawn unfolded`);
  });

  it('should end a member wire on its bridge, not on the bridge\'s own port of the same name', () => {
    for (const fold of [false, true]) {
      const graph = diagramGraph(topology, { fold });
      const kinds = new Map(boxesOf(graph.roots).map((b) => [b.id, b.kind]));
      for (const w of graph.wires.filter((w) => w.kind === 'member')) {
        const from = topology.links.find((l) => l.kind === 'member' && w.key === `member:${endpointAttr(l.a)}|${endpointAttr(l.b)}`);
        if (from && topology.bridges.some((b) => endpointAttr(b) === endpointAttr(from.a))) assert.equal(kinds.get(w.source), 'bridge', w.id);
      }
    }
  });

  it('should give every box and wire its title, keys and evidence lines, and the figure a title and a description', async () => {
    const graph = diagramGraph(topology);
    const svg = drawDiagram(await layoutDiagram(graph), { title: 'Topology: local', description: 'a description', lang: 'en' });
    const document = svgDocument(svg);
    const root = document.querySelector('svg')!;
    assert.equal(document.getElementById(root.getAttribute('aria-labelledby')!)?.textContent, 'Topology: local');
    assert.equal(document.getElementById(root.getAttribute('aria-describedby')!)?.textContent, 'a description');
    const byId = new Map(boxesOf(graph.roots).map((b) => [b.id, b]));
    const drawn = Array.from(document.querySelectorAll('g.box'));
    assert.equal(drawn.length, byId.size);
    for (const g of drawn) {
      const box = byId.get(g.getAttribute('id')!)!;
      assert.ok(box, g.getAttribute('id')!);
      assert.equal(g.getAttribute('tabindex'), '0');
      assert.ok(g.getAttribute('role'));
      assert.ok(g.getAttribute('aria-label')!.includes(box.label));
      assert.equal(g.getAttribute('data-key'), box.keys.join(' '));
      assert.equal(g.getAttribute('data-lines'), evidenceAnchors(box.evidence).join(' '));
      assert.ok(g.querySelector('title')!.textContent!.includes(box.label));
    }
    for (const g of Array.from(document.querySelectorAll('g.wire'))) {
      assert.ok(byId.has(g.getAttribute('data-source')!) && byId.has(g.getAttribute('data-target')!), g.getAttribute('id')!);
      assert.ok(g.getAttribute('data-lines')!.length > 0);
    }
  });

  it('should name each host box as the captures name the host', () => {
    // a bundle: its folders
    const bundle = join(repo, 'test/fixtures/topology/gre-two-vms/bundle');
    const hosts = diagramGraph(understand([bundle]).topology).roots.map((r) => r.label).sort();
    assert.deepEqual(hosts, ['compute', 'network']);
    // a guide that includes a bundle's files under a section naming no host: the files' folder
    const dir = mkdtempSync(join(tmpdir(), 'netguide-hosts-'));
    cpSync(join(repo, 'test/fixtures/topology/local-isolated-metadata/bundle'), join(dir, 'captures'), { recursive: true });
    writeFileSync(join(dir, 'g.rst'), [
      'A guide', '=======', '', 'Check network', '-------------', '',
      '.. include:: captures/allinone/01-ovs-vsctl-show.txt', '   :literal:', '',
      '``ip link``::', '', '    1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default', '        link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00', '',
    ].join('\n'));
    const guideHosts = diagramGraph(understand([join(dir, 'g.rst')]).topology).roots.map((r) => r.label);
    assert.deepEqual(guideHosts, ['allinone']);
  });

  it('should make the same panel every time, with both drawings, the devices and the walks in the page\'s language', async () => {
    const a = toHtml(await diagramPanel(topology, { lang: 'zh', title: '拓扑: local' }), { allowDangerousHtml: true });
    const b = toHtml(await diagramPanel(understand([seed]).topology, { lang: 'zh', title: '拓扑: local' }), { allowDangerousHtml: true });
    assert.equal(a, b);
    const document = svgDocument(a);
    assert.equal(document.querySelectorAll('.drawing svg').length, 2, 'unfolded and folded');
    assert.ok(document.querySelector('input.fold-toggle#ng-fold-vm-chains') && document.querySelector('label[for="ng-fold-vm-chains"]'));
    assert.equal(document.querySelectorAll('.walks .walk').length, topology.walks.length);
    topology.walks.forEach((w, i) => assert.equal(document.querySelectorAll('.walks .walk')[i]!.querySelectorAll(':scope > ol > li').length, w.steps.length));
    const data = JSON.parse(document.querySelector('script.topology-data')!.textContent!) as { walks: { steps: unknown[] }[]; words: Record<string, string> };
    assert.equal(data.walks.length, topology.walks.length);
    assert.equal(data.words['diagram:walk-next'], '下一步');
    assert.ok(document.querySelector('.legend')!.textContent!.includes('veth 对'));
    const devices = Array.from(document.querySelectorAll('.device-list li[data-node]')).map((li) => li.getAttribute('data-node'));
    assert.deepEqual(devices.sort(), boxesOf(diagramGraph(topology).roots).map((b) => b.id).sort());
  });
});
