// The names that tie a page together: the id of a capture line (the guide
// page's line in its block and the topology page's row share it, so evidence
// links work on both), and the attribute keys of the diagram's devices.

import type { Endpoint, EvidenceRef } from '../topology/model.js';

/** The id of the element showing line `line` of `file`. */
export const lineAnchor = (file: string, line: number): string => `line-${file.replace(/[^A-Za-z0-9_.-]+/g, '-')}-${line}`;

/** Anchors of every line evidence rests on (a range gives each of its lines), each once, in order. */
export function evidenceAnchors(evidence: readonly EvidenceRef[], anchor: (file: string, line: number) => string = lineAnchor): string[] {
  const out = new Set<string>();
  for (const e of evidence) {
    const last = e.endLine !== undefined && e.endLine >= e.line ? e.endLine : e.line;
    for (let line = e.line; line <= last; line++) out.add(anchor(e.file, line));
  }
  return [...out];
}

/**
 * An endpoint as an attribute value: `host/netns/name`, the namespace empty in
 * the root one. Linux forbids `/` in interface and namespace names, so the key
 * is unambiguous (the model's own key uses NUL, which an attribute cannot hold).
 */
export const endpointAttr = (e: { host: string; netns?: string | undefined; name: string }): string => `${e.host}/${e.netns ?? ''}/${e.name}`;

/** A key for a host or namespace box (`host:compute`, `ns:compute/qdhcp-…`). */
export const scopeAttr = (host: string, netns?: string): string => (netns ? `ns:${host}/${netns}` : `host:${host}`);

export type { Endpoint };
