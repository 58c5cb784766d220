// Which role a name means in one document. Standard roles are looked up by
// their English names; the `role` directive adds custom roles and
// `default-role` sets the role of `text` without a name — both only for the
// document they appear in (docutils keeps these in a process-wide table; we
// key them by Document so documents never leak into each other).

import type { Document } from '../document.js';
import type { RstElement } from '../nodes.js';
import { canonicalRoles, DEFAULT_ROLE, englishRoleNames } from './standard.js';
import type { RoleDefinition } from './types.js';

const localRoles = new WeakMap<Document, Map<string, RoleDefinition>>();

function rolesOf(document: Document): Map<string, RoleDefinition> {
  let roles = localRoles.get(document);
  if (!roles) {
    roles = new Map();
    localRoles.set(document, roles);
  }
  return roles;
}

/** Register a role under a (case-insensitive) name for this document. */
export function registerRole(document: Document, name: string, role: RoleDefinition): void {
  rolesOf(document).set(name.toLowerCase(), role);
}

/** Set (or, with undefined, reset) the role of interpreted text without a role name. */
export function setDefaultRole(document: Document, role: RoleDefinition | undefined): void {
  if (role) rolesOf(document).set('', role);
  else rolesOf(document).delete('');
}

export interface RoleLookup {
  role?: RoleDefinition;
  /** INFO messages about how the name was resolved (docutils emits them too). */
  messages: RstElement[];
}

/**
 * Resolve a role name: the document's own roles first, then the English names
 * of the standard roles, then the name taken as a canonical name. The empty
 * name is the default role.
 */
export function lookupRole(document: Document, name: string, line?: number): RoleLookup {
  const normalized = name.toLowerCase();
  const roles = rolesOf(document);
  const local = roles.get(normalized);
  if (local) return { role: local, messages: [] };
  const messages: RstElement[] = [];
  let canonical: string;
  if (!name) canonical = DEFAULT_ROLE;
  else {
    const english = englishRoleNames.get(normalized);
    if (english) canonical = english;
    else {
      messages.push(
        document.reporter.info(
          `No role entry for "${name}" in module "docutils.parsers.rst.languages.en".\n` +
            `Trying "${name}" as canonical role name.`,
          { line },
        ),
      );
      canonical = normalized;
    }
  }
  const role = canonicalRoles.get(canonical);
  if (role) {
    roles.set(normalized, role);
    return { role, messages };
  }
  return { messages };
}
