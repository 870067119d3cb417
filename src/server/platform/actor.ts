import type { Kysely } from 'kysely';
import type { DataScope, DB, FieldRule } from './db-schema.js';
import type { Locale } from './i18n.js';

/** Who is making a request, with everything authorization needs, resolved once per request. */
export type Actor = {
  orgId: string;
  userId: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  locale: Locale;
  permissions: ReadonlySet<string>;
  /** Per resource, the widest scope any of the actor's roles grants. */
  scopes: Readonly<Record<string, DataScope>>;
  /** Per maskable field, the most permissive rule any role grants. */
  fieldRules: Readonly<Record<string, FieldRule>>;
  roleCodes: readonly string[];
  sessionId?: string;
  tokenId?: string;
  ip: string;
};

const SCOPE_RANK: Record<DataScope, number> = { self: 0, department: 1, subtree: 2, all: 3 };
const RULE_RANK: Record<FieldRule, number> = { hide: 0, mask: 1, show: 2 };

export function mergeRoles(roles: { permissions: string[]; scopes: Record<string, DataScope>; field_rules: Record<string, FieldRule> }[]) {
  const permissions = new Set<string>();
  const scopes: Record<string, DataScope> = {};
  const fieldRules: Record<string, FieldRule> = {};
  for (const role of roles) {
    for (const p of role.permissions) permissions.add(p);
    for (const [res, scope] of Object.entries(role.scopes ?? {})) {
      if (!scopes[res] || SCOPE_RANK[scope] > SCOPE_RANK[scopes[res]]) scopes[res] = scope;
    }
    for (const [field, rule] of Object.entries(role.field_rules ?? {})) {
      if (!fieldRules[field] || RULE_RANK[rule] > RULE_RANK[fieldRules[field]]) fieldRules[field] = rule;
    }
  }
  return { permissions, scopes, fieldRules };
}

/** Loads a user's actor; null when the user is missing or disabled. */
export async function loadActor(
  db: Kysely<DB>,
  orgId: string,
  userId: string,
  extra: { ip: string; sessionId?: string; tokenId?: string; tokenScopes?: string[] },
): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'org_id', 'username', 'display_name', 'department_id', 'locale', 'status'])
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.status !== 'active') return null;
  const roles = await db
    .selectFrom('user_roles')
    .innerJoin('roles', (j) => j.onRef('roles.org_id', '=', 'user_roles.org_id').onRef('roles.id', '=', 'user_roles.role_id'))
    .select(['roles.code', 'roles.permissions', 'roles.scopes', 'roles.field_rules'])
    .where('user_roles.org_id', '=', orgId)
    .where('user_roles.user_id', '=', userId)
    .execute();
  const merged = mergeRoles(roles);
  let permissions = merged.permissions;
  if (extra.tokenScopes && extra.tokenScopes.length > 0) {
    // A scoped token can only narrow what its owner may do.
    permissions = new Set(extra.tokenScopes.filter((p) => merged.permissions.has(p)));
  }
  return {
    orgId,
    userId,
    username: user.username,
    displayName: user.display_name,
    departmentId: user.department_id,
    locale: user.locale,
    permissions,
    scopes: merged.scopes,
    fieldRules: merged.fieldRules,
    roleCodes: roles.map((r) => r.code),
    sessionId: extra.sessionId,
    tokenId: extra.tokenId,
    ip: extra.ip,
  };
}
