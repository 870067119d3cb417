import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { type AuditEntry, recordAudit } from '../../platform/audit.js';
import type { AuthInfo } from '../../platform/auth/authenticate.js';
import { lockedFor, type ThrottleKey } from '../../platform/auth/throttle.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError } from '../../platform/errors.js';

/** Small pieces shared by the auth services. */

export const invalidCredentials = () => new AppError('invalid_credentials', 401);

/**
 * 429 with the wait in seconds, which routes send as a Retry-After header (see `withRetryAfter`).
 * The body carries no figure, so answers for real and made-up usernames stay byte-identical.
 */
export class TooManyAttempts extends AppError {
  constructor(readonly retryAfter: number) {
    super('too_many_attempts', 429);
  }
}
export const tooManyAttempts = (retryAfter: number) => new TooManyAttempts(retryAfter);

export async function withRetryAfter<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TooManyAttempts) reply.header('retry-after', String(err.retryAfter));
    throw err;
  }
}

export async function assertNotLocked(db: Kysely<DB>, keys: ThrottleKey[]): Promise<void> {
  const wait = await lockedFor(db, keys);
  if (wait > 0) throw tooManyAttempts(wait);
}

/** An audit entry on its own (auth events are not part of a larger write). */
export async function audit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  await db.transaction().execute((tx) => recordAudit(tx, entry));
}

/**
 * Credential management (password, TOTP, tokens, sessions) needs a signed-in person: an API
 * token, which may have been narrowed or leaked, must not be able to widen or renew itself.
 */
export function requireSession(auth: AuthInfo | null): asserts auth is AuthInfo & { kind: 'session'; sessionId: string } {
  if (!auth || auth.kind !== 'session' || !auth.sessionId) throw new AppError('session_required', 403);
}

export function actorMeta(actor: Actor) {
  return { orgId: actor.orgId, actorId: actor.userId, actorName: actor.displayName, ip: actor.ip };
}
