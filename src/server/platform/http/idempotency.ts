import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Actor } from '../actor.js';
import { canonical } from '../audit.js';
import type { DB } from '../db-schema.js';
import { AppError } from '../errors.js';

/** Keys are remembered this long; after that the same key starts a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * A pending key older than this belongs to a request whose node died between claiming the key
 * and storing the answer; it may be taken over so the client is not locked out for a day.
 */
export const IDEMPOTENCY_ABANDONED_MS = 5 * 60 * 1000;

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

/** The request's Idempotency-Key (1–200 visible ASCII characters), or undefined when absent. */
export function readIdempotencyKey(req: FastifyRequest): string | undefined {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (Array.isArray(raw) && raw.length > 1) throw invalidKey();
  if (!KEY_PATTERN.test(value)) throw invalidKey();
  return value;
}

function invalidKey() {
  return new AppError('validation', 400, [
    { path: ['headers', 'Idempotency-Key'], code: 'invalid_idempotency_key', message: 'Idempotency-Key must be 1–200 visible ASCII characters' },
  ]);
}

export function bodyHash(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

export type StoredAnswer = { status: number; body: unknown; headers?: Record<string, string> };

type Claim = { kind: 'claimed' } | { kind: 'replay'; answer: StoredAnswer };

/**
 * Claims `key` for this request, or tells how to answer when the key was seen before:
 * the same completed request is replayed; another body or path → 422; still running → 409.
 */
async function claim(db: Kysely<DB>, actor: Actor, key: string, method: string, path: string, hash: string): Promise<Claim> {
  for (let round = 0; round < 3; round++) {
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({ org_id: actor.orgId, actor_id: actor.userId, key, method, path, body_hash: hash })
      .onConflict((oc) => oc.columns(['org_id', 'actor_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return { kind: 'claimed' };

    const existing = await db
      .selectFrom('idempotency_keys')
      .select(['method', 'path', 'body_hash', 'status_code', 'response', 'created_at'])
      .where('org_id', '=', actor.orgId)
      .where('actor_id', '=', actor.userId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!existing) continue; // deleted meanwhile (a failed attempt): claim again

    const age = Date.now() - new Date(existing.created_at).getTime();
    const expired = age > IDEMPOTENCY_TTL_MS;
    const abandoned = existing.status_code === null && age > IDEMPOTENCY_ABANDONED_MS;
    if (expired || abandoned) {
      // Compare-and-delete on created_at, so two nodes do not both take over the same stale row.
      await db
        .deleteFrom('idempotency_keys')
        .where('org_id', '=', actor.orgId)
        .where('actor_id', '=', actor.userId)
        .where('key', '=', key)
        .where('created_at', '=', existing.created_at)
        .execute();
      continue;
    }
    if (existing.method !== method || existing.path !== path || existing.body_hash !== hash) {
      throw new AppError('idempotency_mismatch', 422, { key });
    }
    if (existing.status_code === null) throw new AppError('idempotency_in_progress', 409, { key });
    const stored = (existing.response ?? null) as { body?: unknown; headers?: Record<string, string> } | null;
    return { kind: 'replay', answer: { status: existing.status_code, body: stored?.body, headers: stored?.headers } };
  }
  throw new AppError('idempotency_in_progress', 409, { key });
}

/**
 * Runs a POST at most once per (organization, actor, key). `run` performs the request and
 * returns the answer to send (null when it replied by itself); that answer is stored and
 * replayed for retries with the same key. When `run` fails, the key is released so the
 * client may retry.
 */
export async function withIdempotency(
  req: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  key: string,
  run: () => Promise<StoredAnswer | null>,
): Promise<StoredAnswer | null> {
  const db = req.server.kefu.db;
  const method = req.method;
  const path = req.url;
  const claimed = await claim(db, actor, key, method, path, bodyHash(req.body ?? null));
  if (claimed.kind === 'replay') {
    reply.header(REPLAYED_HEADER, 'true');
    for (const [name, value] of Object.entries(claimed.answer.headers ?? {})) reply.header(name, value);
    return claimed.answer;
  }
  const where = (q: any) => q.where('org_id', '=', actor.orgId).where('actor_id', '=', actor.userId).where('key', '=', key);
  const release = () => where(db.deleteFrom('idempotency_keys')).execute();
  let answer: StoredAnswer | null;
  try {
    answer = await run();
  } catch (err) {
    await release().catch(() => {});
    throw err;
  }
  if (answer === null) {
    // The handler streamed its own reply: nothing faithful to replay, so the key is released.
    await release();
    return null;
  }
  await where(db.updateTable('idempotency_keys'))
    .set({
      status_code: answer.status,
      response: JSON.stringify({ body: answer.body === undefined ? null : answer.body, headers: answer.headers ?? {} }),
    })
    .execute();
  return answer;
}

/** Forgets keys older than the retention window; returns how many were removed. */
export async function purgeIdempotencyKeys(db: Kysely<DB>, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
  const res = await db.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(res.numDeletedRows ?? 0);
}
