// Findings on the author's claims: each prose sentence is matched against a
// small table of zh/en patterns; a match becomes one or more claims that a
// checker judges against the topology as confirmed, contradicted or
// unprovable, with evidence. Interface-like names in the prose that no capture
// shows become `unknown-name` findings.

import type { EvidenceRef, Finding, Topology } from '../topology/model.js';
import type { GuideText } from '../topology/sources.js';
import { proseSentences, type ProseSentence } from './claim-text.js';
import { CHECKERS, type ClaimContext } from './claim-checkers.js';
import { namesInTopology } from './claim-names.js';
import { msg } from '../message.js';

interface Pattern {
  checker: keyof typeof CHECKERS;
  re: RegExp;
  /** The match groups a checker takes; a pattern may yield several claims. */
  claims(m: RegExpExecArray): string[][];
}

const N = '([\\w.:/<>-]+)';
const one = (m: RegExpExecArray) => [m.slice(1)];

// Order matters: the more specific sentence shapes come first.
export const PATTERNS: Pattern[] = [
  { checker: 'veth', re: new RegExp(`${N}\\s*(?:和|与|跟)\\s*${N}\\s*是一对\\s*veth`, 'i'), claims: one },
  { checker: 'veth', re: new RegExp(`${N}\\s+and\\s+${N}\\s+(?:are|form)\\s+a\\s+veth\\s+pair`, 'i'), claims: one },
  { checker: 'routesTo', re: new RegExp(`${N}\\s*通过\\s*${N}\\s*[,，、]\\s*${N}\\s*路由到\\s*${N}`), claims: one },
  { checker: 'routesTo', re: new RegExp(`${N}\\s+is\\s+routed\\s+to\\s+${N}\\s+(?:through|via)\\s+${N}\\s*,?\\s*(?:and\\s+)?${N}`, 'i'), claims: (m) => [[m[1]!, m[3]!, m[4]!, m[2]!]] },
  { checker: 'routed', re: new RegExp(`${N}\\s*(?:和|与)\\s*${N}\\s*两个接口被路由`), claims: one },
  { checker: 'routed', re: new RegExp(`${N}\\s+and\\s+${N}\\s+are\\s+routed`, 'i'), claims: one },
  { checker: 'inBridge', re: new RegExp(`${N}\\s*(?:和|与)\\s*${N}\\s*(?:都)?在(?:桥|网桥)?\\s*${N}\\s*(?:里|中|上)`), claims: (m) => [[m[1]!, m[3]!], [m[2]!, m[3]!]] },
  { checker: 'inBridge', re: new RegExp(`${N}\\s+and\\s+${N}\\s+are\\s+(?:in|on|attached\\s+to)\\s+(?:the\\s+)?(?:bridge\\s+)?${N}`, 'i'), claims: (m) => [[m[1]!, m[3]!], [m[2]!, m[3]!]] },
  { checker: 'inBridge', re: new RegExp(`^${N}\\s*在(?:桥|网桥)?\\s*${N}\\s*(?:里|中|上)`), claims: one },
  { checker: 'inBridge', re: new RegExp(`^${N}\\s+is\\s+(?:in|on|attached\\s+to)\\s+(?:the\\s+)?(?:bridge\\s+)?${N}`, 'i'), claims: one },
  { checker: 'vmUses', re: new RegExp(`(?:VM|虚拟机)\\s*使用(?:接口)?\\s*${N}`, 'i'), claims: one },
  { checker: 'vmUses', re: new RegExp(`(?:the\\s+)?VM\\s+uses\\s+(?:the\\s+)?(?:interface\\s+)?${N}`, 'i'), claims: one },
  { checker: 'dhcpOn', re: new RegExp(`${N}\\s*接口上是\\s*DHCP\\s*服务`, 'i'), claims: one },
  { checker: 'dhcpOn', re: new RegExp(`DHCP\\s+(?:service|server)\\s+(?:is\\s+|runs\\s+)?on\\s+(?:the\\s+)?(?:interface\\s+)?${N}`, 'i'), claims: one },
  { checker: 'forward', re: /访问\s*([\d.]+):(\d+)\s*(?:将)?被(?:转发|重定向)到\s*([\d.]+):(\d+)/, claims: one },
  { checker: 'forward', re: /(?:requests?|access|traffic)\s+to\s+([\d.]+):(\d+)\s+(?:is|are)\s+(?:forwarded|redirected)\s+to\s+([\d.]+):(\d+)/i, claims: one },
  { checker: 'snat', re: /从\s*([\d./]+)\s*出发的包[，,]?\s*源地址变成\s*([\d.]+)/, claims: one },
  { checker: 'snat', re: /packets\s+from\s+([\d./]+)\s+.*?source\s+(?:address\s+)?(?:becomes|is\s+rewritten\s+to|changes\s+to)\s+([\d.]+)/i, claims: one },
  { checker: 'reachOutside', re: /(?:VM|虚拟机)\s*通过(?:地址转换|NAT|SNAT)\s*可以访问外网/i, claims: () => [[]] },
  { checker: 'reachOutside', re: /VMs?\s+can\s+reach\s+the\s+(?:outside|internet)\s+(?:through|via)\s+(?:NAT|SNAT|address\s+translation)/i, claims: () => [[]] },
  { checker: 'metadataPort', re: /(\d+)\s*端口是\s*Neutron\s+Metadata/i, claims: one },
  { checker: 'metadataPort', re: /port\s+(\d+)\s+is\s+(?:the\s+)?Neutron\s+metadata/i, claims: one },
  { checker: 'noFlow', re: /不做\s*flow\s*处理/i, claims: () => [[]] },
  { checker: 'noFlow', re: /no\s+flow\s+processing/i, claims: () => [[]] },
];

export function checkClaims(topology: Topology, guides: GuideText[]): Finding[] {
  const findings: Finding[] = [];
  const known = namesInTopology(topology);
  for (const guide of guides) {
    const sentences = proseSentences(guide);
    let previousClaimLine = 0;
    for (const sentence of sentences) {
      const matched = claimsOf(sentence);
      for (const { checker, args } of matched) {
        const context: ClaimContext = { topology, file: guide.file, line: sentence.line, since: previousClaimLine };
        const verdict = CHECKERS[checker](context, args);
        findings.push({
          kind: verdict.kind,
          claim: { text: sentence.text, file: sentence.file, line: sentence.line },
          message: verdict.message,
          evidence: verdict.evidence,
        });
      }
      if (matched.length) previousClaimLine = sentence.line;
      findings.push(...unknownNames(sentence, known));
    }
  }
  return findings;
}

function claimsOf(sentence: ProseSentence): { checker: keyof typeof CHECKERS; args: string[] }[] {
  for (const pattern of PATTERNS) {
    const m = pattern.re.exec(sentence.text);
    if (m) return pattern.claims(m).map((args) => ({ checker: pattern.checker, args }));
  }
  return [];
}

// Neutron/OVS interface-like names; `qr-XXX` style placeholders are not names.
const NAME_RE = /(?<![\w-])(?:qvo|qvb|qbr|tap|qr-|qg-|br-|patch-|gre-|vxlan-|qdhcp-|qrouter-)[\w-]*/g;
export const isPlaceholder = (name: string): boolean => /x{2,}|<|\.\.\./i.test(name) || /^(?:qvo|qvb|qbr|tap|qr-|qg-|br-|patch-|gre-|vxlan-)$/.test(name);

function unknownNames(sentence: ProseSentence, known: Set<string>): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const m of sentence.text.matchAll(NAME_RE)) {
    const name = m[0].replace(/[-.]+$/, '');
    if (seen.has(name) || isPlaceholder(name) || known.has(name)) continue;
    seen.add(name);
    const evidence: EvidenceRef[] = [{ file: sentence.file, line: sentence.line }];
    out.push({
      kind: 'unknown-name',
      claim: { text: sentence.text, file: sentence.file, line: sentence.line },
      message: msg('claim:unknown-name', { name }),
      evidence,
    });
  }
  return out;
}
