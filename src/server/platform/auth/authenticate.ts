import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadActor } from '../actor.js';
import type { Actor } from '../actor.js';
import { pickLocale } from '../i18n.js';
import { API_TOKEN_PREFIX, SESSION_COOKIE, sha256 } from './tokens.js';

/** Resolves the caller from the session cookie or a `Bearer kefu_…` API token; null when anonymous. */
export async function resolveActor(app: FastifyInstance, req: FastifyRequest): Promise<Actor | null> {
  const db = app.kefu.db;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const secret = auth.slice(7).trim();
    if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
    const token = await db
      .selectFrom('api_tokens')
      .select(['id', 'org_id', 'user_id', 'scopes', 'expires_at', 'revoked_at'])
      .where('token_hash', '=', sha256(secret))
      .executeTakeFirst();
    if (!token || token.revoked_at || (token.expires_at && token.expires_at < new Date())) return null;
    return loadActor(db, token.org_id, token.user_id, { ip: req.ip, tokenId: token.id, tokenScopes: token.scopes });
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (!cookie) return null;
  const session = await db
    .selectFrom('sessions')
    .select(['id', 'org_id', 'user_id', 'expires_at', 'revoked_at', 'mfa_pending'])
    .where('id', '=', sha256(cookie))
    .executeTakeFirst();
  if (!session || session.revoked_at || session.mfa_pending || session.expires_at < new Date()) return null;
  return loadActor(db, session.org_id, session.user_id, { ip: req.ip, sessionId: session.id });
}

export function installAuthentication(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    req.actor = await resolveActor(app, req);
    if (req.actor) req.locale = pickLocale(req.actor.locale);
  });
}
