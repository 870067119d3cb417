import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import { invalidateActor } from '../../platform/auth/actor-cache.js';
import type { AuthInfo } from '../../platform/auth/authenticate.js';
import { hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { validatePasswordPolicy } from '../../platform/auth/password-policy.js';
import { revokeUserSessions } from '../../platform/auth/session.js';
import { accountKey, recordFailure, type ThrottleKey } from '../../platform/auth/throttle.js';
import { consumeTotpStep, matchTotp, newTotpSecret, otpauthUrl, TOTP_ISSUER } from '../../platform/auth/totp.js';
import type { Kefu } from '../../platform/context.js';
import { encryptSecret } from '../../platform/crypto.js';
import { AppError, conflict, notFound, preconditionFailed } from '../../platform/errors.js';
import * as repo from './auth.repo.js';
import { actorMeta, assertNotLocked, audit } from './auth.guard.js';
import { presentMe } from './auth.presenter.js';
import type { MeResponse } from './auth.schema.js';
import { checkTotp, readTotpSecret, totpContext } from './auth.service.js';

async function loadMe(kefu: Kefu, actor: Actor): Promise<repo.AuthUser> {
  const user = await repo.findUser(kefu.db, actor.orgId, actor.userId);
  if (!user) throw notFound('user');
  return user;
}

export async function getMe(kefu: Kefu, actor: Actor, auth: AuthInfo): Promise<MeResponse> {
  return presentMe(await loadMe(kefu, actor), actor, auth);
}

/** Own display name and language. If-Match is optional here; when sent, a stale one is a 412. */
export async function updateMe(
  kefu: Kefu,
  actor: Actor,
  auth: AuthInfo,
  input: { locale?: 'zh-CN' | 'en'; displayName?: string },
  ifMatch: number | undefined,
): Promise<MeResponse> {
  const set: { locale?: 'zh-CN' | 'en'; display_name?: string } = {};
  if (input.locale !== undefined) set.locale = input.locale;
  if (input.displayName !== undefined) set.display_name = input.displayName;
  await kefu.db.transaction().execute(async (tx) => {
    const before = await repo.findUser(tx, actor.orgId, actor.userId, { forUpdate: true });
    if (!before) throw notFound('user');
    if (ifMatch !== undefined && ifMatch !== before.version) throw preconditionFailed();
    if (Object.keys(set).length === 0) return;
    await repo.updateUser(tx, actor.orgId, actor.userId, set);
    await recordAudit(
      tx,
      auditBy(actor, {
        action: 'user.update_self',
        entityType: 'user',
        entityId: actor.userId,
        before: { locale: before.locale, displayName: before.display_name },
        after: { locale: set.locale ?? before.locale, displayName: set.display_name ?? before.display_name },
      }),
    );
  });
  if (Object.keys(set).length > 0) await invalidateActor(kefu, actor.orgId, actor.userId);
  const user = await loadMe(kefu, actor);
  // The actor of this request still has the old locale/name; answer with the new ones.
  return presentMe(user, { ...actor, locale: user.locale, displayName: user.display_name }, auth);
}

/**
 * Wrong current passwords count against the account's login throttle: a stolen session must not
 * become a way to guess the password.
 */
async function verifyCurrentPassword(kefu: Kefu, actor: Actor, user: repo.AuthUser, password: string, key: ThrottleKey): Promise<void> {
  if (await verifyPassword(password, user.password_hash)) return;
  await recordFailure(kefu.db, [key]);
  await audit(kefu.db, { ...actorMeta(actor), action: 'auth.password_check_failed', entityType: 'user', entityId: actor.userId });
  throw new AppError('current_password_invalid', 400);
}

export async function changePassword(kefu: Kefu, actor: Actor, sessionId: string, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const user = await loadMe(kefu, actor);
  const key = accountKey(actor.orgId, user.username);
  await assertNotLocked(kefu.db, [key]);
  await verifyCurrentPassword(kefu, actor, user, input.currentPassword, key);
  validatePasswordPolicy(input.newPassword, { username: user.username });
  if (input.newPassword.normalize('NFKC') === input.currentPassword.normalize('NFKC')) throw new AppError('password_reused', 400);
  const hash = await hashPassword(input.newPassword);
  let revoked = 0;
  await kefu.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, actor.orgId, actor.userId, { password_hash: hash, password_changed_at: new Date() });
    // Everyone else who may have known the old password is signed out; this session stays.
    revoked = await revokeUserSessions(tx, actor.orgId, actor.userId, { except: sessionId });
    await recordAudit(tx, auditBy(actor, { action: 'user.password_change', entityType: 'user', entityId: actor.userId, after: { sessionsRevoked: revoked } }));
  });
  await invalidateActor(kefu, actor.orgId, actor.userId);
}

/** Starts enrolment: a new secret, stored encrypted and not yet enabled. */
export async function setupTotp(kefu: Kefu, actor: Actor): Promise<{ secret: string; otpauthUrl: string }> {
  const user = await loadMe(kefu, actor);
  if (user.totp_enabled) throw conflict('totp_already_enabled');
  const secret = newTotpSecret();
  const org = await repo.findOrg(kefu.db, actor.orgId);
  const encrypted = await encryptSecret(kefu, secret, totpContext(actor.userId));
  await kefu.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, actor.orgId, actor.userId, { totp_secret: encrypted, totp_enabled: false, totp_last_step: null });
    await recordAudit(tx, auditBy(actor, { action: 'auth.totp_setup', entityType: 'user', entityId: actor.userId }));
  });
  // The label names the organization too, so people in several Kefu installs can tell them apart.
  const label = org ? `${org.name}:${user.username}` : user.username;
  return { secret, otpauthUrl: otpauthUrl(secret, label, TOTP_ISSUER) };
}

export async function enableTotp(kefu: Kefu, actor: Actor, code: string): Promise<{ totpEnabled: boolean }> {
  const user = await loadMe(kefu, actor);
  if (user.totp_enabled) throw conflict('totp_already_enabled');
  if (!user.totp_secret) throw conflict('totp_not_pending');
  const key = accountKey(actor.orgId, user.username);
  await assertNotLocked(kefu.db, [key]);
  const secret = await readTotpSecret(kefu, actor.userId, user.totp_secret);
  const step = matchTotp(secret, code);
  if (step === null || !(await consumeTotpStep(kefu.db, actor.orgId, actor.userId, step))) {
    await recordFailure(kefu.db, [key]);
    throw new AppError('totp_invalid', 400);
  }
  await kefu.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, actor.orgId, actor.userId, { totp_enabled: true });
    await recordAudit(tx, auditBy(actor, { action: 'auth.totp_enable', entityType: 'user', entityId: actor.userId, before: { totpEnabled: false }, after: { totpEnabled: true } }));
  });
  await invalidateActor(kefu, actor.orgId, actor.userId);
  return { totpEnabled: true };
}

/** Turning the second factor off needs proof: a current code or the password. */
export async function disableTotp(kefu: Kefu, actor: Actor, proof: { code?: string; password?: string }): Promise<{ totpEnabled: boolean }> {
  const user = await loadMe(kefu, actor);
  if (!user.totp_enabled) throw conflict('totp_not_enabled');
  const key = accountKey(actor.orgId, user.username);
  await assertNotLocked(kefu.db, [key]);
  if (proof.password !== undefined) {
    await verifyCurrentPassword(kefu, actor, user, proof.password, key);
  } else if (!(await checkTotp(kefu, user, proof.code ?? ''))) {
    await recordFailure(kefu.db, [key]);
    throw new AppError('totp_invalid', 400);
  }
  await kefu.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, actor.orgId, actor.userId, { totp_secret: null, totp_enabled: false, totp_last_step: null });
    await recordAudit(tx, auditBy(actor, { action: 'auth.totp_disable', entityType: 'user', entityId: actor.userId, before: { totpEnabled: true }, after: { totpEnabled: false } }));
  });
  await invalidateActor(kefu, actor.orgId, actor.userId);
  return { totpEnabled: false };
}
