// Places the boxes and routes the wires with ELK's layered algorithm, the
// whole hierarchy in one pass (host ⊃ namespace ⊃ bridge ⊃ port), orthogonal
// edges. Returns absolute coordinates: ELK gives child positions relative to
// their parent and edge sections relative to the edge's container.

import elkModule from 'elkjs/lib/elk.bundled.js';
import type { ELK as ElkEngine, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Box, DiagramGraph, Wire } from './graph.js';

export interface PlacedBox {
  box: Box;
  x: number;
  y: number;
  width: number;
  height: number;
  depth: number;
}

export interface PlacedWire {
  wire: Wire;
  points: { x: number; y: number }[];
}

export interface DiagramLayout {
  width: number;
  height: number;
  boxes: PlacedBox[];
  wires: PlacedWire[];
}

/** Width of a label in px: wide (CJK) characters count two columns. */
export function textWidth(text: string, charWidth = 7): number {
  let columns = 0;
  for (const ch of text) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return columns * charWidth;
}

const LEAF_HEIGHT = 26;
const LABEL_HEIGHT = 22;

function toElk(box: Box): ElkNode {
  if (box.children.length === 0) {
    return { id: box.id, width: textWidth(box.label) + 20, height: LEAF_HEIGHT };
  }
  return {
    id: box.id,
    // Compound nodes get a minimum size, never `undefined` (ELK crashes on it).
    width: textWidth(box.label) + 24,
    height: LABEL_HEIGHT + 20,
    layoutOptions: {
      'elk.padding': `[top=${LABEL_HEIGHT + 8},left=12,bottom=12,right=12]`,
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      'elk.nodeSize.minimum': `(${textWidth(box.label) + 24}, ${LABEL_HEIGHT + 20})`,
    },
    children: box.children.map(toElk),
  };
}

// elkjs is CommonJS: under NodeNext its default import is the module object.
const ElkConstructor = (elkModule as unknown as { default: new () => ElkEngine }).default;
let elk: ElkEngine | undefined;

export async function layoutDiagram(graph: DiagramGraph): Promise<DiagramLayout> {
  elk ??= new ElkConstructor();
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '16',
      'elk.layered.spacing.nodeNodeBetweenLayers': '28',
      'elk.padding': '[top=8,left=8,bottom=8,right=8]',
      'elk.randomSeed': '1',
    },
    children: graph.roots.map(toElk),
    edges: graph.wires.map((w): ElkExtendedEdge => ({ id: w.id, sources: [w.source], targets: [w.target] })),
  };
  const laid = await elk.layout(root);

  const boxById = new Map<string, Box>();
  const index = (b: Box) => { boxById.set(b.id, b); b.children.forEach(index); };
  graph.roots.forEach(index);

  const boxes: PlacedBox[] = [];
  const origin = new Map<string, { x: number; y: number }>([['root', { x: 0, y: 0 }]]);
  const walk = (node: ElkNode, ox: number, oy: number, depth: number) => {
    for (const child of node.children ?? []) {
      const x = ox + (child.x ?? 0);
      const y = oy + (child.y ?? 0);
      origin.set(child.id, { x, y });
      const box = boxById.get(child.id);
      if (box) boxes.push({ box, x, y, width: child.width ?? 0, height: child.height ?? 0, depth });
      walk(child, x, y, depth + 1);
    }
  };
  walk(laid, 0, 0, 0);

  const wireById = new Map(graph.wires.map((w) => [w.id, w]));
  const wires: PlacedWire[] = [];
  const collectEdges = (node: ElkNode) => {
    for (const edge of node.edges ?? []) {
      const wire = wireById.get(edge.id);
      if (!wire) continue;
      // Sections are relative to the edge's container (ELK sets `container`).
      const container = (edge as ElkExtendedEdge & { container?: string }).container ?? node.id;
      const o = origin.get(container) ?? { x: 0, y: 0 };
      const points = (edge.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint])
        .map((p) => ({ x: o.x + p.x, y: o.y + p.y }));
      wires.push({ wire, points });
    }
    (node.children ?? []).forEach(collectEdges);
  };
  collectEdges(laid);
  wires.sort((a, b) => (a.wire.id < b.wire.id ? -1 : 1));
  return { width: laid.width ?? 0, height: laid.height ?? 0, boxes, wires };
}
