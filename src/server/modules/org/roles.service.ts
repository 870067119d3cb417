import { invalidateActor } from '../../platform/auth/actor-cache.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { RoleRow } from '../../platform/db-schema.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { DATA_SCOPES, FIELD_RULES, MASKABLE_FIELDS, PERMISSIONS, SCOPED_RESOURCES } from '../../../shared/permissions.js';
import { fieldError, isoDate, transactUnique, type OrgCtx } from './org.common.js';
import * as repo from './roles.repo.js';
import { assertGrantable, type Grant } from './roles.rules.js';
import type { CreateRoleBody, RoleView, UpdateRoleBody } from './roles.schema.js';

function present(row: RoleRow & { user_count: number | string | null }): RoleView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    permissions: [...row.permissions].sort(),
    scopes: row.scopes ?? {},
    fieldRules: row.field_rules ?? {},
    isSystem: row.is_system,
    userCount: Number(row.user_count ?? 0),
    version: row.version,
    createdAt: isoDate(row.created_at)!,
    updatedAt: isoDate(row.updated_at)!,
  };
}

const grantOf = (row: RoleRow): Grant => ({ permissions: row.permissions, scopes: row.scopes ?? {}, fieldRules: row.field_rules ?? {} });

const snapshot = (row: RoleRow) => ({
  code: row.code,
  name: row.name,
  description: row.description,
  permissions: [...row.permissions].sort(),
  scopes: row.scopes,
  fieldRules: row.field_rules,
});

const sameJson = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
const sortKeys = (v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v;

export function permissionCatalogue() {
  const groups = new Map<string, string[]>();
  for (const p of PERMISSIONS) {
    const key = p.split('.')[0];
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return {
    permissions: [...PERMISSIONS],
    groups: [...groups].map(([key, permissions]) => ({ key, permissions })),
    scopedResources: [...SCOPED_RESOURCES],
    scopes: [...DATA_SCOPES],
    maskableFields: [...MASKABLE_FIELDS],
    fieldRules: [...FIELD_RULES],
  };
}

export async function listRoles({ kefu, actor }: OrgCtx): Promise<RoleView[]> {
  return (await repo.listRoles(kefu.db, actor.orgId)).map(present);
}

export async function getRole({ kefu, actor }: OrgCtx, id: string): Promise<RoleView> {
  const row = await repo.findRole(kefu.db, actor.orgId, id);
  if (!row) throw notFound('role');
  return present(row);
}

export async function createRole(ctx: OrgCtx, body: CreateRoleBody): Promise<RoleView> {
  const { actor } = ctx;
  const grant: Grant = { permissions: body.permissions, scopes: body.scopes ?? {}, fieldRules: body.fieldRules ?? {} };
  assertGrantable(actor, grant);
  const id = uuidv7();
  await transactUnique(ctx, { code: 'role_code_taken', field: 'code' }, async (tx) => {
    if (await repo.roleWithCode(tx, actor.orgId, body.code)) throw fieldError(actor, 'role_code_taken', 409, 'code');
    const row = await tx
      .insertInto('roles')
      .values({
        org_id: actor.orgId,
        id,
        code: body.code,
        name: body.name,
        description: body.description ?? '',
        permissions: body.permissions,
        scopes: JSON.stringify(grant.scopes),
        field_rules: JSON.stringify(grant.fieldRules),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, auditBy(actor, { action: 'role.create', entityType: 'role', entityId: id, after: snapshot(row) }));
  });
  return getRole(ctx, id);
}

/**
 * Updates a role. The system administrator role keeps its permissions, scopes and field
 * rules (only its name and description change). Everyone holding the role is re-resolved on
 * their next request.
 */
export async function updateRole(ctx: OrgCtx, id: string, version: number, body: UpdateRoleBody): Promise<RoleView> {
  const { kefu, actor } = ctx;
  let changedRights = false;
  await kefu.db.transaction().execute(async (tx) => {
    const current = await repo.findRole(tx, actor.orgId, id);
    if (!current) throw notFound('role');
    if (current.version !== version) throw preconditionFailed();
    const next: Grant = {
      permissions: body.permissions ?? current.permissions,
      scopes: body.scopes ?? current.scopes ?? {},
      fieldRules: body.fieldRules ?? current.field_rules ?? {},
    };
    changedRights =
      !sameJson([...next.permissions].sort(), [...current.permissions].sort()) ||
      !sameJson(next.scopes, current.scopes) ||
      !sameJson(next.fieldRules, current.field_rules);
    if (current.is_system && changedRights) throw new AppError('system_role_locked', 409, { role: current.code });
    assertGrantable(actor, next, grantOf(current));
    const updated = await tx
      .updateTable('roles')
      .set({
        name: body.name ?? current.name,
        description: body.description ?? current.description,
        permissions: [...next.permissions],
        scopes: JSON.stringify(next.scopes),
        field_rules: JSON.stringify(next.fieldRules),
        version: current.version + 1,
        updated_at: new Date(),
      })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw preconditionFailed();
    await recordAudit(tx, auditBy(actor, { action: 'role.update', entityType: 'role', entityId: id, before: snapshot(current), after: snapshot(updated) }));
  });
  // Cached callers holding the role must see the new rights on their next request, on every node.
  if (changedRights) await invalidateActor(kefu, actor.orgId);
  return getRole(ctx, id);
}

/** Deletes a role nobody holds; the system role and roles in use are refused. */
export async function deleteRole({ kefu, actor }: OrgCtx, id: string, version: number | undefined): Promise<void> {
  await kefu.db.transaction().execute(async (tx) => {
    const current = await repo.findRole(tx, actor.orgId, id);
    if (!current) throw notFound('role');
    if (version !== undefined && current.version !== version) throw preconditionFailed();
    if (current.is_system) throw new AppError('system_role_locked', 409, { role: current.code });
    const users = Number(current.user_count ?? 0);
    if (users > 0) throw new AppError('role_in_use', 409, { users });
    await tx.deleteFrom('roles').where('org_id', '=', actor.orgId).where('id', '=', id).execute();
    await recordAudit(tx, auditBy(actor, { action: 'role.delete', entityType: 'role', entityId: id, before: snapshot(current) }));
  });
}
