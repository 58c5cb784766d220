// Ids and names of the Markdown document's targets (sections, link
// definitions, footnotes), given as docutils gives them so that a Markdown
// guide's anchors are the ones its reStructuredText twin would have:
//
//   ## Check network        → ids="check-network" names="check network"
//   ## 网络节点              → ids="section-1"     names="网络节点"
//   ## B  … ## B            → ids="b" / "b-1", both dupnames="b" (+ an INFO message)
//
// Written here after docutils' `set_id` and `set_duplicate_name_id` (rst's
// Document does the same for the RST reader; this stage may use rst's node
// vocabulary and names only, not its parser's registries).

import type { Nodes } from 'mdast';
import { makeId, normalizeName } from '../rst/names.js';
import { listAttribute, type RstElement } from '../rst/nodes.js';
import { INFO, WARNING, type State } from './state.js';

export class NameRegistry {
  private readonly ids = new Set<string>();
  private readonly counters = new Map<string, number>();
  /** normalized name → the node that holds it (null once it is a duplicate) and whether it was explicit. */
  private readonly names = new Map<string, { node: RstElement | null; explicit: boolean }>();

  constructor(private readonly state: State) {}

  /** True when `id` is taken. */
  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** docutils' set_id with auto_id_prefix `%`: an id from the node's names, else `<name-id>-N` or `<type>-N`. */
  setId(node: RstElement, prefix?: string): string {
    let id = '';
    for (const name of listAttribute(node, 'names')) {
      id = makeId(name);
      if (id && !this.ids.has(id)) {
        this.take(node, id);
        return id;
      }
    }
    const base = id ? `${id}-` : `${prefix ?? makeId(node.type)}-`;
    do {
      const count = (this.counters.get(base) ?? 0) + 1;
      this.counters.set(base, count);
      id = base + count;
    } while (this.ids.has(id));
    this.take(node, id);
    return id;
  }

  /**
   * Give `node` the name `name` (a section's title: implicit; a link
   * definition: explicit) and an id. A name seen before follows docutils:
   * explicit beats implicit, two implicit names both become `dupnames`, and
   * each clash leaves a message, returned for the caller to place.
   */
  name(node: RstElement, name: string, explicit: boolean, at: Nodes): { id: string; messages: RstElement[] } {
    const normalized = normalizeName(name);
    listAttribute(node, 'names').push(normalized);
    const id = this.setId(node);
    const old = this.names.get(normalized);
    if (!old) {
      this.names.set(normalized, { node, explicit });
      return { id, messages: [] };
    }
    const messages: RstElement[] = [];
    const report = (level: number, kind: string) =>
      messages.push(this.state.systemMessage(level, `Duplicate ${kind} target name: "${normalized}".`, at, [], [id]));
    if (explicit && old.explicit) {
      const sameUri = old.node !== null && node.attributes.refuri !== undefined && old.node.attributes.refuri === node.attributes.refuri;
      if (!sameUri && old.node) {
        dupname(old.node, normalized);
        old.node = null;
      }
      report(sameUri ? INFO : WARNING, 'explicit');
      dupname(node, normalized);
      return { id, messages };
    }
    if (explicit) {
      if (old.node) dupname(old.node, normalized);
      this.names.set(normalized, { node, explicit: true });
    } else {
      if (old.node && !old.explicit) {
        dupname(old.node, normalized);
        old.node = null;
      }
      dupname(node, normalized);
    }
    report(INFO, 'implicit');
    return { id, messages };
  }

  private take(node: RstElement, id: string): void {
    this.ids.add(id);
    listAttribute(node, 'ids').push(id);
  }
}

/** Move `name` from the node's names to its dupnames. */
function dupname(node: RstElement, name: string): void {
  const names = listAttribute(node, 'names');
  const at = names.indexOf(name);
  if (at >= 0) names.splice(at, 1);
  listAttribute(node, 'dupnames').push(name);
}
