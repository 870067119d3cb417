import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import { invalidateActor } from '../../platform/auth/actor-cache.js';
import type { AuthInfo } from '../../platform/auth/authenticate.js';
import { API_TOKEN_PREFIX, newSecret } from '../../platform/auth/tokens.js';
import type { Kefu } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { uuidv7 } from '../../platform/ids.js';
import * as repo from './auth.repo.js';
import { presentToken } from './auth.presenter.js';
import type { CreateTokenBody } from './auth.schema.js';

/** Personal API tokens: `Authorization: Bearer kefu_…`; only the SHA-256 of the secret is stored. */

export async function listTokens(kefu: Kefu, actor: Actor, query: { limit: number; cursor?: string }) {
  const rows = await repo.listTokens(kefu.db, actor.orgId, actor.userId, { limit: query.limit, after: decodeCursor(query.cursor) });
  const now = Date.now();
  return toPage(rows, query.limit, (r) => r.created_at.toISOString(), (r) => presentToken(r, now));
}

export async function createToken(kefu: Kefu, actor: Actor, input: CreateTokenBody) {
  const scopes = [...new Set(input.scopes ?? [])].sort();
  // A token can only narrow what its owner holds now; asking for more is refused, not trimmed.
  const notHeld = scopes.filter((p) => !actor.permissions.has(p));
  if (notHeld.length > 0) throw new AppError('token_scope_not_held', 400, { scopes: notHeld });
  const { secret, hash } = newSecret(API_TOKEN_PREFIX);
  const id = uuidv7();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const row = await kefu.db.transaction().execute(async (tx) => {
    const created = await repo.insertToken(tx, {
      org_id: actor.orgId,
      id,
      user_id: actor.userId,
      name: input.name,
      token_hash: hash,
      // Enough of the secret to recognise it in a list, far too little to guess the rest.
      prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
      scopes,
      expires_at: expiresAt,
      // Millisecond precision, like the cursors that page through the list.
      created_at: new Date(),
    });
    await recordAudit(tx, auditBy(actor, { action: 'api_token.create', entityType: 'api_token', entityId: id, after: { name: input.name, scopes, expiresAt } }));
    return created;
  });
  return { token: presentToken(row), secret };
}

/**
 * Revokes one of the caller's tokens. Signed in with a session, any of them; signed in with a
 * token, only that token itself (a leaked token cannot take the owner's other tokens down).
 */
export async function revokeToken(kefu: Kefu, actor: Actor, auth: AuthInfo, id: string): Promise<void> {
  if (auth.kind === 'token' && auth.tokenId !== id) throw new AppError('session_required', 403);
  const existing = await repo.findToken(kefu.db, actor.orgId, actor.userId, id);
  if (!existing) throw notFound('api_token');
  if (existing.revoked_at) return;
  await kefu.db.transaction().execute(async (tx) => {
    const revoked = await repo.revokeToken(tx, actor.orgId, id);
    if (revoked) await recordAudit(tx, auditBy(actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: id, before: { name: existing.name } }));
  });
  await invalidateActor(kefu, actor.orgId, actor.userId);
}
