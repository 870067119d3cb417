import type { Actor } from '../../platform/actor.js';
import { invalidateActor } from '../../platform/auth/actor-cache.js';
import { verifyPassword } from '../../platform/auth/password.js';
import { mustSetUpTotp, securitySettings, type SecuritySettings } from '../../platform/auth/security-settings.js';
import { createSession, pruneDeadSessions, revokeSession, revokeUserSessions } from '../../platform/auth/session.js';
import { accountKey, addressKey, lockedFor, recordFailure, resetThrottle, type ThrottleKey } from '../../platform/auth/throttle.js';
import { consumeTotpStep, matchTotp } from '../../platform/auth/totp.js';
import type { Kefu } from '../../platform/context.js';
import { decryptSecret, DecryptionError } from '../../platform/crypto.js';
import { AppError, notFound, unauthenticated } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import * as repo from './auth.repo.js';
import { actorMeta, audit, invalidCredentials, tooManyAttempts } from './auth.guard.js';
import { presentLogin, presentSession } from './auth.presenter.js';
import type { LoginBody, LoginResponse } from './auth.schema.js';

export type ClientMeta = { ip: string; userAgent?: string };
export type LoginResult = { body: LoginResponse; cookieValue: string };

// An unknown organization still gets throttled under a key of its own, like an unknown user.
const NO_ORG = '00000000-0000-0000-0000-000000000000';

/** Context binding a user's TOTP seed ciphertext to its row. */
export const totpContext = (userId: string) => `users.totp_secret:${userId}`;

/**
 * Decrypts a stored TOTP seed. When the server's master key changed (KEFU_SECRET altered, key
 * file lost) the seed is unreadable: that is answered as such, not as a wrong code, so the user
 * knows to ask an administrator for a TOTP reset.
 */
export async function readTotpSecret(kefu: Kefu, userId: string, stored: string): Promise<string> {
  try {
    return await decryptSecret(kefu, stored, totpContext(userId));
  } catch (err) {
    if (err instanceof DecryptionError) throw new AppError('totp_secret_unreadable', 500);
    throw err;
  }
}

/** Checks a TOTP code against the user's enabled secret and consumes its time step. */
export async function checkTotp(kefu: Kefu, user: repo.AuthUser, code: string): Promise<boolean> {
  if (!user.totp_secret) return false;
  const secret = await readTotpSecret(kefu, user.id, user.totp_secret);
  const step = matchTotp(secret, code);
  return step !== null && (await consumeTotpStep(kefu.db, user.org_id, user.id, step));
}

/**
 * Password sign-in. Unknown users, wrong passwords and disabled users all answer the same 401
 * after the same work (one scrypt, one throttle write, one audit entry), so neither the body nor
 * the timing tells which usernames exist. Locked keys answer 429 before any password check.
 */
export async function login(kefu: Kefu, input: LoginBody, meta: ClientMeta): Promise<LoginResult> {
  const db = kefu.db;
  const org = await repo.findOrg(db, input.orgId);
  const orgId = org?.id ?? NO_ORG;
  const keys = [accountKey(orgId, input.username), addressKey(meta.ip)];
  const user = org ? await repo.findUserByUsername(db, org.id, input.username) : undefined;
  const wait = await lockedFor(db, keys);
  if (wait > 0) {
    if (org) {
      await audit(db, { orgId: org.id, action: 'auth.login_throttled', actorId: user?.id ?? null, actorName: user?.display_name ?? null, ip: meta.ip, entityType: 'user', entityId: user?.id ?? null, after: { username: input.username, retryAfter: wait } });
    }
    throw tooManyAttempts(wait);
  }
  const passwordOk = await verifyPassword(input.password, user?.password_hash);
  if (!org || !user || !passwordOk || user.status !== 'active') {
    await recordFailure(db, keys);
    if (org) {
      const reason = !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled';
      await audit(db, { orgId: org.id, action: 'auth.login_failed', actorId: user?.id ?? null, actorName: user?.display_name ?? null, ip: meta.ip, entityType: 'user', entityId: user?.id ?? null, after: { username: input.username, reason } });
    }
    throw invalidCredentials();
  }
  const settings = securitySettings(org.settings);
  if (user.totp_enabled) {
    const codeOk = input.totp ? await checkTotp(kefu, user, input.totp) : false;
    if (!codeOk) {
      if (input.totp) {
        await recordFailure(db, keys);
        await audit(db, { orgId: org.id, action: 'auth.mfa_failed', actorId: user.id, actorName: user.display_name, ip: meta.ip, entityType: 'user', entityId: user.id });
      }
      const pending = await createSession(db, { orgId: org.id, userId: user.id, ip: meta.ip, userAgent: meta.userAgent, mfaPending: true, settings });
      return { body: presentLogin(user, { mfaRequired: true, mfaSetupRequired: false }), cookieValue: pending.cookieValue };
    }
  }
  return finishLogin(kefu, { user, settings, keys, meta, mfa: user.totp_enabled });
}

async function finishLogin(
  kefu: Kefu,
  opts: { user: repo.AuthUser; settings: SecuritySettings; keys: ThrottleKey[]; meta: ClientMeta; mfa: boolean },
): Promise<LoginResult> {
  const { user, settings, meta } = opts;
  const db = kefu.db;
  await resetThrottle(db, opts.keys[0]);
  const session = await createSession(db, { orgId: user.org_id, userId: user.id, ip: meta.ip, userAgent: meta.userAgent, mfaPending: false, settings });
  await repo.markLoggedIn(db, user.org_id, user.id);
  await pruneDeadSessions(db, user.org_id, user.id);
  await audit(db, { orgId: user.org_id, action: 'auth.login', actorId: user.id, actorName: user.display_name, ip: meta.ip, entityType: 'user', entityId: user.id, after: { mfa: opts.mfa, userAgent: meta.userAgent?.slice(0, 200) ?? null } });
  const roles = await db
    .selectFrom('user_roles')
    .innerJoin('roles', (j) => j.onRef('roles.org_id', '=', 'user_roles.org_id').onRef('roles.id', '=', 'user_roles.role_id'))
    .select('roles.code')
    .where('user_roles.org_id', '=', user.org_id)
    .where('user_roles.user_id', '=', user.id)
    .execute();
  const setup = mustSetUpTotp(settings, roles.map((r) => r.code), user.totp_enabled);
  return { body: presentLogin(user, { mfaRequired: false, mfaSetupRequired: setup }), cookieValue: session.cookieValue };
}

/**
 * Second step of a TOTP sign-in: the pending session (from the cookie) plus a valid code. The
 * pending session is replaced by a new one, so the cookie that existed before the second factor
 * never becomes a full session.
 */
export async function completeTotpLogin(kefu: Kefu, sessionId: string | null, code: string, meta: ClientMeta): Promise<LoginResult> {
  const db = kefu.db;
  const pending = sessionId ? await repo.findSession(db, sessionId) : undefined;
  if (!pending || !pending.mfa_pending || pending.revoked_at || pending.expires_at.getTime() <= Date.now()) throw unauthenticated();
  const user = await repo.findUser(db, pending.org_id, pending.user_id);
  const org = await repo.findOrg(db, pending.org_id);
  if (!user || !org || user.status !== 'active' || !user.totp_enabled) throw unauthenticated();
  const keys = [accountKey(org.id, user.username), addressKey(meta.ip)];
  const wait = await lockedFor(db, keys);
  if (wait > 0) {
    await audit(db, { orgId: org.id, action: 'auth.login_throttled', actorId: user.id, actorName: user.display_name, ip: meta.ip, entityType: 'user', entityId: user.id, after: { username: user.username, retryAfter: wait, step: 'totp' } });
    throw tooManyAttempts(wait);
  }
  if (!(await checkTotp(kefu, user, code))) {
    await recordFailure(db, keys);
    await audit(db, { orgId: org.id, action: 'auth.mfa_failed', actorId: user.id, actorName: user.display_name, ip: meta.ip, entityType: 'user', entityId: user.id });
    throw new AppError('totp_invalid', 401);
  }
  await repo.deleteSession(db, pending.id);
  return finishLogin(kefu, { user, settings: securitySettings(org.settings), keys, meta, mfa: true });
}

/** Ends the cookie's session whatever its state (also a TOTP-pending one). */
export async function logout(kefu: Kefu, sessionId: string | null, meta: ClientMeta): Promise<void> {
  if (!sessionId) return;
  const session = await repo.findSession(kefu.db, sessionId);
  if (!session || !(await revokeSession(kefu.db, sessionId))) return;
  await invalidateActor(kefu, session.org_id, session.user_id);
  if (!session.mfa_pending) {
    await audit(kefu.db, { orgId: session.org_id, action: 'auth.logout', actorId: session.user_id, ip: meta.ip, entityType: 'user', entityId: session.user_id });
  }
}

export async function logoutAll(kefu: Kefu, actor: Actor): Promise<number> {
  const revoked = await revokeUserSessions(kefu.db, actor.orgId, actor.userId);
  await invalidateActor(kefu, actor.orgId, actor.userId);
  await audit(kefu.db, { ...actorMeta(actor), action: 'auth.logout_all', entityType: 'user', entityId: actor.userId, after: { revoked } });
  return revoked;
}

export async function listSessions(kefu: Kefu, actor: Actor, query: { limit: number; cursor?: string }) {
  const org = await repo.findOrg(kefu.db, actor.orgId);
  const s = securitySettings(org?.settings);
  const now = Date.now();
  const rows = await repo.listOpenSessions(kefu.db, actor.orgId, actor.userId, {
    limit: query.limit,
    after: decodeCursor(query.cursor),
    seenAfter: new Date(now - s.sessionIdleMinutes * 60_000),
    createdAfter: new Date(now - s.sessionAbsoluteHours * 3_600_000),
  });
  // The effective end: whichever of the absolute and idle limits comes first.
  const effective = (r: repo.SessionListRow) =>
    new Date(Math.min(r.expires_at.getTime(), r.created_at.getTime() + s.sessionAbsoluteHours * 3_600_000, r.last_seen_at.getTime() + s.sessionIdleMinutes * 60_000));
  return toPage(rows, query.limit, (r) => r.created_at.toISOString(), (r) => presentSession({ ...r, expires_at: effective(r) }, actor.sessionId));
}

export async function revokeMySession(kefu: Kefu, actor: Actor, sessionId: string): Promise<void> {
  const session = await repo.findSession(kefu.db, sessionId);
  if (!session || session.org_id !== actor.orgId || session.user_id !== actor.userId || session.revoked_at) throw notFound('session');
  await revokeSession(kefu.db, sessionId);
  await invalidateActor(kefu, actor.orgId, actor.userId);
  await audit(kefu.db, { ...actorMeta(actor), action: 'auth.session_revoke', entityType: 'session', entityId: sessionId.slice(0, 16) });
}
