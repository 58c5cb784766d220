// The ground floor: generated prose as data. A stage that wants to say
// something (a fact's reason, an explanation, a walk step, a finding) makes a
// Message — an id and its values — and never a finished sentence. The words
// live in one gettext catalog per language (src/i18n/locales/<lang>.po, msgid
// = the id), and are put together at the edge (page, CLI, JSON's `text`) by
// src/i18n/messages.ts. Every stage may import this file; it imports nothing.
//
//   msg('veth:pair', { a: 'qvb…', b: 'qvo…', proof: msg('veth:proof-ethtool') })
//   zh.po   msgid "veth:pair"   msgstr "{a} 和 {b} 是一对 veth：…{proof}"
//   en.po   msgid "veth:pair"   msgstr "{a} and {b} are a veth pair: …{proof}"

/**
 * A value of a placeholder: a name, address or number as it is (never
 * translated), another message (said in the same language), or a list of
 * values (joined as the language joins a list: "a, b and c", "a、b和c").
 */
export type MessageValue = string | number | Message | readonly MessageValue[];

export interface Message {
  /** The catalog entry: `<rule or stage>:<what>`, e.g. `veth:pair`, `walk:snat-title`. */
  readonly id: string;
  /** Named placeholders: `{a}` in the catalog's text. `count` also picks a plural form. */
  readonly values?: Readonly<Record<string, MessageValue>>;
}

/** A message with its values (values left out when there are none, so JSON stays small). */
export function msg(id: string, values?: Readonly<Record<string, MessageValue>>): Message {
  return values && Object.keys(values).length > 0 ? { id, values } : { id };
}

/** True for a Message (a value that is said, not shown as it is). */
export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Message).id === 'string';
}

/** Every message id a message uses, itself and those in its values (for coverage checks). */
export function messageIds(message: Message, into: Set<string> = new Set()): Set<string> {
  into.add(message.id);
  const visit = (value: MessageValue): void => {
    if (isMessage(value)) messageIds(value, into);
    else if (Array.isArray(value)) for (const v of value) visit(v);
  };
  for (const value of Object.values(message.values ?? {})) visit(value);
  return into;
}
