import { sql, type Kysely } from 'kysely';
import type { DB } from '../db-schema.js';

/**
 * Login throttling in the `login_throttle` table, so every server node sees the same counters.
 * Two kinds of key: the account (org + lower-cased username, whether or not the user exists, so
 * answers never reveal which usernames are real) and the client address. Each key counts failures
 * in a fixed window; reaching the limit locks the key for `lockMs`. A lock that has run out starts
 * a fresh window on the next failure.
 */
export type ThrottleRule = { limit: number; windowMs: number; lockMs: number };

export const ACCOUNT_RULE: ThrottleRule = { limit: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { limit: 50, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export type ThrottleKey = { key: string; rule: ThrottleRule };

export function accountKey(orgId: string, username: string): ThrottleKey {
  return { key: `acct:${orgId}:${username.normalize('NFKC').toLowerCase()}`, rule: ACCOUNT_RULE };
}

export function addressKey(ip: string): ThrottleKey {
  return { key: `ip:${ip}`, rule: ADDRESS_RULE };
}

/** Seconds until every given key is unlocked; 0 when none is locked. */
export async function lockedFor(db: Kysely<DB>, keys: ThrottleKey[], now = new Date()): Promise<number> {
  const rows = await db
    .selectFrom('login_throttle')
    .select(['locked_until'])
    .where(
      'key',
      'in',
      keys.map((k) => k.key),
    )
    .where('locked_until', '>', now)
    .execute();
  let until = 0;
  for (const r of rows) if (r.locked_until) until = Math.max(until, r.locked_until.getTime());
  return until ? Math.max(1, Math.ceil((until - now.getTime()) / 1000)) : 0;
}

/** Counts one failure against each key (atomically, across nodes); returns seconds locked afterwards, 0 if not locked. */
export async function recordFailure(db: Kysely<DB>, keys: ThrottleKey[], now = new Date()): Promise<number> {
  let lockedSeconds = 0;
  for (const { key, rule } of keys) {
    const windowFloor = new Date(now.getTime() - rule.windowMs);
    const lockUntil = new Date(now.getTime() + rule.lockMs);
    // A row starts afresh when its window has passed or its lock has run out.
    const stale = sql<boolean>`(login_throttle.window_start <= ${windowFloor} OR (login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until <= ${now}))`;
    const row = await db
      .insertInto('login_throttle')
      .values({ key, failures: 1, window_start: now, locked_until: rule.limit <= 1 ? lockUntil : null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql`CASE WHEN ${stale} THEN 1 ELSE login_throttle.failures + 1 END`,
          window_start: sql`CASE WHEN ${stale} THEN ${now}::timestamptz ELSE login_throttle.window_start END`,
          locked_until: sql`CASE
            WHEN ${stale} THEN NULL
            WHEN login_throttle.locked_until > ${now} THEN login_throttle.locked_until
            WHEN login_throttle.failures + 1 >= ${rule.limit} THEN ${lockUntil}::timestamptz
            ELSE NULL END`,
        }),
      )
      .returning(['locked_until'])
      .executeTakeFirstOrThrow();
    if (row.locked_until && row.locked_until > now) {
      lockedSeconds = Math.max(lockedSeconds, Math.ceil((row.locked_until.getTime() - now.getTime()) / 1000));
    }
  }
  if (Math.random() < 0.01) await pruneThrottle(db, now);
  return lockedSeconds;
}

/** A successful sign-in clears the account's counter (not the address's). */
export async function resetThrottle(db: Kysely<DB>, key: ThrottleKey): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key.key).execute();
}

/** Drops rows whose window and lock are long over. */
export async function pruneThrottle(db: Kysely<DB>, now = new Date()): Promise<void> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  await db
    .deleteFrom('login_throttle')
    .where('window_start', '<', dayAgo)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute();
}
