// A flow trace in words (zh/en), one line per step, each with the flow it
// rests on as evidence: what `ovs-appctl ofproto/trace` prints, told in the
// guide's languages and with port numbers given their names.

import type { Bilingual, EvidenceRef, Topology } from '../../topology/model.js';
import { actionWords, matchWords, portName } from './flow-words.js';
import type { Trace, TraceStep, Unless } from './model.js';

export interface TraceLine {
  /** 0 for the first table; one more inside each resubmit. */
  depth: number;
  text: Bilingual;
  evidence: EvidenceRef[];
}

function carriedWords(step: { vlan?: number | null; tunnelId?: string }): Bilingual {
  const zh: string[] = [];
  const en: string[] = [];
  if (step.vlan === null) {
    zh.push('不带 VLAN 标签');
    en.push('untagged');
  } else if (step.vlan !== undefined) {
    zh.push(`带 VLAN ${step.vlan}`);
    en.push(`tagged VLAN ${step.vlan}`);
  }
  // tunnel id 0 is "not from or to a tunnel": not worth saying
  if (step.tunnelId !== undefined && BigInt(step.tunnelId) !== 0n) {
    zh.push(`隧道 id ${step.tunnelId}`);
    en.push(`tunnel id ${step.tunnelId}`);
  }
  return zh.length ? { zh: `（${zh.join('，')}）`, en: ` (${en.join(', ')})` } : { zh: '', en: '' };
}

/**
 * The flows that may match instead. Flows of one priority that depend on the
 * same unknown fields (a bridge's learned MACs) are said together, by their values.
 */
/**
 * The reserved ports a packet can be forwarded to, in words: as a step of the
 * trace (`forward as …`) and as the end of the outcome sentence (`sends the packet …`).
 */
const RESERVED: Readonly<Record<string, { step: Bilingual; exit: Bilingual }>> = {
  NORMAL: {
    step: { zh: '按普通二层交换机转发（NORMAL）', en: 'forward as a normal learning switch (NORMAL)' },
    exit: { zh: '按普通二层交换转发（NORMAL）', en: 'on by normal switching (NORMAL)' },
  },
  FLOOD: {
    step: { zh: '泛洪到桥上其他端口（FLOOD）', en: 'flood to the bridge’s other ports (FLOOD)' },
    exit: { zh: '泛洪到其他端口（FLOOD）', en: 'to its other ports (FLOOD)' },
  },
  ALL: {
    step: { zh: '发到桥上其他所有端口（ALL）', en: 'send out of every other port (ALL)' },
    exit: { zh: '发到其他所有端口（ALL）', en: 'to every other port (ALL)' },
  },
  IN_PORT: {
    step: { zh: '从入端口发回（IN_PORT）', en: 'send back out of the port it came in by (IN_PORT)' },
    exit: { zh: '从入端口发回（IN_PORT）', en: 'back out of the port it came in by (IN_PORT)' },
  },
  CONTROLLER: {
    step: { zh: '交给控制器（CONTROLLER）', en: 'send to the controller (CONTROLLER)' },
    exit: { zh: '交给控制器（CONTROLLER）', en: 'to the controller (CONTROLLER)' },
  },
};

/** What a forwarded packet carries, in words. NORMAL adds an access port's tag itself: "untagged" would mislead, so only a tag is said. */
function forwardCarried(step: { vlan?: number | null; tunnelId?: string }): Bilingual {
  return carriedWords(step.vlan === null ? { ...(step.tunnelId === undefined ? {} : { tunnelId: step.tunnelId }) } : step);
}

function unlessWords(topology: Topology, unless: Unless[]): Bilingual {
  if (!unless.length) return { zh: '', en: '' };
  const groups = new Map<string, Unless[]>();
  for (const u of unless) {
    const names = u.fields.map((f) => f.split('=')[0]!).join(',');
    const key = `${u.flow.priority}\u0000${names}`;
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  const zh: string[] = [];
  const en: string[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    if (!first.fields.length) {
      for (const u of group) {
        zh.push(`同优先级 ${u.flow.priority} 的流（${matchWords(topology, u.flow).zh}），OpenFlow 不规定两者谁先`);
        en.push(`the flow of the same priority ${u.flow.priority} that ${matchWords(topology, u.flow).en} (OpenFlow does not say which of the two wins)`);
      }
    } else if (group.length === 1) {
      zh.push(`优先级 ${first.flow.priority} 的流（${matchWords(topology, first.flow).zh}），取决于抓取中不知道的 ${first.fields.join('、')}`);
      en.push(`the priority ${first.flow.priority} flow that ${matchWords(topology, first.flow).en}, which depends on ${first.fields.join(', ')}, not known from the captures`);
    } else {
      const names = [...new Set(group.flatMap((u) => u.fields.map((f) => f.split('=')[0]!)))].join(', ');
      const values = group.map((u) => u.fields.map((f) => f.slice(f.indexOf('=') + 1)).join(' ')).join(', ');
      zh.push(`优先级 ${first.flow.priority} 的 ${group.length} 条流之一（按 ${names} 区分：${values}），取决于抓取中不知道的 ${names}`);
      en.push(`one of ${group.length} priority ${first.flow.priority} flows told apart by ${names} (${values}), which depend on ${names}, not known from the captures`);
    }
  }
  return { zh: `；但也可能命中${zh.join('；或')}`, en: `; unless it matches ${en.join('; or ')}` };
}

function stepWords(topology: Topology, trace: Trace, step: TraceStep): { text: Bilingual; evidence: EvidenceRef[] } {
  const at = { host: trace.host, bridge: trace.bridge };
  switch (step.kind) {
    case 'lookup': {
      const unless = unlessWords(topology, step.unless);
      if (!step.flow) {
        return {
          text: { zh: `表 ${step.table}：没有一定命中的流${unless.zh || '，包被丢弃（table miss）'}`, en: `table ${step.table}: no flow surely matches${unless.en || ', so the packet is dropped (table miss)'}` },
          evidence: step.unless.flatMap((u) => u.flow.evidence),
        };
      }
      const m = matchWords(topology, step.flow);
      return {
        text: { zh: `表 ${step.table}：命中优先级 ${step.flow.priority} 的流（${m.zh}）${unless.zh}`, en: `table ${step.table}: the priority ${step.flow.priority} flow that ${m.en}${unless.en}` },
        evidence: [...step.flow.evidence, ...step.unless.flatMap((u) => u.flow.evidence)],
      };
    }
    case 'set': {
      const w = actionWords(topology, at, step.action);
      const value = step.value === undefined ? { zh: `（${step.field} 的值抓取中不知道）`, en: ` (the value of ${step.field} is not known from the captures)` } : { zh: '', en: '' };
      // a value copied from another field (move) is shown; one the action spells out is not repeated
      const computes = step.action.type === 'move';
      const computed = computes && step.value !== undefined && !step.action.text.includes(step.value) ? { zh: `：${step.field}=${step.value}`, en: `: ${step.field}=${step.value}` } : { zh: '', en: '' };
      return { text: { zh: `${w.zh}${computed.zh}${value.zh}`, en: `${w.en}${computed.en}${value.en}` }, evidence: [] };
    }
    case 'output': {
      const port = portName(topology, at, step.port);
      const carried = carriedWords(step);
      if (step.skipped) {
        return { text: { zh: `${step.action.text}：${port} 正是包进来的端口，OpenFlow 不会从入端口发回，跳过`, en: `${step.action.text}: ${port} is the port the packet came in by, and OpenFlow never sends it back there, so nothing is sent` }, evidence: [] };
      }
      return { text: { zh: `从 ${port} 发出${carried.zh}`, en: `send out of ${port}${carried.en}` }, evidence: [] };
    }
    case 'forward': {
      const carried = forwardCarried(step);
      const w = RESERVED[step.how]?.step ?? { zh: `发到 ${step.how}`, en: `send to ${step.how}` };
      return { text: { zh: `${w.zh}${carried.zh}`, en: `${w.en}${carried.en}` }, evidence: [] };
    }
    case 'learn':
      return { text: actionWords(topology, at, step.action), evidence: [] };
    case 'conntrack': {
      const next = step.table === undefined ? { zh: '', en: '' } : { zh: `；跟踪后的副本在表 ${step.table} 继续（新连接还是已建立，抓取中看不出）`, en: `; the tracked copy goes on in table ${step.table} (new or established, the captures cannot say)` };
      return { text: { zh: `交给连接跟踪 ${step.action.text}${next.zh}`, en: `send to the connection tracker, ${step.action.text}${next.en}` }, evidence: [] };
    }
    case 'other':
      return step.evaluated
        ? { text: { zh: `${step.action.text}：不影响包的去向`, en: `${step.action.text}: no effect on where the packet goes` }, evidence: [] }
        : { text: { zh: `${step.action.text}：追踪不计算这个动作，之后的结果不一定准确`, en: `${step.action.text}: the trace does not evaluate this action, so what follows may differ` }, evidence: [] };
    case 'drop': {
      const why: Record<typeof step.why, Bilingual> = {
        action: { zh: '丢弃（drop）', en: 'drop' },
        miss: { zh: '丢弃', en: 'dropped' },
        'unknown-port': { zh: '输出端口在一个抓取中不知道值的字段里，追踪到此为止', en: 'the output port is held in a field whose value the captures do not give; the trace stops here' },
      };
      return { text: why[step.why], evidence: [] };
    }
    case 'limit':
      return { text: { zh: `resubmit 嵌套超过 OVS 的上限，表 ${step.table} 不再查`, en: `resubmits nest deeper than OVS allows; table ${step.table} is not looked up` }, evidence: [] };
  }
}

/** The trace step by step. A drop right after a table miss is said by the miss itself. */
export function traceLines(topology: Topology, trace: Trace): TraceLine[] {
  const out: TraceLine[] = [];
  trace.steps.forEach((step, i) => {
    const before = trace.steps[i - 1];
    if (step.kind === 'drop' && step.why === 'miss' && before?.kind === 'lookup' && !before.flow) {
      // the lookup's line already says it is dropped, unless a flow that may match does
      if (before.unless.length) out.push({ depth: step.depth, text: { zh: '否则丢弃（table miss）', en: 'otherwise it is dropped (table miss)' }, evidence: [] });
      return;
    }
    out.push({ depth: step.depth, ...stepWords(topology, trace, step) });
  });
  return out;
}

/** How a packet leaves by one exit, for the outcome sentence. */
function exitWords(topology: Topology, trace: Trace, e: Trace['exits'][number]): Bilingual {
  const at = { host: trace.host, bridge: trace.bridge };
  if (e.kind === 'output') {
    const c = carriedWords(e);
    return { zh: `从 ${portName(topology, at, e.port)} 发出${c.zh}`, en: `out of ${portName(topology, at, e.port)}${c.en}` };
  }
  const c = forwardCarried(e);
  const w = RESERVED[e.how]?.exit ?? { zh: `发到 ${e.how}`, en: `to ${e.how}` };
  return { zh: `${w.zh}${c.zh}`, en: `${w.en}${c.en}` };
}

/** Where the packet ends up, in one sentence. */
export function traceOutcome(topology: Topology, trace: Trace): Bilingual {
  if (!trace.exits.length) {
    return trace.certain
      ? { zh: `${trace.bridge} 丢弃这个包`, en: `${trace.bridge} drops the packet` }
      : { zh: `按抓取到的流，${trace.bridge} 不一定会发出这个包`, en: `from the captured flows, ${trace.bridge} may not send the packet anywhere` };
  }
  const exits = trace.exits.map((e) => exitWords(topology, trace, e));
  const maybe = trace.certain ? { zh: '', en: '' } : { zh: '（有的步骤取决于抓取中不知道的字段）', en: ' (some steps depend on fields the captures do not give)' };
  return { zh: `${trace.bridge} 把包${exits.map((x) => x.zh).join('，并')}${maybe.zh}`, en: `${trace.bridge} sends the packet ${exits.map((x) => x.en).join(', and ')}${maybe.en}` };
}
