// A packet walk as an ordered list, readable without a script: each step its
// place, its text and its evidence, a bridge's trace as a nested list. Each
// step says which device it is at and which lines it rests on (`data-key`,
// `data-lines`), which the step-through reads.

import type { Element } from 'hast';
import { h } from 'hastscript';
import { evidenceSpan } from '../evidence-html.js';
import type { WalkStepView, WalkView } from './view.js';

export function walkList(walk: WalkView, headingLevel = 3): Element {
  return h('div', { className: ['walk'], id: walk.slug, dataWalk: walk.slug }, [
    h(`h${headingLevel}`, { className: ['walk-title'] }, walk.title),
    h('ol', { className: ['walk-steps'] }, walk.steps.map(stepItem)),
  ]);
}

function stepItem(step: WalkStepView): Element {
  return h('li', { dataStep: String(step.n), dataKey: step.key, ...(step.near ? { dataNear: step.near } : {}), dataLines: step.lines.join(' ') }, [
    h('strong', { className: ['at'] }, step.place),
    ': ',
    step.text,
    ...(step.evidence.length > 0 ? [' ', evidenceSpan(step.evidence)] : []),
    ...(step.trace.length > 0
      ? [h('ol', { className: ['trace'] }, step.trace.map((t) =>
          h('li', { className: [`depth-${t.depth}`], style: `--depth: ${t.depth}` }, [t.text, ...(t.evidence.length > 0 ? [' ', evidenceSpan(t.evidence)] : [])])))]
      : []),
  ]);
}
