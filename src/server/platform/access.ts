import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { maskField } from '../../shared/masking.js';
import type { MaskableField, ScopedResource } from '../../shared/permissions.js';
import type { Actor } from './actor.js';
import type { DataScope, DB, FieldRule } from './db-schema.js';
import { forbidden, notFound } from './errors.js';

/**
 * Access control (§1.2): permissions, data scopes (本人 / 本部门 / 本部门及下级 / 全部) and
 * field masking. Every check runs on the server; modules call these from services and repos.
 */

/** True when the actor holds the permission (or any of several). */
export function can(actor: Actor, permission: string | readonly string[]): boolean {
  const list = typeof permission === 'string' ? [permission] : permission;
  return list.some((p) => actor.permissions.has(p));
}

/** Throws 403 `forbidden` unless the actor holds the permission (or any of several). */
export function authorize(actor: Actor, permission: string | readonly string[]): void {
  if (!can(actor, permission)) throw forbidden(typeof permission === 'string' ? permission : permission.join('|'));
}

/** The actor's data scope on a resource; a role that names no scope grants only 本人 (self). */
export function scopeOf(actor: Actor, resource: ScopedResource): DataScope {
  return actor.scopes[resource] ?? 'self';
}

export type ScopeColumns = {
  /** Column holding the owning user's id (`customers.owner_id`; for users, `users.id`). */
  ownerColumn?: string;
  /** Column holding the owning department's id. */
  departmentColumn?: string;
};

const TRUE = sql<SqlBool>`true`;
const FALSE = sql<SqlBool>`false`;

/**
 * A where-expression limiting a query to the rows the actor may see on `resource`:
 * - self: owner = actor;
 * - department: owner = actor, or department = actor's department;
 * - subtree: owner = actor, or department within the actor's department path (`/a/b/%`);
 * - all: no limit.
 * Pass it straight to `.where(...)` or combine it (`eb.and([...])`). The organization filter
 * stays the caller's (every repo filters by org_id already). Usable from any module's repo:
 * ```ts
 * db.selectFrom('users').where('org_id', '=', orgId)
 *   .where(scopeFilter(actor, 'users', { ownerColumn: 'users.id', departmentColumn: 'users.department_id' }))
 * ```
 */
export function scopeFilter(actor: Actor, resource: ScopedResource, columns: ScopeColumns): RawBuilder<SqlBool> {
  const scope = scopeOf(actor, resource);
  if (scope === 'all') return TRUE;
  const own = columns.ownerColumn ? sql<SqlBool>`${sql.ref(columns.ownerColumn)} = ${actor.userId}` : FALSE;
  // Without a department (or a department column) the wider scopes shrink to the actor's own rows.
  if (scope === 'self' || !actor.departmentId || !columns.departmentColumn) return own;
  const dept = sql.ref(columns.departmentColumn);
  if (scope === 'department') return sql<SqlBool>`(${own} OR ${dept} = ${actor.departmentId})`;
  return sql<SqlBool>`(${own} OR ${dept} IN (
    SELECT d_sub.id FROM departments d_sub
    WHERE d_sub.org_id = ${actor.orgId}
      AND d_sub.path LIKE (SELECT d_top.path FROM departments d_top WHERE d_top.org_id = ${actor.orgId} AND d_top.id = ${actor.departmentId}) || '%'
  ))`;
}

export type ScopeTarget = { ownerId?: string | null; departmentId?: string | null };

/** True when `departmentId` is the actor's department or below it (for 本部门及下级). */
async function inActorSubtree(db: Kysely<DB>, actor: Actor, departmentId: string): Promise<boolean> {
  if (!actor.departmentId) return false;
  const row = await db
    .selectFrom('departments as t')
    .innerJoin('departments as a', (j) => j.onRef('a.org_id', '=', 't.org_id'))
    .select('t.id')
    .where('t.org_id', '=', actor.orgId)
    .where('t.id', '=', departmentId)
    .where('a.id', '=', actor.departmentId)
    .where(sql<SqlBool>`t.path LIKE a.path || '%'`)
    .executeTakeFirst();
  return !!row;
}

/** Whether one already-loaded object (its owner and department) lies in the actor's scope. */
export async function inScope(db: Kysely<DB>, actor: Actor, resource: ScopedResource, target: ScopeTarget): Promise<boolean> {
  const scope = scopeOf(actor, resource);
  if (scope === 'all') return true;
  if (target.ownerId && target.ownerId === actor.userId) return true;
  if (scope === 'self' || !actor.departmentId || !target.departmentId) return false;
  if (target.departmentId === actor.departmentId) return true;
  return scope === 'subtree' && inActorSubtree(db, actor, target.departmentId);
}

/** Throws 404 for an object outside the actor's scope: the caller must not learn it exists. */
export async function assertInScope(
  db: Kysely<DB>,
  actor: Actor,
  resource: ScopedResource,
  target: ScopeTarget,
  entity = 'record',
): Promise<void> {
  if (!(await inScope(db, actor, resource, target))) throw notFound(entity);
}

/**
 * Whether the actor may place an object into `departmentId` (create or move into it): the
 * department must be one the actor's scope covers. Self scope may place nothing elsewhere.
 */
export async function departmentInScope(db: Kysely<DB>, actor: Actor, resource: ScopedResource, departmentId: string | null): Promise<boolean> {
  const scope = scopeOf(actor, resource);
  if (scope === 'all') return true;
  if (scope === 'self' || !departmentId || !actor.departmentId) return false;
  if (departmentId === actor.departmentId) return true;
  return scope === 'subtree' && inActorSubtree(db, actor, departmentId);
}

/** The actor's rule for a maskable field; fields a role does not mention are masked. */
export function fieldRule(actor: Actor, field: MaskableField): FieldRule {
  return actor.fieldRules[field] ?? 'mask';
}

/**
 * A personal-data value as this actor may see it: in full (show), masked (`138****5678`) or
 * not at all (hide → null). Presenters call this for every maskable field they return.
 */
export function presentField(actor: Actor, field: MaskableField, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return value ?? null;
  const rule = fieldRule(actor, field);
  if (rule === 'show') return value;
  if (rule === 'hide') return null;
  return maskField(field, value);
}

/**
 * Fields of an object that hold a value this actor does not see in full: `masked` ones may be
 * revealed (with `pii.reveal` and a reason), `hidden` ones are withheld entirely (null).
 */
export function concealedFields(actor: Actor, values: Partial<Record<MaskableField, string | null | undefined>>): { masked: MaskableField[]; hidden: MaskableField[] } {
  const present = (Object.keys(values) as MaskableField[]).filter((f) => values[f]);
  return {
    masked: present.filter((f) => fieldRule(actor, f) === 'mask'),
    hidden: present.filter((f) => fieldRule(actor, f) === 'hide'),
  };
}
