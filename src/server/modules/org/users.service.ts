import type { Kysely } from 'kysely';
import { departmentInScope } from '../../platform/access.js';
import { mergeRoles } from '../../platform/actor.js';
import { invalidateActor } from '../../platform/auth/actor-cache.js';
import { hashPassword } from '../../platform/auth/password.js';
import { validatePasswordPolicy } from '../../platform/auth/password-policy.js';
import { revokeUserSessions } from '../../platform/auth/session.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB, RoleRow } from '../../platform/db-schema.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { type Page, toPage } from '../../platform/http/pagination.js';
import { t } from '../../platform/i18n.js';
import { uuidv7 } from '../../platform/ids.js';
import { normalizeCnPhone } from '../../../shared/phone.js';
import { findDepartment, lockOrgTree } from './departments.repo.js';
import { fieldError, transactUnique, type OrgCtx } from './org.common.js';
import { findPosition } from './positions.repo.js';
import { rolesByIds } from './roles.repo.js';
import { assertGrantable, excessGrant, type Grant } from './roles.rules.js';
import * as repo from './users.repo.js';
import { presentUser, userSnapshot } from './users.presenter.js';
import type { CreateUserBody, ListUsersQuery, UpdateUserBody, UserView } from './users.schema.js';

type Tx = Kysely<DB>;
type Actor = OrgCtx['actor'];

function grantOf(roles: readonly RoleRow[]): Grant {
  const merged = mergeRoles([...roles]);
  return { permissions: [...merged.permissions], scopes: merged.scopes, fieldRules: merged.fieldRules };
}

const isAdminRole = (r: RoleRow) => r.is_system && r.code === 'admin';

/** Mainland mobile or landline, normalized; '' and null clear the field. */
function normalizePhone(actor: Actor, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const phone = normalizeCnPhone(value);
  if (!phone) {
    throw new AppError('validation', 400, [{ path: ['body', 'phone'], code: 'invalid_phone', message: t(actor.locale, 'errors.invalid_phone') }]);
  }
  return phone.value;
}

/** The auth policy's verdict, pointed at the password field so forms show it there. */
function checkPassword(actor: Actor, password: string, username: string): void {
  try {
    validatePasswordPolicy(password, { username });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    throw new AppError(err.code, 400, [{ path: ['body', 'password'], code: err.code, message: t(actor.locale, `errors.${err.code}`) }]);
  }
}

/** A department users may be placed in: it exists, is live and lies in the actor's scope. */
async function checkDepartment({ actor }: OrgCtx, tx: Tx, departmentId: string | null): Promise<void> {
  if (departmentId && !(await findDepartment(tx, actor.orgId, departmentId))) throw fieldError(actor, 'unknown_department', 400, 'departmentId');
  if (!(await departmentInScope(tx, actor, 'users', departmentId))) throw fieldError(actor, 'out_of_scope', 403, 'departmentId');
}

async function checkPosition({ actor }: OrgCtx, tx: Tx, positionId: string | null): Promise<void> {
  if (positionId && !(await findPosition(tx, actor.orgId, positionId))) throw fieldError(actor, 'unknown_position', 400, 'positionId');
}

/** Loads the roles to assign; all must exist and grant nothing beyond the actor (relative to `previous`). */
async function checkRoles({ actor }: OrgCtx, tx: Tx, roleIds: readonly string[], previous: readonly RoleRow[]): Promise<RoleRow[]> {
  const roles = await rolesByIds(tx, actor.orgId, roleIds);
  if (roles.length !== roleIds.length) throw fieldError(actor, 'unknown_role', 400, 'roleIds');
  assertGrantable(actor, grantOf(roles), grantOf(previous));
  return roles;
}

async function currentRoles(tx: Tx, orgId: string, userId: string): Promise<RoleRow[]> {
  const refs = await repo.rolesOfUsers(tx, orgId, [userId]);
  return rolesByIds(
    tx,
    orgId,
    refs.map((r) => r.id),
  );
}

/** A user in the actor's scope whose own rights the actor fully holds (else nobody may manage them). */
async function loadManageable(ctx: OrgCtx, tx: Tx, id: string) {
  const user = await repo.findUserInScope(tx, ctx.actor, id);
  if (!user) throw notFound('user');
  const roles = await currentRoles(tx, ctx.actor.orgId, id);
  const excess = excessGrant(ctx.actor, grantOf(roles));
  if (excess.permissions.length + excess.scopes.length + excess.fieldRules.length > 0) throw new AppError('user_outranks_you', 403, excess);
  return { user, roles };
}

export async function listUsers({ kefu, actor }: OrgCtx, query: ListUsersQuery): Promise<Page<UserView>> {
  const rows = await repo.listUsers(kefu.db, actor, query);
  const column = query.sort.column;
  const sortValue = (r: (typeof rows)[number]) => {
    const v = r[column];
    return v instanceof Date ? v.toISOString() : v;
  };
  return toPage(rows, query.limit, sortValue, (r) => presentUser(actor, r));
}

export async function getUser({ kefu, actor }: OrgCtx, id: string): Promise<UserView> {
  const row = await repo.findUserInScope(kefu.db, actor, id);
  if (!row) throw notFound('user');
  return presentUser(actor, row);
}

export async function createUser(ctx: OrgCtx, body: CreateUserBody): Promise<UserView> {
  const { actor } = ctx;
  const phone = normalizePhone(actor, body.phone);
  checkPassword(actor, body.password, body.username);
  const passwordHash = await hashPassword(body.password);
  const id = uuidv7();
  await transactUnique(ctx, { code: 'username_taken', field: 'username' }, async (tx) => {
    await checkDepartment(ctx, tx, body.departmentId ?? null);
    await checkPosition(ctx, tx, body.positionId ?? null);
    await checkRoles(ctx, tx, body.roleIds, []);
    if (await repo.userWithUsername(tx, actor.orgId, body.username)) throw fieldError(actor, 'username_taken', 409, 'username');
    const row = await tx
      .insertInto('users')
      .values({
        org_id: actor.orgId,
        id,
        username: body.username,
        display_name: body.displayName,
        email: body.email || null,
        phone,
        department_id: body.departmentId ?? null,
        position_id: body.positionId ?? null,
        skills: JSON.stringify(body.skills ?? []),
        locale: body.locale ?? 'zh-CN',
        password_hash: passwordHash,
        password_changed_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await repo.replaceUserRoles(tx, actor.orgId, id, body.roleIds);
    await recordAudit(tx, auditBy(actor, { action: 'user.create', entityType: 'user', entityId: id, after: userSnapshot(row, body.roleIds) }));
  });
  return getUser(ctx, id);
}

/**
 * Updates a user: profile, department, position, roles, status. Disabling ends every session
 * of the user; the last active administrator cannot be disabled or lose the role.
 */
export async function updateUser(ctx: OrgCtx, id: string, version: number, body: UpdateUserBody): Promise<UserView> {
  const { kefu, actor } = ctx;
  const phone = body.phone === undefined ? undefined : normalizePhone(actor, body.phone);
  await transactUnique(ctx, { code: 'username_taken', field: 'username' }, async (tx) => {
    // Serializes role/status changes within the org, so two requests cannot each remove "another" admin.
    await lockOrgTree(tx, actor.orgId);
    const { user, roles } = await loadManageable(ctx, tx, id);
    if (user.version !== version) throw preconditionFailed();
    const departmentId = body.departmentId === undefined ? user.department_id : body.departmentId;
    if (departmentId !== user.department_id) await checkDepartment(ctx, tx, departmentId);
    const positionId = body.positionId === undefined ? user.position_id : body.positionId;
    if (positionId !== user.position_id) await checkPosition(ctx, tx, positionId);
    const nextRoles = body.roleIds ? await checkRoles(ctx, tx, body.roleIds, roles) : roles;
    const status = body.status ?? user.status;
    if (status === 'disabled' && user.status === 'active' && id === actor.userId) throw fieldError(actor, 'cannot_disable_self', 409, 'status');
    const wasAdmin = user.status === 'active' && roles.some(isAdminRole);
    const staysAdmin = status === 'active' && nextRoles.some(isAdminRole);
    if (wasAdmin && !staysAdmin && (await repo.otherActiveAdmins(tx, actor.orgId, id)) === 0) throw new AppError('last_admin', 409);
    const username = body.username ?? user.username;
    if (username.toLowerCase() !== user.username.toLowerCase() && (await repo.userWithUsername(tx, actor.orgId, username, id))) {
      throw fieldError(actor, 'username_taken', 409, 'username');
    }
    const updated = await tx
      .updateTable('users')
      .set({
        username,
        display_name: body.displayName ?? user.display_name,
        email: body.email === undefined ? user.email : body.email || null,
        phone: phone === undefined ? user.phone : phone,
        department_id: departmentId,
        position_id: positionId,
        status,
        skills: JSON.stringify(body.skills ?? user.skills),
        locale: body.locale ?? user.locale,
        version: user.version + 1,
        updated_at: new Date(),
      })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw preconditionFailed();
    if (body.roleIds) await repo.replaceUserRoles(tx, actor.orgId, id, body.roleIds);
    const revoked = status === 'disabled' && user.status === 'active' ? await revokeUserSessions(tx, actor.orgId, id) : 0;
    await recordAudit(
      tx,
      auditBy(actor, {
        action: status !== user.status ? (status === 'disabled' ? 'user.disable' : 'user.enable') : 'user.update',
        entityType: 'user',
        entityId: id,
        before: userSnapshot(user, roles.map((r) => r.id)),
        after: { ...userSnapshot(updated, nextRoles.map((r) => r.id)), ...(revoked > 0 ? { sessionsRevoked: revoked } : {}) },
      }),
    );
  });
  // After commit: every node drops its cached view of this user (rights, department, status).
  await invalidateActor(kefu, actor.orgId, id);
  return getUser(ctx, id);
}

/** Sets a new password chosen by an administrator; every session of the user ends. */
export async function resetPassword(ctx: OrgCtx, id: string, password: string): Promise<void> {
  const { kefu, actor } = ctx;
  const { user } = await loadManageable(ctx, kefu.db, id);
  checkPassword(actor, password, user.username);
  const passwordHash = await hashPassword(password);
  await kefu.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set((eb) => ({ password_hash: passwordHash, password_changed_at: new Date(), version: eb('version', '+', 1), updated_at: new Date() }))
      .where('org_id', '=', actor.orgId)
      .where('id', '=', id)
      .execute();
    const revoked = await revokeUserSessions(tx, actor.orgId, id);
    await recordAudit(tx, auditBy(actor, { action: 'user.password_reset', entityType: 'user', entityId: id, after: { sessionsRevoked: revoked } }));
  });
  await invalidateActor(kefu, actor.orgId, id);
}

/** Reveal loader for `user`: the raw phone or email of a user in the actor's scope. */
export async function loadUserPii(db: Kysely<DB>, actor: Actor, id: string, field: string): Promise<{ value: string | null } | null> {
  const row = await repo.findUserInScope(db, actor, id);
  if (!row) return null;
  return { value: field === 'phone' ? row.phone : field === 'email' ? row.email : null };
}
