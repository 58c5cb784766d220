// The shared vocabulary of the capture parsers: what every parser returns, so
// that the topology stage can join any command's facts and so that every line
// of every capture is accounted for (a fact, a header, noise, or not understood).

/** Where a fact came from: 1-based line within the capture text (first line of the output = 1). */
export interface Evidence {
  line: number;
  /** Last line when a fact spans several lines (a wrapped `ip link` entry, a `Port` block). */
  endLine?: number;
}

/**
 * What each line of a capture turned out to be. The per-line roles make the
 * "nothing silently dropped" rule checkable: every line has exactly one role.
 *  - fact: part of a record the parser returned
 *  - header: a column header or banner that carries no fact (`NXST_FLOW reply`, `bridge name …`)
 *  - blank: empty or whitespace only
 *  - noise: recognised as pasted noise (the `grep` line of `ps | grep`, a `# from ip link` note,
 *    a polkit warning) — reported to the reader, but no fact
 *  - unparsed: not understood — always also listed in `unparsed` with a reason
 */
export type LineRole = 'fact' | 'header' | 'blank' | 'noise' | 'unparsed';

export interface Unparsed {
  line: number;
  text: string;
  reason: string;
}

/**
 * Something a reader must know about a capture as a whole, beyond its lines'
 * roles: it is empty, it ends in the middle of a record, it holds control
 * characters, the command failed, or the output is another command's.
 */
export interface CaptureNote {
  /** 1-based output line the note is about; 0 for the capture as a whole (its command). */
  line: number;
  kind: 'empty' | 'truncated' | 'control-characters' | 'command-failed' | 'mislabeled';
  message: string;
}

export interface CaptureResult<T = unknown> {
  /** Parser name, e.g. `ip-link`, `ovs-vsctl-show`. */
  parser: string;
  /** The command as captured (`ip netns exec qrouter-… ip route`). */
  command: string;
  /** Network namespace the command ran in (`ip netns exec NS …`), if any. */
  netns?: string;
  records: T[];
  unparsed: Unparsed[];
  /** One role per line of the input text (after CRLF normalisation). */
  lineRoles: LineRole[];
  /** What is wrong with the capture as a whole (absent when nothing is). */
  notes?: CaptureNote[];
}

/** A parsed command line: argv without `sudo`, the `ip netns exec NS` prefix and the pipe tail. */
export interface CommandLine {
  raw: string;
  argv: string[];
  netns?: string;
  /** Commands after `|`, each as argv (`grep dns`). */
  pipes: string[][];
}

export interface CaptureParser<T = unknown> {
  /** Stable name, used as the JSON `parser` field and for `--cmd` look-up. */
  name: string;
  /** True when this parser understands the output of `cmd`. */
  matches(cmd: CommandLine): boolean;
  parse(text: string, cmd: CommandLine): CaptureResult<T>;
  /**
   * True when no output at all is a real answer (`ip netns` with no namespace,
   * `bridge link` with no port): an empty capture is then not reported.
   */
  mayBeEmpty?: boolean;
}
