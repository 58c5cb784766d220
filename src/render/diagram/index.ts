// The topology diagram of a guide, drawn at build time: topology → boxes and
// wires → ELK layout → SVG text. Same topology in, same bytes out.

import type { Topology } from '../../topology/model.js';
import { drawDiagram, type DrawOptions } from './draw.js';
import { diagramGraph } from './graph.js';
import { layoutDiagram } from './layout.js';

export { diagramGraph } from './graph.js';
export { layoutDiagram } from './layout.js';
export { drawDiagram, evidenceText } from './draw.js';

export async function topologyDiagram(topology: Topology, options: DrawOptions): Promise<string> {
  return drawDiagram(await layoutDiagram(diagramGraph(topology)), options);
}
