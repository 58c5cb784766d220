// The document being built and its registries, as docutils' `nodes.document`:
// ids and names of every target, references waiting for resolution, footnotes,
// citations, substitutions and pending transforms. The parser fills these while
// it builds the tree; transforms read them.

import { makeId, normalizeName, whitespaceNormalizeName } from './names.js';
import { element, listAttribute, type RstElement } from './nodes.js';
import { Reporter, Level } from './reporter.js';
import { defaultSettings, type RstSettings } from './settings.js';

export interface PendingTransform {
  node: RstElement;
  /** Name of the transform that will replace the pending node (`contents`, `sectnum` …). */
  transform: string;
  priority: number;
}

export class Document {
  readonly root: RstElement;
  readonly settings: RstSettings;
  readonly reporter: Reporter;

  /** id → node. */
  readonly ids = new Map<string, RstElement>();
  /** normalized name → id (null when the name is a duplicate without a single target). */
  readonly nameIds = new Map<string, string | null>();
  /** normalized name → explicit (true) or implicit (false). */
  readonly nameTypes = new Map<string, boolean>();
  /** refname → reference nodes that use it. */
  readonly refnames = new Map<string, RstElement[]>();
  readonly refids = new Map<string, RstElement[]>();
  readonly indirectTargets: RstElement[] = [];
  readonly anonymousTargets: RstElement[] = [];
  readonly anonymousRefs: RstElement[] = [];
  readonly autofootnotes: RstElement[] = [];
  readonly autofootnoteRefs: RstElement[] = [];
  readonly symbolFootnotes: RstElement[] = [];
  readonly symbolFootnoteRefs: RstElement[] = [];
  readonly footnotes: RstElement[] = [];
  readonly footnoteRefs = new Map<string, RstElement[]>();
  readonly citations: RstElement[] = [];
  readonly citationRefs = new Map<string, RstElement[]>();
  readonly substitutionDefs = new Map<string, RstElement>();
  /** case-insensitive name → canonical substitution name. */
  readonly substitutionNames = new Map<string, string>();
  readonly pending: PendingTransform[] = [];
  /** Files read into this document (includes, csv-table files): for rebuild tracking. */
  readonly dependencies = new Set<string>();

  private readonly idCounters = new Map<string, number>();
  private readonly autoPrefixes = new Map<string, string>();

  constructor(settings: Partial<RstSettings> = {}) {
    this.settings = defaultSettings(settings);
    this.reporter = new Reporter(this.settings.sourceName);
    this.root = element('document', { source: this.settings.sourceName });
  }

  /**
   * Give `node` an id (from its names, else `<prefix>-1`, `<prefix>-2` …) and
   * register it. The prefix is the node's type, or `suggestedPrefix` (the
   * contents transform asks for `toc-entry`), as docutils' set_id does.
   */
  setId(node: RstElement, msgnode?: RstElement, suggestedPrefix = ''): string {
    const ids = listAttribute(node, 'ids');
    if (ids.length > 0) {
      for (const id of ids) {
        if (!this.ids.has(id)) this.ids.set(id, node);
        if (this.ids.get(id) !== node) {
          const msg = this.reporter.severe(`Duplicate ID: "${id}".`);
          if (msgnode) msgnode.children.push(msg);
        }
      }
      return ids[ids.length - 1]!;
    }
    const idPrefix = this.settings.idPrefix;
    const autoPrefix = this.settings.autoIdPrefix;
    let id = '';
    let baseId = '';
    let found = false;
    const names = node.attributes.names;
    for (const name of Array.isArray(names) ? names : []) {
      // With an id prefix, names may start with a digit.
      baseId = idPrefix ? makeId('x' + name).slice(1) : makeId(name);
      id = idPrefix + baseId;
      if (baseId && !this.ids.has(id)) {
        found = true;
        break;
      }
    }
    if (!found) {
      // docutils: auto_id_prefix "%" means "<tagname>-N", or "<name-id>-N" to disambiguate a name.
      let prefix: string;
      if (baseId && autoPrefix.endsWith('%')) prefix = id + '-';
      else prefix = this.autoPrefix(suggestedPrefix || node.type, suggestedPrefix !== '');
      do {
        const count = (this.idCounters.get(prefix) ?? 0) + 1;
        this.idCounters.set(prefix, count);
        id = prefix + count;
      } while (this.ids.has(id));
    }
    ids.push(id);
    this.ids.set(id, node);
    return id;
  }

  /** The prefix of automatic ids for a node type (or a suggested prefix), made once per parse. */
  private autoPrefix(key: string, suggested: boolean): string {
    const cacheKey = suggested ? `suggested:${key}` : key;
    let prefix = this.autoPrefixes.get(cacheKey);
    if (prefix === undefined) {
      prefix = this.settings.idPrefix + this.settings.autoIdPrefix;
      if (prefix.endsWith('%')) prefix = `${prefix.slice(0, -1)}${suggested ? key : makeId(key)}-`;
      this.autoPrefixes.set(cacheKey, prefix);
    }
    return prefix;
  }

  /**
   * Register the names of a target-like node (section, target, footnote …),
   * handling duplicates exactly as docutils' `set_name_id_map` does. The core
   * parser owner refines this to match docutils' duplicate-name rules.
   */
  noteNames(node: RstElement, id: string, msgnode: RstElement | undefined, explicit: boolean): void {
    for (const name of [...listAttribute(node, 'names')]) {
      const normalized = normalizeName(name);
      if (this.nameIds.has(normalized)) {
        this.setDuplicateNameId(node, id, normalized, msgnode, explicit);
      } else {
        this.nameIds.set(normalized, id);
        this.nameTypes.set(normalized, explicit);
      }
    }
  }

  /**
   * A name seen before (docutils' set_duplicate_name_id): explicit beats
   * implicit, two explicit targets both lose the name (unless they are
   * external targets with the same URI: then only an INFO), and every clash
   * leaves a message in `msgnode`.
   */
  protected setDuplicateNameId(
    node: RstElement,
    id: string,
    name: string,
    msgnode: RstElement | undefined,
    explicit: boolean,
  ): void {
    const oldId = this.nameIds.get(name) ?? null;
    const oldExplicit = this.nameTypes.get(name) ?? false;
    this.nameTypes.set(name, oldExplicit || explicit);
    const line = (node.data?.messageLine as number | undefined) ?? node.position?.start.line;
    const report = (level: Level, kind: string) => {
      const msg = this.reporter.systemMessage(level, `Duplicate ${kind} target name: "${name}".`, {
        line,
        attributes: { backrefs: [id] },
      });
      if (msgnode) msgnode.children.push(msg);
    };
    if (explicit) {
      if (oldExplicit) {
        let level = Level.WARNING;
        if (oldId !== null) {
          const old = this.ids.get(oldId);
          const refuri = node.attributes.refuri;
          if (old && refuri !== undefined && listAttribute(old, 'names').length > 0 && old.attributes.refuri === refuri) {
            level = Level.INFO;
          }
          if (level > Level.INFO && old) {
            dupname(old, name);
            this.nameIds.set(name, null);
          }
        }
        report(level, 'explicit');
        dupname(node, name);
      } else {
        this.nameIds.set(name, id);
        if (oldId !== null) {
          const old = this.ids.get(oldId);
          if (old) dupname(old, name);
        }
      }
    } else {
      if (oldId !== null && !oldExplicit) {
        this.nameIds.set(name, null);
        const old = this.ids.get(oldId);
        if (old) dupname(old, name);
      }
      dupname(node, name);
    }
    if (!explicit || (!oldExplicit && oldId !== null)) report(Level.INFO, 'implicit');
  }

  noteImplicitTarget(target: RstElement, msgnode?: RstElement): void {
    const id = this.setId(target, msgnode);
    this.noteNames(target, id, msgnode, false);
  }

  noteExplicitTarget(target: RstElement, msgnode?: RstElement): void {
    const id = this.setId(target, msgnode);
    this.noteNames(target, id, msgnode, true);
  }

  noteRefname(node: RstElement): void {
    push(this.refnames, String(node.attributes.refname), node);
  }

  noteRefid(node: RstElement): void {
    push(this.refids, String(node.attributes.refid), node);
  }

  noteIndirectTarget(target: RstElement): void {
    this.indirectTargets.push(target);
    if (listAttribute(target, 'names').length > 0) this.noteRefname(target);
  }

  noteAnonymousTarget(target: RstElement): void {
    this.setId(target);
    this.anonymousTargets.push(target);
  }

  noteAnonymousRef(ref: RstElement): void {
    this.anonymousRefs.push(ref);
  }

  noteAutofootnote(footnote: RstElement): void {
    this.setId(footnote);
    this.autofootnotes.push(footnote);
  }

  noteAutofootnoteRef(ref: RstElement): void {
    this.setId(ref);
    this.autofootnoteRefs.push(ref);
  }

  noteSymbolFootnote(footnote: RstElement): void {
    this.setId(footnote);
    this.symbolFootnotes.push(footnote);
  }

  noteSymbolFootnoteRef(ref: RstElement): void {
    this.setId(ref);
    this.symbolFootnoteRefs.push(ref);
  }

  noteFootnote(footnote: RstElement): void {
    this.setId(footnote);
    this.footnotes.push(footnote);
  }

  noteFootnoteRef(ref: RstElement): void {
    this.setId(ref);
    push(this.footnoteRefs, String(ref.attributes.refname), ref);
    this.noteRefname(ref);
  }

  noteCitation(citation: RstElement): void {
    this.citations.push(citation);
  }

  noteCitationRef(ref: RstElement): void {
    this.setId(ref);
    push(this.citationRefs, String(ref.attributes.refname), ref);
    this.noteRefname(ref);
  }

  noteSubstitutionDef(definition: RstElement, name: string, msgnode?: RstElement): void {
    const key = whitespaceNormalizeName(name);
    const existing = this.substitutionDefs.get(key);
    if (existing) {
      const msg = this.reporter.error(`Duplicate substitution definition name: "${key}".`, {
        line: definition.position?.start.line,
      });
      if (msgnode) msgnode.children.push(msg);
      const oldNames = listAttribute(existing, 'names');
      const index = oldNames.indexOf(key);
      if (index >= 0) oldNames.splice(index, 1);
      listAttribute(existing, 'dupnames').push(key);
    }
    listAttribute(definition, 'names').push(key);
    this.substitutionDefs.set(key, definition);
    this.substitutionNames.set(normalizeName(key), key);
  }

  noteSubstitutionRef(ref: RstElement, refname: string): void {
    ref.attributes.refname = whitespaceNormalizeName(refname);
  }

  notePending(node: RstElement, transform: string, priority: number): void {
    this.pending.push({ node, transform, priority });
  }
}

/** Move `name` from a node's names to its dupnames (docutils' dupname). */
function dupname(node: RstElement, name: string): void {
  listAttribute(node, 'dupnames').push(name);
  const names = listAttribute(node, 'names');
  const index = names.findIndex((n) => normalizeName(n) === name);
  if (index >= 0) names.splice(index, 1);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
