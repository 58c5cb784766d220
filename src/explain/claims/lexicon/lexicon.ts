// The shape of a claim language module: the words by which the author's prose
// says a relation, kept as data (one module per language, as docutils keeps
// its words in language modules). The engine matches them as substrings of a
// lower-cased clause; the order within a list does not matter.

export interface Lexicon {
  lang: 'zh' | 'en';
  /** Clause boundaries inside a sentence (besides `；` and `;`). */
  clauseBreaks: RegExp;
  /** Words that make a clause negative ("no", "没有"). */
  negation: string[];
  /** The host roles, by the words that name them ("the network node", "网络节点"). */
  hostRoles: Record<string, string[]>;
  /** Words for the VM (the guest). */
  vm: string[];
  /** Bridge roles and their words. */
  bridgeRoles: Record<'integration' | 'tunnel' | 'provider' | 'external', string[]>;
  relations: {
    /** A port is in a bridge, an interface in a namespace. */
    member: string[];
    veth: string[];
    patch: string[];
    /** Two things joined (patch, wire, tunnel): "把 A 和 B 连在一起", "connects". */
    join: string[];
    tunnel: string[];
    /** The far end of a tunnel. */
    remoteEnd: string[];
    /** Reaching through hops. */
    reach: string[];
    via: string[];
    /** The legacy "routed to" of the seed's sentence shape. */
    routedTo: string[];
    routed: string[];
    uses: string[];
    tag: string[];
    /** Flow behaviour. */
    change: string[];
    stripVlan: string[];
    setKey: string[];
    drop: string[];
    enter: string[];
    leave: string[];
    table: string[];
    unicast: string[];
    broadcast: string[];
    sendBack: string[];
    flowProcessing: string[];
    address: string[];
    mac: string[];
    route: string[];
    defaultGateway: string[];
    nextHop: string[];
    handedOut: string[];
    /** NAT. */
    snatSource: string[];
    forwarded: string[];
    reachOutside: string[];
    /** Services. */
    serve: string[];
    listen: string[];
    dnsServer: string[];
    /** Apposition: "就是 X", "which is X". */
    isAlso: string[];
    /** On a wire. */
    onWire: string[];
    carries: string[];
    untagged: string[];
    encapsulated: string[];
    answer: string[];
    router: string[];
    sameAs: string[];
  };
}
