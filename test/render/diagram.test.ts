// The topology diagram of the two-host GRE lab bundle: links become wires of
// their kind that end on the boxes they join, and the SVG is the same bytes
// every time.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { labSamples } from '../fixture-paths.js';
import { buildTopology } from '../../src/topology/build.js';
import { readSources } from '../../src/topology/sources.js';
import { diagramGraph, drawDiagram, layoutDiagram, topologyDiagram } from '../../src/render/diagram/index.js';

const bundle = join(labSamples, 'gre');

describe('topology diagram', () => {
  const topology = buildTopology(readSources([bundle]));

  it('should draw one host box per host, each holding its bridges', async () => {
    const graph = diagramGraph(topology);
    assert.deepEqual(graph.roots.map((r) => r.label).sort(), [...new Set(topology.hosts.map((h) => h.name))].sort());
    for (const b of topology.bridges) {
      const host = graph.roots.find((r) => r.label === b.host)!;
      const inside = JSON.stringify(host.children);
      assert.ok(inside.includes(`"label":"${b.name}"`), `${b.host} holds ${b.name}`);
    }
  });

  it('should route every tunnel and patch link as a wire ending on the boxes it joins', async () => {
    const graph = diagramGraph(topology);
    const layout = await layoutDiagram(graph);
    const kinds = new Set(topology.links.map((l) => l.kind));
    for (const kind of ['tunnel', 'patch'] as const) {
      if (!kinds.has(kind)) continue;
      assert.ok(layout.wires.some((w) => w.wire.kind === kind), `a ${kind} wire`);
    }
    const boxes = new Map(layout.boxes.map((b) => [b.box.id, b]));
    const near = (p: { x: number; y: number }, id: string) => {
      const b = boxes.get(id)!;
      return p.x >= b.x - 1 && p.x <= b.x + b.width + 1 && p.y >= b.y - 1 && p.y <= b.y + b.height + 1;
    };
    for (const { wire, points } of layout.wires) {
      assert.ok(points.length >= 2, `${wire.id} routed`);
      const ends = [points[0]!, points[points.length - 1]!];
      assert.ok(ends.some((p) => near(p, wire.source)) && ends.some((p) => near(p, wire.target)), `${wire.id} ends on its boxes`);
    }
  });

  it('should give the same bytes for the same topology', async () => {
    const a = await topologyDiagram(topology, { title: 'gre' });
    const b = drawDiagram(await layoutDiagram(diagramGraph(topology)), { title: 'gre' });
    assert.equal(a, b);
  });
});
