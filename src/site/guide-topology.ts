// One topology per guide for the whole build: the topology pages and the guide
// page (whose missing figure shows the drawn diagram) ask for the same guide,
// so the captures are read, joined, explained and laid out once per guide and
// language, not once per page.

import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { dirname } from 'node:path';
import { formatDiagnostic } from '../diagnostics.js';
import { translate } from '../i18n/catalog.js';
import { explainTopology, joinedTopology, topologyPanel, type Sources, type Topology } from '../pipeline.js';
import { lineAnchor } from './guide-pages.js';

export interface GuideTopology {
  sources: Sources;
  topology: Topology;
}

const topologies = new Map<string, Promise<GuideTopology>>();
const panels = new Map<string, Promise<Element>>();

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

/**
 * The guide's diagram panel in `lang` (src/render/diagram/panel.ts): the
 * drawings, the device list and the packet walks, as hast; the guide page and
 * the topology page show the same one.
 */
export function guidePanel(name: string, source: string, lang: string, report: (line: string) => void): Promise<Element> {
  const key = `${lang}\0${source}`;
  let panel = panels.get(key);
  if (!panel) {
    panel = guideTopology(source, report).then(({ topology }) =>
      topologyPanel(topology, { title: `${translate('Topology', lang)}: ${name}`, lang, folder: dirname(source), anchor: lineAnchor }));
    panels.set(key, panel);
  }
  return panel;
}

/** The panel as HTML (the topology page's template shows it as it is). */
export async function guideDiagram(name: string, source: string, lang: string, report: (line: string) => void): Promise<string> {
  return toHtml(await guidePanel(name, source, lang, report), { allowDangerousHtml: true });
}

/** Forget every cached topology (a rebuild in `--serve` reads the changed captures again). */
export function forgetGuideTopologies(): void {
  topologies.clear();
  panels.clear();
}
