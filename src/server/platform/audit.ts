import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from './actor.js';
import type { DB } from './db-schema.js';
import { uuidv7 } from './ids.js';

export type AuditEntry = {
  orgId: string;
  /** Dotted verb: `user.create`, `auth.login`, `auth.login_failed`, `pii.reveal`, `data.export`, `access.denied` … */
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  actorId?: string | null;
  actorName?: string | null;
  ip?: string | null;
};

/** Fields that never enter the audit log, even hashed. */
const SECRET_FIELDS = new Set(['password', 'password_hash', 'totp_secret', 'secret', 'token_hash', 'token']);

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}

/** Canonical JSON: keys sorted at every level, so the hash does not depend on key order. */
export function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type ChainedFields = {
  org_id: string;
  seq: number;
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  prev_hash: string;
};

/** hash = SHA-256(prev_hash + canonical(entry without hash)). */
export function entryHash(e: ChainedFields): string {
  const { prev_hash, ...rest } = e;
  return createHash('sha256').update(prev_hash).update(canonical({ ...rest, at: new Date(e.at).toISOString() })).digest('hex');
}

/**
 * Appends one entry to the organization's hash chain. Call it with the transaction that
 * makes the change, so the write and its audit record commit together. The chain head row
 * is locked for the rest of the transaction: appends within one org are serialized.
 */
export async function recordAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  const head = await db
    .updateTable('audit_heads')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('org_id', '=', entry.orgId)
    .returning(['seq', 'hash'])
    .executeTakeFirst();
  if (!head) throw new Error(`audit chain head missing for org ${entry.orgId}`);
  const fields: ChainedFields = {
    org_id: entry.orgId,
    seq: head.seq,
    id: uuidv7(),
    // millisecond precision: what PostgreSQL stores is what the hash saw
    at: new Date(Math.floor(Date.now())),
    actor_id: entry.actorId ?? null,
    actor_name: entry.actorName ?? null,
    ip: entry.ip ?? null,
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId ?? null,
    before: entry.before === undefined ? null : JSON.parse(JSON.stringify(redact(entry.before))),
    after: entry.after === undefined ? null : JSON.parse(JSON.stringify(redact(entry.after))),
    reason: entry.reason ?? null,
    prev_hash: head.hash,
  };
  const hash = entryHash(fields);
  await db
    .insertInto('audit_log')
    .values({
      ...fields,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      hash,
    })
    .execute();
  await db.updateTable('audit_heads').set({ hash }).where('org_id', '=', entry.orgId).execute();
}

/** Shorthand for an entry made by a request's actor. */
export function auditBy(actor: Actor, entry: Omit<AuditEntry, 'orgId' | 'actorId' | 'actorName' | 'ip'>): AuditEntry {
  return { ...entry, orgId: actor.orgId, actorId: actor.userId, actorName: actor.displayName, ip: actor.ip };
}
