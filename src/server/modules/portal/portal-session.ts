import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { secureFor } from '../../platform/auth/session.js';
import { newSecret, sha256 } from '../../platform/auth/tokens.js';
import type { Kefu } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { unauthenticated } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';

/**
 * Portal sessions live apart from staff sessions: their own cookie, their own rows
 * (`portal_tokens`, purpose `session`), and nothing a staff route accepts. Only the SHA-256 of
 * the cookie's secret is stored.
 */

export const PORTAL_COOKIE = 'kefu_portal';
/** A customer stays signed in for two weeks of the same browser. */
export const PORTAL_SESSION_MS = 14 * 86_400_000;

/** The signed-in customer of a portal request. */
export type PortalActor = {
  orgId: string;
  accountId: string;
  customerId: string;
  email: string;
  displayName: string;
  hasPassword: boolean;
  sessionHash: string;
  locale: Locale;
  ip: string;
};

export async function openPortalSession(db: Kysely<DB>, orgId: string, accountId: string, now = new Date()): Promise<{ cookieValue: string; expiresAt: Date }> {
  const { secret, hash } = newSecret('kp_');
  const expiresAt = new Date(now.getTime() + PORTAL_SESSION_MS);
  await db.insertInto('portal_tokens').values({ token_hash: hash, org_id: orgId, account_id: accountId, purpose: 'session', expires_at: expiresAt, created_at: now }).execute();
  // a customer's dead tokens go when they sign in again, so the table does not grow forever
  await db.deleteFrom('portal_tokens').where('org_id', '=', orgId).where('account_id', '=', accountId).where('expires_at', '<', new Date(now.getTime() - 86_400_000)).execute();
  return { cookieValue: secret, expiresAt };
}

export function setPortalCookie(reply: FastifyReply, req: FastifyRequest, kefu: Kefu, value: string, expiresAt: Date): void {
  reply.setCookie(PORTAL_COOKIE, value, { httpOnly: true, sameSite: 'lax', path: '/', secure: secureFor(req, kefu.config), expires: expiresAt });
}

export function clearPortalCookie(reply: FastifyReply, req: FastifyRequest, kefu: Kefu): void {
  reply.clearCookie(PORTAL_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: secureFor(req, kefu.config) });
}

/** The customer signed in on this request, or null. A disabled account or a dead session is no one. */
export async function findPortalActor(req: FastifyRequest, kefu: Kefu): Promise<PortalActor | null> {
  const value = req.cookies?.[PORTAL_COOKIE];
  if (!value || value.length > 200) return null;
  const hash = sha256(value);
  const row = await kefu.db
    .selectFrom('portal_tokens as t')
    .innerJoin('portal_accounts as a', (j) => j.onRef('a.org_id', '=', 't.org_id').onRef('a.id', '=', 't.account_id'))
    .select(['a.org_id', 'a.id', 'a.customer_id', 'a.email', 'a.display_name', 'a.password_hash', 'a.disabled', 't.expires_at'])
    .where('t.token_hash', '=', hash)
    .where('t.purpose', '=', 'session')
    .where('t.used_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.disabled || new Date(row.expires_at).getTime() <= Date.now()) return null;
  return {
    orgId: row.org_id,
    accountId: row.id,
    customerId: row.customer_id,
    email: row.email,
    displayName: row.display_name,
    hasPassword: !!row.password_hash,
    sessionHash: hash,
    locale: req.locale,
    ip: req.ip,
  };
}

export async function requirePortalActor(req: FastifyRequest, kefu: Kefu): Promise<PortalActor> {
  const actor = await findPortalActor(req, kefu);
  if (!actor) throw unauthenticated();
  return actor;
}

/** Signing out ends this session only (`used_at` marks it spent). */
export async function endPortalSession(db: Kysely<DB>, sessionHash: string): Promise<void> {
  await db.updateTable('portal_tokens').set({ used_at: new Date() }).where('token_hash', '=', sessionHash).where('purpose', '=', 'session').execute();
}
