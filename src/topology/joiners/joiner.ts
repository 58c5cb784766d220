// What a joiner is: the module beside one capture parser (or a few that print
// the same records) that says how its records join the topology — which facts
// they add, with the lines that prove them. Adding a command is adding a
// parser in src/captures/ and its joiner here, listed in index.ts.

import type { RecordsByParser } from '../../captures/registry.js';
import type { Evidence } from '../../captures/types.js';
import type { EvidenceRef } from '../model.js';
import type { SourcedCapture } from '../sources.js';
import type { JoinState } from './state.js';

export type ParserName = keyof RecordsByParser;

/** One capture as a joiner sees it: its records, where it ran, and how a record's line becomes evidence. */
export interface JoinedCapture<R> {
  records: R[];
  host: string;
  /** The namespace the command ran in (`ip netns exec NS …`). */
  netns: string | undefined;
  capture: SourcedCapture;
  /** A record's line as evidence: the file and line a person can open, and the command. */
  ev(e: Evidence | undefined): EvidenceRef[];
}

export interface CaptureJoiner<N extends ParserName = ParserName> {
  /** The parsers (src/captures/registry.ts names) whose records this joiner adds. */
  readonly parsers: readonly N[];
  add(capture: JoinedCapture<RecordsByParser[N]>, state: JoinState): void;
  /** Once every capture is added: the facts that need all of them (a VM's tap link, a process's namespace). */
  finish?(state: JoinState): void;
}

/** A joiner, typed by the parsers it names. */
export function joiner<N extends ParserName>(j: CaptureJoiner<N>): CaptureJoiner<N> {
  return j;
}
