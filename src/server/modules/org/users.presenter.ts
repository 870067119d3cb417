import { concealedFields, presentField } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';
import type { UserRow } from '../../platform/db-schema.js';
import { isoDate } from './org.common.js';
import type { UserWithRefs } from './users.repo.js';
import type { UserView } from './users.schema.js';

/**
 * A user as the viewer may see it. Phone and email go through the viewer's field rules —
 * except on the viewer's own record, which is never masked to its owner.
 */
export function presentUser(actor: Actor, row: UserWithRefs): UserView {
  const self = row.id === actor.userId;
  const concealed = self ? { masked: [], hidden: [] } : concealedFields(actor, { phone: row.phone, email: row.email });
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: self ? row.email : presentField(actor, 'email', row.email),
    phone: self ? row.phone : presentField(actor, 'phone', row.phone),
    maskedFields: concealed.masked,
    hiddenFields: concealed.hidden,
    departmentId: row.department_id,
    departmentName: row.department_name,
    positionId: row.position_id,
    positionName: row.position_name,
    status: row.status,
    skills: Array.isArray(row.skills) ? row.skills : [],
    locale: row.locale,
    roles: row.roles.map((r) => ({ id: r.id, code: r.code, name: r.name })),
    totpEnabled: row.totp_enabled,
    lastLoginAt: isoDate(row.last_login_at),
    passwordChangedAt: isoDate(row.password_changed_at),
    version: row.version,
    createdAt: isoDate(row.created_at)!,
    updatedAt: isoDate(row.updated_at)!,
  };
}

/** The audited shape of a user: what an administrator changes, never a secret. */
export function userSnapshot(row: Pick<UserRow, 'username' | 'display_name' | 'email' | 'phone' | 'department_id' | 'position_id' | 'status' | 'skills' | 'locale'>, roleIds: readonly string[]) {
  return {
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    departmentId: row.department_id,
    positionId: row.position_id,
    status: row.status,
    skills: row.skills,
    locale: row.locale,
    roleIds: [...roleIds].sort(),
  };
}
