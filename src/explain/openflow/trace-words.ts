// A flow trace in words, one line per step, each with the flow it rests on as
// evidence: what `ovs-appctl ofproto/trace` prints, said as messages (trace:*)
// with port numbers given their names.

import type { EvidenceRef, Topology } from '../../topology/model.js';
import { isMessage, msg, type Message, type MessageValue } from '../../message.js';
import { actionWords, matchWords, portName } from './flow-words.js';
import type { Trace, TraceStep, Unless } from './model.js';

export interface TraceLine {
  /** 0 for the first table; one more inside each resubmit. */
  depth: number;
  message: Message;
  evidence: EvidenceRef[];
}

/** What the packet carries as it leaves (`(tagged VLAN 2, tunnel id 0x2a)`), or nothing worth saying. */
function carriedWords(step: { vlan?: number | null; tunnelId?: string }): MessageValue {
  const what: Message[] = [];
  if (step.vlan === null) what.push(msg('trace:untagged'));
  else if (step.vlan !== undefined) what.push(msg('trace:tagged', { vlan: step.vlan }));
  // tunnel id 0 is "not from or to a tunnel": not worth saying
  if (step.tunnelId !== undefined && BigInt(step.tunnelId) !== 0n) what.push(msg('trace:tunnel-id', { id: step.tunnelId }));
  return what.length ? msg('trace:carrying', { what }) : '';
}

/**
 * The reserved ports a packet can be forwarded to, in words: as a step of the
 * trace (`forward as …`) and as the end of the outcome sentence (`sends the packet …`).
 */
const RESERVED: Readonly<Record<string, { step: Message; exit: Message }>> = {
  NORMAL: { step: msg('action:normal'), exit: msg('trace:exit-normal') },
  FLOOD: { step: msg('trace:flood'), exit: msg('trace:exit-flood') },
  ALL: { step: msg('trace:all'), exit: msg('trace:exit-all') },
  IN_PORT: { step: msg('trace:in-port'), exit: msg('trace:exit-in-port') },
  CONTROLLER: { step: msg('trace:controller'), exit: msg('trace:exit-controller') },
};

/** What a forwarded packet carries, in words. NORMAL adds an access port's tag itself: "untagged" would mislead, so only a tag is said. */
function forwardCarried(step: { vlan?: number | null; tunnelId?: string }): MessageValue {
  return carriedWords(step.vlan === null ? { ...(step.tunnelId === undefined ? {} : { tunnelId: step.tunnelId }) } : step);
}

/**
 * The flows that may match instead. Flows of one priority that depend on the
 * same unknown fields (a bridge's learned MACs) are said together, by their values.
 */
function unlessWords(topology: Topology, unless: Unless[]): MessageValue {
  if (!unless.length) return '';
  const groups = new Map<string, Unless[]>();
  for (const u of unless) {
    const names = u.fields.map((f) => f.split('=')[0]!).join(',');
    const key = `${u.flow.priority}\u0000${names}`;
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  const flows: Message[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    if (!first.fields.length) {
      for (const u of group) flows.push(msg('trace:unless-same-priority', { priority: u.flow.priority, match: matchWords(topology, u.flow) }));
    } else if (group.length === 1) {
      flows.push(msg('trace:unless-flow', { priority: first.flow.priority, match: matchWords(topology, first.flow), fields: first.fields }));
    } else {
      flows.push(msg('trace:unless-one-of', {
        count: group.length,
        priority: first.flow.priority,
        fields: [...new Set(group.flatMap((u) => u.fields.map((f) => f.split('=')[0]!)))],
        values: group.map((u) => msg('trace:field-values', { values: u.fields.map((f) => f.slice(f.indexOf('=') + 1)) })),
      }));
    }
  }
  return msg('trace:unless', { flows });
}

function stepWords(topology: Topology, trace: Trace, step: TraceStep): { message: Message; evidence: EvidenceRef[] } {
  const at = { host: trace.host, bridge: trace.bridge };
  switch (step.kind) {
    case 'lookup': {
      const unless = unlessWords(topology, step.unless);
      if (!step.flow) {
        return { message: msg('trace:no-sure-match', { table: step.table, unless: unless || msg('trace:table-miss') }), evidence: step.unless.flatMap((u) => u.flow.evidence) };
      }
      return {
        message: msg('trace:lookup', { table: step.table, priority: step.flow.priority, match: matchWords(topology, step.flow), unless }),
        evidence: [...step.flow.evidence, ...step.unless.flatMap((u) => u.flow.evidence)],
      };
    }
    case 'set': {
      // a value copied from another field (move) is shown; one the action spells out is not repeated
      const computed = step.action.type === 'move' && step.value !== undefined && !step.action.text.includes(step.value);
      return {
        message: msg('trace:set', {
          action: actionWords(topology, at, step.action),
          computed: computed ? msg('trace:computed-value', { field: step.field, value: step.value! }) : '',
          unknown: step.value === undefined ? msg('trace:value-unknown', { field: step.field }) : '',
        }),
        evidence: [],
      };
    }
    case 'output': {
      const port = portName(topology, at, step.port);
      if (step.skipped) return { message: msg('trace:not-back-to-in-port', { action: step.action.text, port }), evidence: [] };
      return { message: msg('trace:send-out', { port, carrying: carriedWords(step) }), evidence: [] };
    }
    case 'forward':
      return { message: msg('trace:forward', { how: RESERVED[step.how]?.step ?? msg('trace:send-to', { port: step.how }), carrying: forwardCarried(step) }), evidence: [] };
    case 'learn': {
      const words = actionWords(topology, at, step.action);
      return { message: isMessage(words) ? words : msg('trace:action', { action: words }), evidence: [] };
    }
    case 'conntrack':
      return {
        message: msg('trace:conntrack', { action: step.action.text, next: step.table === undefined ? '' : msg('trace:conntrack-next', { table: step.table }) }),
        evidence: [],
      };
    case 'other':
      return { message: msg(step.evaluated ? 'trace:no-effect' : 'trace:not-evaluated', { action: step.action.text }), evidence: [] };
    case 'drop': {
      const why: Record<typeof step.why, Message> = {
        action: msg('trace:drop'),
        miss: msg('trace:dropped'),
        'unknown-port': msg('trace:output-port-unknown'),
      };
      return { message: why[step.why], evidence: [] };
    }
    case 'limit':
      return { message: msg('trace:resubmit-limit', { table: step.table }), evidence: [] };
  }
}

/** The trace step by step. A drop right after a table miss is said by the miss itself. */
export function traceLines(topology: Topology, trace: Trace): TraceLine[] {
  const out: TraceLine[] = [];
  trace.steps.forEach((step, i) => {
    const before = trace.steps[i - 1];
    if (step.kind === 'drop' && step.why === 'miss' && before?.kind === 'lookup' && !before.flow) {
      // the lookup's line already says it is dropped, unless a flow that may match does
      if (before.unless.length) out.push({ depth: step.depth, message: msg('trace:otherwise-dropped'), evidence: [] });
      return;
    }
    out.push({ depth: step.depth, ...stepWords(topology, trace, step) });
  });
  return out;
}

/** How a packet leaves by one exit, for the outcome sentence. */
function exitWords(topology: Topology, trace: Trace, e: Trace['exits'][number]): Message {
  const at = { host: trace.host, bridge: trace.bridge };
  if (e.kind === 'output') return msg('trace:exit-out-of', { port: portName(topology, at, e.port), carrying: carriedWords(e) });
  return msg('trace:forward', { how: RESERVED[e.how]?.exit ?? msg('trace:exit-to', { port: e.how }), carrying: forwardCarried(e) });
}

/** Where the packet ends up, in one sentence. */
export function traceOutcome(topology: Topology, trace: Trace): Message {
  if (!trace.exits.length) return msg(trace.certain ? 'trace:drops' : 'trace:may-send-nowhere', { bridge: trace.bridge });
  return msg('trace:sends', {
    bridge: trace.bridge,
    exits: trace.exits.map((e) => exitWords(topology, trace, e)),
    uncertain: trace.certain ? '' : msg('trace:uncertain'),
  });
}
