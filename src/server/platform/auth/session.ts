import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../db-schema.js';
import type { SecuritySettings } from './security-settings.js';
import { newSecret, SESSION_COOKIE, sha256 } from './tokens.js';

/** How long a password-accepted session may wait for its TOTP code. */
export const MFA_PENDING_MS = 10 * 60_000;
/** last_seen_at is written at most this often per session. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export type SessionTimes = { created_at: Date; last_seen_at: Date; expires_at: Date; revoked_at: Date | null };

/**
 * Whether a session is still usable at `now`. The absolute limit is checked twice: against the
 * expiry fixed at creation, and against the org's current setting (so shortening it applies to
 * sessions already open).
 */
export function sessionAlive(s: SessionTimes, settings: SecuritySettings, now: number): boolean {
  if (s.revoked_at) return false;
  if (s.expires_at.getTime() <= now) return false;
  if (s.created_at.getTime() + settings.sessionAbsoluteHours * 3_600_000 <= now) return false;
  return s.last_seen_at.getTime() + settings.sessionIdleMinutes * 60_000 > now;
}

export type CreatedSession = { id: string; cookieValue: string; expiresAt: Date };

/** Opens a session; the cookie carries the secret, the database only its SHA-256. */
export async function createSession(
  db: Kysely<DB>,
  opts: { orgId: string; userId: string; ip: string; userAgent?: string; mfaPending: boolean; settings: SecuritySettings },
): Promise<CreatedSession> {
  const { secret, hash } = newSecret();
  const now = Date.now();
  const expiresAt = new Date(opts.mfaPending ? now + MFA_PENDING_MS : now + opts.settings.sessionAbsoluteHours * 3_600_000);
  await db
    .insertInto('sessions')
    .values({
      id: hash,
      org_id: opts.orgId,
      user_id: opts.userId,
      created_at: new Date(now),
      last_seen_at: new Date(now),
      expires_at: expiresAt,
      mfa_pending: opts.mfaPending,
      ip: opts.ip,
      user_agent: opts.userAgent?.slice(0, 500) ?? null,
    })
    .execute();
  return { id: hash, cookieValue: secret, expiresAt };
}

/** Turns a TOTP-pending session into a full one; its absolute lifetime starts now. */
export async function completeMfaSession(db: Kysely<DB>, sessionId: string, settings: SecuritySettings): Promise<boolean> {
  const now = Date.now();
  const row = await db
    .updateTable('sessions')
    .set({ mfa_pending: false, created_at: new Date(now), last_seen_at: new Date(now), expires_at: new Date(now + settings.sessionAbsoluteHours * 3_600_000) })
    .where('id', '=', sessionId)
    .where('mfa_pending', '=', true)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date(now))
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

export async function revokeSession(db: Kysely<DB>, sessionId: string): Promise<boolean> {
  const row = await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * Ends every open session of a user (logout everywhere, password change, user disabled).
 * `except` keeps one session (the caller's own). Returns how many were ended. Callers that
 * run this in a transaction must call `invalidateActor` after it commits, so that cached
 * actors on every node are dropped.
 */
export async function revokeUserSessions(db: Kysely<DB>, orgId: string, userId: string, opts: { except?: string } = {}): Promise<number> {
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date());
  if (opts.except) q = q.where('id', '!=', opts.except);
  const rows = await q.returning('id').execute();
  return rows.length;
}

/** Session rows long dead are deleted when their owner logs in, so the table does not grow forever. */
export async function pruneDeadSessions(db: Kysely<DB>, orgId: string, userId: string): Promise<void> {
  const cutoff = new Date(Date.now() - 30 * 86_400_000);
  await db
    .deleteFrom('sessions')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<', cutoff), eb('revoked_at', '<', cutoff)]))
    .execute();
}

export function sessionIdFromCookie(req: FastifyRequest): string | null {
  const value = req.cookies?.[SESSION_COOKIE];
  return value ? sha256(value) : null;
}

/** Whether cookies set on this request carry Secure (config, else the request protocol). */
export function secureFor(req: FastifyRequest, config: Config): boolean {
  if (config.secureCookies === 'true') return true;
  if (config.secureCookies === 'false') return false;
  return req.protocol === 'https';
}

/**
 * A browser-session cookie (no Max-Age): closing the browser on a shared call-center desk
 * ends it locally; the server enforces the idle and absolute limits either way.
 */
export function setSessionCookie(reply: FastifyReply, req: FastifyRequest, config: Config, value: string): void {
  reply.setCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', path: '/', secure: secureFor(req, config) });
}

export function clearSessionCookie(reply: FastifyReply, req: FastifyRequest, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: secureFor(req, config) });
}
