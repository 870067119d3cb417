import type { Actor } from '../actor.js';
import type { Kefu } from '../context.js';
import type { SecuritySettings } from './security-settings.js';
import type { SessionTimes } from './session.js';

/**
 * In-process cache of resolved callers, keyed by the credential's hash, so an authenticated
 * request costs no query in the common case. Entries live a few seconds at most; every change
 * that affects who a user is or whether a credential still works (logout, revoke, password
 * change, role change, user disabled) calls `invalidateActor`, which drops the entries here and
 * publishes `auth.invalidate` on the event bus so every other node drops them too.
 */
export type CachedAuth = {
  kind: 'session' | 'token';
  /** Session id (hash of the cookie) or API token id. */
  credentialId: string;
  orgId: string;
  userId: string;
  actor: Actor;
  settings: SecuritySettings;
  /** Sessions only: for idle and absolute timeouts without a query. */
  session?: SessionTimes;
  tokenExpiresAt?: Date | null;
  /** When last_seen_at / last_used_at was last written (ms). */
  lastTouch: number;
  totpEnabled: boolean;
  mfaSetupRequired: boolean;
  cachedAt: number;
};

export const ACTOR_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;
export const INVALIDATE_EVENT = 'auth.invalidate';

export class ActorCache {
  private entries = new Map<string, CachedAuth>();
  /** Bumped by every invalidation: a lookup that started before one must not fill the cache. */
  private generation = 0;

  constructor(private readonly ttlMs = ACTOR_CACHE_TTL_MS) {}

  get(key: string, now = Date.now()): CachedAuth | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.cachedAt >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** A token to pass to `set`: taken before reading the database. */
  ticket(): number {
    return this.generation;
  }

  set(key: string, entry: CachedAuth, ticket: number): void {
    if (ticket !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) {
      // Map iteration is insertion order: drop the oldest tenth.
      let n = Math.ceil(MAX_ENTRIES / 10);
      for (const k of this.entries.keys()) {
        this.entries.delete(k);
        if (--n <= 0) break;
      }
    }
    this.entries.set(key, entry);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops the entries of one user, or of a whole organization when `userId` is null. */
  invalidate(orgId: string, userId: string | null): void {
    this.generation++;
    for (const [k, e] of this.entries) {
      if (e.orgId === orgId && (userId === null || e.userId === userId)) this.entries.delete(k);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<object, ActorCache>();

/** The cache of one Kefu instance (one per node); subscribes it to cross-node invalidations. */
export function actorCache(kefu: Pick<Kefu, 'events'>): ActorCache {
  let cache = caches.get(kefu.events);
  if (!cache) {
    const created = new ActorCache();
    kefu.events.subscribe((event) => {
      if (event.type !== INVALIDATE_EVENT) return;
      const data = event.data as { userId?: unknown } | null;
      created.invalidate(event.orgId, typeof data?.userId === 'string' ? data.userId : null);
    });
    caches.set(kefu.events, created);
    cache = created;
  }
  return cache;
}

/**
 * Makes every node forget cached callers of a user (or of every user of the org when `userId`
 * is omitted, e.g. after a role's permissions change). Call it after the transaction that made
 * the change has committed.
 */
export async function invalidateActor(kefu: Pick<Kefu, 'events'>, orgId: string, userId?: string | null): Promise<void> {
  actorCache(kefu).invalidate(orgId, userId ?? null);
  // Delivered to the user's own realtime clients too (a hint to refetch /me); nobody else.
  await kefu.events.publish({ orgId, type: INVALIDATE_EVENT, data: { userId: userId ?? null }, userIds: userId ? [userId] : [] });
}
