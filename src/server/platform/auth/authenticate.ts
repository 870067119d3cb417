import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadActor } from '../actor.js';
import type { Actor } from '../actor.js';
import { auditBy, recordAudit } from '../audit.js';
import type { Kefu } from '../context.js';
import { AppError } from '../errors.js';
import { pickLocale } from '../i18n.js';
import { actorCache, type CachedAuth } from './actor-cache.js';
import { mustSetUpTotp, securitySettings } from './security-settings.js';
import { LAST_SEEN_RESOLUTION_MS, sessionAlive } from './session.js';
import { API_TOKEN_PREFIX, SESSION_COOKIE, sha256 } from './tokens.js';

/** How the current request authenticated; null when anonymous. */
export type AuthInfo = {
  kind: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  totpEnabled: boolean;
  /** An administrator who must enrol TOTP first (org setting `security.requireTotpForAdmins`). */
  mfaSetupRequired: boolean;
};

declare module 'fastify' {
  interface FastifyRequest {
    kefuAuth: AuthInfo | null;
  }
}

async function resolveToken(kefu: Kefu, secret: string, ip: string): Promise<CachedAuth | null> {
  const cache = actorCache(kefu);
  const hash = sha256(secret);
  const key = `t:${hash}`;
  const now = Date.now();
  const hit = cache.get(key, now);
  if (hit) {
    if (hit.tokenExpiresAt && hit.tokenExpiresAt.getTime() <= now) {
      cache.delete(key);
      return null;
    }
    await touchToken(kefu, hit, now);
    return hit;
  }
  const ticket = cache.ticket();
  const row = await kefu.db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', (j) => j.onRef('u.org_id', '=', 't.org_id').onRef('u.id', '=', 't.user_id'))
    .innerJoin('orgs as o', 'o.id', 't.org_id')
    .select(['t.id', 't.org_id', 't.user_id', 't.scopes', 't.expires_at', 't.revoked_at', 't.last_used_at', 'u.totp_enabled', 'o.settings'])
    .where('t.token_hash', '=', hash)
    .executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at.getTime() <= now)) return null;
  const actor = await loadActor(kefu.db, row.org_id, row.user_id, { ip, tokenId: row.id, tokenScopes: row.scopes });
  if (!actor) return null;
  const settings = securitySettings(row.settings);
  const entry: CachedAuth = {
    kind: 'token',
    credentialId: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    actor,
    settings,
    tokenExpiresAt: row.expires_at,
    lastTouch: row.last_used_at?.getTime() ?? 0,
    totpEnabled: row.totp_enabled,
    mfaSetupRequired: mustSetUpTotp(settings, actor.roleCodes, row.totp_enabled),
    cachedAt: now,
  };
  await touchToken(kefu, entry, now);
  cache.set(key, entry, ticket);
  return entry;
}

async function resolveSession(kefu: Kefu, cookie: string, ip: string): Promise<CachedAuth | null> {
  const cache = actorCache(kefu);
  const hash = sha256(cookie);
  const key = `s:${hash}`;
  const now = Date.now();
  const hit = cache.get(key, now);
  if (hit?.session && sessionAlive(hit.session, hit.settings, now)) {
    await touchSession(kefu, hit, now);
    return hit;
  }
  // A cached entry that looks expired is re-read: another node may have seen activity since.
  if (hit) cache.delete(key);
  const ticket = cache.ticket();
  const row = await kefu.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) => j.onRef('u.org_id', '=', 's.org_id').onRef('u.id', '=', 's.user_id'))
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .select(['s.id', 's.org_id', 's.user_id', 's.created_at', 's.last_seen_at', 's.expires_at', 's.revoked_at', 's.mfa_pending', 'u.totp_enabled', 'o.settings'])
    .where('s.id', '=', hash)
    .executeTakeFirst();
  if (!row || row.mfa_pending) return null;
  const settings = securitySettings(row.settings);
  const times = { created_at: row.created_at, last_seen_at: row.last_seen_at, expires_at: row.expires_at, revoked_at: row.revoked_at };
  if (!sessionAlive(times, settings, now)) return null;
  const actor = await loadActor(kefu.db, row.org_id, row.user_id, { ip, sessionId: row.id });
  if (!actor) return null;
  const entry: CachedAuth = {
    kind: 'session',
    credentialId: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    actor,
    settings,
    session: times,
    lastTouch: row.last_seen_at.getTime(),
    totpEnabled: row.totp_enabled,
    mfaSetupRequired: mustSetUpTotp(settings, actor.roleCodes, row.totp_enabled),
    cachedAt: now,
  };
  await touchSession(kefu, entry, now);
  cache.set(key, entry, ticket);
  return entry;
}

/** Writes last_seen_at at most once a minute; the WHERE keeps concurrent nodes from repeating it. */
async function touchSession(kefu: Kefu, entry: CachedAuth, now: number): Promise<void> {
  if (now - entry.lastTouch < LAST_SEEN_RESOLUTION_MS) return;
  entry.lastTouch = now;
  const at = new Date(now);
  if (entry.session) entry.session = { ...entry.session, last_seen_at: at };
  await kefu.db
    .updateTable('sessions')
    .set({ last_seen_at: at })
    .where('id', '=', entry.credentialId)
    .where('last_seen_at', '<', new Date(now - LAST_SEEN_RESOLUTION_MS))
    .execute();
}

async function touchToken(kefu: Kefu, entry: CachedAuth, now: number): Promise<void> {
  if (now - entry.lastTouch < LAST_SEEN_RESOLUTION_MS) return;
  entry.lastTouch = now;
  await kefu.db
    .updateTable('api_tokens')
    .set({ last_used_at: new Date(now) })
    .where('org_id', '=', entry.orgId)
    .where('id', '=', entry.credentialId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now - LAST_SEEN_RESOLUTION_MS))]))
    .execute();
}

/** Resolves the caller from the session cookie or a `Bearer kefu_…` API token; null when anonymous. */
export async function resolveAuth(kefu: Kefu, req: FastifyRequest): Promise<CachedAuth | null> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const secret = header.slice(7).trim();
    return secret.startsWith(API_TOKEN_PREFIX) ? resolveToken(kefu, secret, req.ip) : null;
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  return cookie ? resolveSession(kefu, cookie, req.ip) : null;
}

/** Compatibility entry: the actor alone. */
export async function resolveActor(app: FastifyInstance, req: FastifyRequest): Promise<Actor | null> {
  const auth = await resolveAuth(app.kefu, req);
  return auth ? { ...auth.actor, ip: req.ip } : null;
}

/** What an administrator who still has to enrol TOTP may reach. */
const MFA_SETUP_ALLOWED = new Set([
  'GET /api/v1/me',
  'PATCH /api/v1/me',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/logout-all',
  // Signing in again (as someone else) is never blocked by the session the browser still holds.
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/totp',
]);

function allowedDuringMfaSetup(req: FastifyRequest): boolean {
  const pattern = req.routeOptions.url;
  if (!pattern) return false;
  return MFA_SETUP_ALLOWED.has(`${req.method} ${pattern}`) || (req.method === 'POST' && pattern.startsWith('/api/v1/me/totp/'));
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export function installAuthentication(app: FastifyInstance): void {
  app.decorateRequest('kefuAuth', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const auth = await resolveAuth(app.kefu, req);
    if (!auth) return;
    const actor: Actor = { ...auth.actor, ip: req.ip };
    req.actor = actor;
    req.locale = pickLocale(actor.locale);
    req.kefuAuth = {
      kind: auth.kind,
      sessionId: auth.kind === 'session' ? auth.credentialId : undefined,
      tokenId: auth.kind === 'token' ? auth.credentialId : undefined,
      totpEnabled: auth.totpEnabled,
      mfaSetupRequired: auth.mfaSetupRequired,
    };
    req.onForbidden = async (permission: string) => {
      const path = pathOf(req.url);
      try {
        await app.kefu.db.transaction().execute((tx) =>
          recordAudit(
            tx,
            auditBy(actor, {
              action: 'access.denied',
              entityType: 'route',
              entityId: `${req.method} ${path}`.slice(0, 500),
              after: { permission, method: req.method, url: path.slice(0, 500), route: req.routeOptions.url ?? null, tokenId: actor.tokenId ?? null },
            }),
          ),
        );
      } catch (err) {
        // The refusal itself must still be answered; a failed audit write is logged.
        req.log.error({ err }, 'could not audit a refused access');
      }
    };
    if (auth.mfaSetupRequired && !allowedDuringMfaSetup(req)) throw new AppError('mfa_setup_required', 403);
  });
}
