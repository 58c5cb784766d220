// The diagram panel a page shows for a guide: the topology drawn at build time
// (and, when the guide has VMs plugged in through a Linux bridge and a veth
// pair, a second drawing with each such chain folded into one box, switched by
// a checkbox that needs no script), its legend, every device in a list with
// the lines that prove it (what a tap or a screen reader reaches without a
// script), and the packet walks as ordered lists beside it. Its data for the
// page's script (the walks, the labels) is a JSON <script>; the script
// (_includes/assets/diagram.js) adds zoom and pan, highlighting and the
// step-through, and works on whatever page holds a panel.

import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Topology } from '../../topology/model.js';
import { evidenceLinks, type EvidenceOptions } from '../evidence.js';
import { evidenceSpan } from '../evidence-html.js';
import { walkList } from '../walks/list.js';
import { walkViews, type WalkView } from '../walks/view.js';
import { ui } from '../words.js';
import { drawDiagram } from './draw.js';
import { vmChains } from './fold.js';
import { diagramGraph, type Box, type DiagramGraph } from './graph.js';
import { layoutDiagram } from './layout.js';

export interface PanelOptions extends EvidenceOptions {
  lang: string;
  /** The figure's accessible name (`Topology: local`). */
  title: string;
  /** Level of the panel's own headings (walks). */
  headingLevel?: number;
}

const BOX_KINDS = ['host', 'namespace', 'bridge', 'port', 'interface', 'vm', 'chain'] as const;
const WIRE_KINDS = ['veth', 'patch', 'tunnel', 'physical', 'member', 'vm'] as const;
/** Words a box's details may use (graph.ts): a Linux bridge, and the roles of hosts and namespaces (topology/build.ts). */
const DETAIL_WORDS = ['linux-bridge', ...['compute', 'network', 'controller', 'allinone', 'storage', 'router', 'dhcp', 'snat', 'floating-ip', 'load-balancer', 'qos'].map((r) => `role-${r}`)];

/** Words for kinds of boxes and wires in `lang` (`diagram:bridge` → 网桥). */
export function diagramWords(lang: string): Record<string, string> {
  return Object.fromEntries([...BOX_KINDS, ...WIRE_KINDS, 'likely', ...DETAIL_WORDS].map((k) => [k, ui(`diagram:${k}`, lang)]));
}

/** The <desc>: how many of each, and that each element names its lines. */
function description(graph: DiagramGraph, lang: string): string {
  const count = { host: 0, namespace: 0, bridge: 0, devices: 0 };
  const visit = (b: Box) => {
    if (b.kind === 'host' || b.kind === 'namespace' || b.kind === 'bridge') count[b.kind]++;
    else count.devices++;
    b.children.forEach(visit);
  };
  graph.roots.forEach(visit);
  return ui('diagram:desc', lang, { hosts: count.host, namespaces: count.namespace, bridges: count.bridge, devices: count.devices, wires: graph.wires.length });
}

/** Layouts by topology and drawing: the same in every language (labels are names), so made once per guide. */
const layouts = new WeakMap<Topology, Map<boolean, ReturnType<typeof layoutDiagram>>>();
function layoutOf(topology: Topology, fold: boolean, graph: DiagramGraph): ReturnType<typeof layoutDiagram> {
  let known = layouts.get(topology);
  if (!known) layouts.set(topology, (known = new Map()));
  let layout = known.get(fold);
  if (!layout) known.set(fold, (layout = layoutDiagram(graph)));
  return layout;
}

/** The panel as a hast element (`<section class="topology-panel">`). */
export async function diagramPanel(topology: Topology, options: PanelOptions): Promise<Element> {
  const { lang } = options;
  const words = diagramWords(lang);
  const evidence = { ...(options.folder !== undefined ? { folder: options.folder } : {}), ...(options.anchor ? { anchor: options.anchor } : {}) };
  const draw = { title: options.title, words, lang, ...(options.anchor ? { anchor: options.anchor } : {}) };

  const unfolded = diagramGraph(topology);
  const hasFold = vmChains(topology).length > 0;
  const folded = hasFold ? diagramGraph(topology, { fold: true }) : unfolded;
  const drawings: ElementContent[] = [
    h('div', { className: ['drawing', 'unfolded'] }, [raw(drawDiagram(await layoutOf(topology, false, unfolded), { ...draw, description: description(unfolded, lang) }))]),
  ];
  if (hasFold) {
    drawings.push(h('div', { className: ['drawing', 'folded'] }, [
      raw(drawDiagram(await layoutOf(topology, true, folded), { ...draw, title: `${options.title} (${ui('diagram:folded', lang)})`, description: description(folded, lang), idPrefix: 'folded-' })),
    ]));
  }
  const walks = walkViews(topology, lang, evidence);
  const level = options.headingLevel ?? 2;

  return h('section', { className: ['topology-panel'], dataTopologyPanel: '' }, [
    h('figure', { className: ['diagram'] }, [
      ...(hasFold
        ? [
            h('input', { type: 'checkbox', id: 'ng-fold-vm-chains', className: ['fold-toggle'] }),
            h('label', { htmlFor: 'ng-fold-vm-chains', className: ['fold-label'] }, ui('diagram:fold', lang)),
          ]
        : []),
      h('div', { className: ['drawings'] }, drawings),
      h('figcaption', [
        h('span', { className: ['hint'] }, ui('diagram:hint', lang)),
        ' ',
        legend(unfolded, hasFold, words, lang),
      ]),
      deviceList(unfolded, words, lang, evidence),
    ]),
    walksSection(walks, lang, level),
    h('script', { type: 'application/json', className: ['topology-data'] }, jsonText({ words: scriptWords(lang), walks })),
  ]);
}

/** The kinds of wire the drawing has, each as a short stroke, and what dashed means. */
function legend(graph: DiagramGraph, hasFold: boolean, words: Record<string, string>, lang: string): Element {
  const kinds = WIRE_KINDS.filter((k) => graph.wires.some((w) => w.kind === k));
  const stroke = () => h('svg', { width: 28, height: 8, ariaHidden: 'true' }, [h('path', { d: 'M0,4L28,4' })]);
  return h('span', { className: ['legend'] }, [
    h('span', { className: ['legend-title'] }, `${ui('Legend', lang)}:`),
    ...kinds.flatMap((k) => [' ', h('span', { className: ['wire-key', k] }, [stroke(), ` ${words[k]}`])]),
    ...(graph.wires.some((w) => w.likely) ? [' ', h('span', { className: ['wire-key', 'likely'] }, [stroke(), ` ${ui('dashed: likely (the captures only suggest it; hover over it for why)', lang)}`])] : []),
    ...(hasFold ? [' ', h('span', { className: ['box-key', 'chain'] }, [h('span', { className: ['swatch'], ariaHidden: 'true' }), ` ${words.chain}`])] : []),
  ]);
}

/** Every box as a nested list, each with its evidence: the diagram's content without a picture. */
function deviceList(graph: DiagramGraph, words: Record<string, string>, lang: string, evidence: EvidenceOptions): Element {
  const item = (b: Box): Element =>
    h('li', { id: `device-${b.id}`, dataNode: b.id }, [
      h('span', { className: ['kind'] }, words[b.kind] ?? b.kind),
      ' ',
      h('a', { href: `#${b.id}`, className: ['device-name'] }, b.label),
      ...(b.detail.length > 0 ? [' ', h('span', { className: ['detail'] }, `(${b.detail.map((d) => (typeof d === 'string' ? d : words[d.word] ?? d.word)).join(', ')})`)] : []),
      ...(b.evidence.length > 0 ? [' ', evidenceSpan(evidenceLinks(b.evidence, evidence))] : []),
      ...(b.children.length > 0 ? [h('ul', b.children.map(item))] : []),
    ]);
  return h('details', { className: ['device-list'] }, [h('summary', ui('diagram:devices', lang)), h('ul', graph.roots.map(item))]);
}

function walksSection(walks: WalkView[], lang: string, level: number): Element {
  return h('section', { className: ['walks'], ariaLabelledby: 'ng-packet-walks' }, [
    h(`h${level}`, { id: 'ng-packet-walks' }, ui('Packet walks', lang)),
    ...(walks.length > 0 ? walks.map((w) => walkList(w, level + 1)) : [h('p', ui('No packet walks for this guide yet.', lang))]),
  ]);
}

/** The labels the script shows, in the page's language. */
function scriptWords(lang: string): Record<string, string> {
  const ids = ['diagram:walk-choose', 'diagram:walk-previous', 'diagram:walk-next', 'diagram:walk-position', 'diagram:walk-keys', 'diagram:zoom-in', 'diagram:zoom-out', 'diagram:zoom-reset', 'diagram:close', 'copy', 'copied'];
  return Object.fromEntries(ids.map((id) => [id, ui(id, lang)]));
}

/** JSON safe inside <script>: no `</script>`, no `<!--`. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function raw(html: string): ElementContent {
  return { type: 'raw', value: html } as unknown as ElementContent;
}
