import { type Kysely, sql } from 'kysely';
import { newSecret, sha256 } from '../../platform/auth/tokens.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError } from '../../platform/errors.js';

/**
 * The visitor's hold on one chat: a random token handed out once, of which only the SHA-256 is
 * stored. It travels in a header, not a cookie: the widget runs in an iframe on another site,
 * where browsers increasingly refuse third-party cookies.
 */

export const CHAT_TOKEN_PREFIX = 'kc_';
export const CHAT_SESSION_DAYS = 7;
/** `last_seen_at` is written at most this often, so polling every few seconds is a read. */
const SEEN_EVERY_MS = 60_000;

export type ChatSessionRef = { orgId: string; ticketId: string; tokenHash: string; expiresAt: Date };

export async function createChatSession(tx: Kysely<DB>, input: { orgId: string; ticketId: string; now: Date }): Promise<{ token: string; expiresAt: Date }> {
  const { secret, hash } = newSecret(CHAT_TOKEN_PREFIX);
  const expiresAt = new Date(input.now.getTime() + CHAT_SESSION_DAYS * 86_400_000);
  await tx.insertInto('chat_sessions').values({ token_hash: hash, org_id: input.orgId, ticket_id: input.ticketId, created_at: input.now, expires_at: expiresAt, last_seen_at: input.now }).execute();
  if (Math.random() < 0.01) await pruneChatSessions(tx, input.now);
  return { token: secret, expiresAt };
}

export const chatSessionInvalid = () => new AppError('chat_session_invalid', 401);

/** The session a token names, if it has not expired; 401 otherwise (unknown and expired look the same). */
export async function resolveChatSession(db: Kysely<DB>, token: string | undefined, now = new Date()): Promise<ChatSessionRef> {
  if (!token || !token.startsWith(CHAT_TOKEN_PREFIX) || token.length > 200) throw chatSessionInvalid();
  const hash = sha256(token);
  const row = await db
    .selectFrom('chat_sessions')
    .select(['org_id', 'ticket_id', 'expires_at', 'last_seen_at'])
    .where('token_hash', '=', hash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) throw chatSessionInvalid();
  if (now.getTime() - row.last_seen_at.getTime() > SEEN_EVERY_MS) {
    await db.updateTable('chat_sessions').set({ last_seen_at: now }).where('token_hash', '=', hash).execute();
  }
  return { orgId: row.org_id, ticketId: row.ticket_id, tokenHash: hash, expiresAt: row.expires_at };
}

/** Drops sessions expired for a day or more. */
export async function pruneChatSessions(db: Kysely<DB>, now = new Date()): Promise<void> {
  await db.deleteFrom('chat_sessions').where('expires_at', '<', sql<Date>`${now}::timestamptz - interval '1 day'`).execute();
}
