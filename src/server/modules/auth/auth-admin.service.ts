import type { Actor } from '../../platform/actor.js';
import { assertInScope } from '../../platform/access.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import { invalidateActor } from '../../platform/auth/actor-cache.js';
import { accountKey, resetThrottle } from '../../platform/auth/throttle.js';
import type { Kefu } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import * as repo from './auth.repo.js';

/** Help-desk actions of user administrators on other people's sign-in (lost phone, lockout). */

async function loadTarget(kefu: Kefu, actor: Actor, userId: string): Promise<repo.AuthUser> {
  const user = await repo.findUser(kefu.db, actor.orgId, userId);
  if (!user) throw notFound('user');
  await assertInScope(kefu.db, actor, 'users', { ownerId: user.id, departmentId: user.department_id }, 'user');
  return user;
}

/** Turns a user's second factor off (their phone is lost); they enrol again at next sign-in. */
export async function resetUserTotp(kefu: Kefu, actor: Actor, userId: string): Promise<{ totpEnabled: boolean }> {
  const user = await loadTarget(kefu, actor, userId);
  await kefu.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, actor.orgId, user.id, { totp_secret: null, totp_enabled: false, totp_last_step: null });
    await recordAudit(
      tx,
      auditBy(actor, { action: 'auth.totp_reset', entityType: 'user', entityId: user.id, before: { totpEnabled: user.totp_enabled }, after: { totpEnabled: false } }),
    );
  });
  await invalidateActor(kefu, actor.orgId, user.id);
  return { totpEnabled: false };
}

/** Lifts a sign-in lockout of the account before it runs out (address locks stay). */
export async function unlockUser(kefu: Kefu, actor: Actor, userId: string): Promise<void> {
  const user = await loadTarget(kefu, actor, userId);
  await resetThrottle(kefu.db, accountKey(actor.orgId, user.username));
  await kefu.db.transaction().execute((tx) => recordAudit(tx, auditBy(actor, { action: 'auth.unlock', entityType: 'user', entityId: user.id })));
}
