// One topology per guide for the whole build: the topology pages and the guide
// page (whose missing figure shows the drawn diagram) ask for the same guide,
// so the captures are read, joined, explained and laid out once per guide and
// language, not once per page.

import { formatDiagnostic } from '../diagnostics.js';
import { translate } from '../i18n/catalog.js';
import { drawTopology, explainTopology, joinedTopology, type Sources, type Topology } from '../pipeline.js';

export interface GuideTopology {
  sources: Sources;
  topology: Topology;
}

const topologies = new Map<string, Promise<GuideTopology>>();
const diagrams = new Map<string, Promise<string>>();

/**
 * The explained topology of the guide at `source` (a path as evidence should
 * show it, relative to the working folder). Problems reading it are reported
 * once, when it is first built.
 */
export function guideTopology(source: string, report: (line: string) => void): Promise<GuideTopology> {
  let found = topologies.get(source);
  if (!found) {
    found = (async () => {
      const { sources, topology } = joinedTopology([source]);
      for (const problem of sources.problems) report(formatDiagnostic(problem));
      explainTopology(topology, sources.guides);
      return { sources, topology };
    })();
    topologies.set(source, found);
  }
  return found;
}

/** The guide's topology diagram (SVG) with its labels in `lang`. */
export function guideDiagram(name: string, source: string, lang: string, report: (line: string) => void): Promise<string> {
  const key = `${lang}\0${source}`;
  let diagram = diagrams.get(key);
  if (!diagram) {
    diagram = guideTopology(source, report).then(({ topology }) => {
      const words = Object.fromEntries(['host', 'namespace', 'bridge', 'port', 'interface', 'vm', 'veth', 'patch', 'tunnel', 'physical', 'member', 'likely']
        .map((k) => [k, translate(`diagram:${k}`, lang)]));
      return drawTopology(topology, { title: `${translate('Topology', lang)}: ${name}`, words });
    });
    diagrams.set(key, diagram);
  }
  return diagram;
}

/** Forget every cached topology (a rebuild in `--serve` reads the changed captures again). */
export function forgetGuideTopologies(): void {
  topologies.clear();
  diagrams.clear();
}
