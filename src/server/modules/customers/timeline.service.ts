import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db-schema.js';
import { decodeCursor, type Page, toPage } from '../../platform/http/pagination.js';
import { uuidv7 } from '../../platform/ids.js';
import type { TimelineEntryView, TimelineKind } from '../../../shared/customers.js';

/** Kinds that are contact with the customer: they move `last_activity_at` (retention reads it). */
const ACTIVITY_KINDS: ReadonlySet<string> = new Set(['created', 'note', 'ticket', 'call', 'message', 'visit', 'survey', 'order', 'payment']);

export type TimelineEntry = {
  orgId: string;
  customerId: string;
  kind: TimelineKind;
  /** A short line shown as is (an order number, a ticket subject); the UI labels the kind. */
  title: string;
  detail?: Record<string, unknown>;
  /** The record this entry stands for, so the UI can link to it (`ticket`, `order`, …). */
  sourceType?: string | null;
  sourceId?: string | null;
  actorId?: string | null;
  at?: Date;
};

/**
 * The one way any module adds to a customer's 360 timeline (§2.5). Runs in the caller's
 * transaction so the entry lands with the business write or not at all.
 */
export async function appendTimeline(db: Kysely<DB>, entry: TimelineEntry): Promise<void> {
  await appendTimelineMany(db, [entry]);
}

export async function appendTimelineMany(db: Kysely<DB>, entries: readonly TimelineEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const now = new Date();
  await db
    .insertInto('customer_timeline')
    .values(
      entries.map((e) => ({
        org_id: e.orgId,
        id: uuidv7(),
        customer_id: e.customerId,
        at: e.at ?? now,
        kind: e.kind,
        title: e.title.slice(0, 200),
        detail: e.detail ?? {},
        source_type: e.sourceType ?? null,
        source_id: e.sourceId ?? null,
        actor_id: e.actorId ?? null,
      })),
    )
    .execute();
  const active = entries.filter((e) => ACTIVITY_KINDS.has(e.kind));
  for (const e of active) {
    await db
      .updateTable('customers')
      .set({ last_activity_at: sql`greatest(last_activity_at, ${e.at ?? now})` })
      .where('org_id', '=', e.orgId)
      .where('id', '=', e.customerId)
      .execute();
  }
}

/** A page of one customer's timeline, newest first; the caller has checked the customer's scope. */
export async function listTimeline(
  db: Kysely<DB>,
  actor: Actor,
  customerId: string,
  opts: { limit: number; cursor?: string; kinds?: readonly string[] },
): Promise<Page<TimelineEntryView>> {
  let q = db
    .selectFrom('customer_timeline as t')
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 't.org_id').onRef('u.id', '=', 't.actor_id'))
    .select(['t.id', 't.at', 't.kind', 't.title', 't.detail', 't.source_type', 't.source_id', 't.actor_id', 'u.display_name as actor_name'])
    .where('t.org_id', '=', actor.orgId)
    .where('t.customer_id', '=', customerId);
  if (opts.kinds && opts.kinds.length > 0) q = q.where('t.kind', 'in', opts.kinds);
  const cursor = decodeCursor(opts.cursor);
  if (cursor) q = q.where(sql<boolean>`(t.at, t.id) < (cast(${cursor.v} as timestamptz), cast(${cursor.id} as uuid))`);
  const rows = await q.orderBy('t.at', 'desc').orderBy('t.id', 'desc').limit(opts.limit + 1).execute();
  const names = await ownerNames(db, actor.orgId, rows);
  return toPage(rows, opts.limit, (r) => r.at.toISOString(), (r) => ({
    id: r.id,
    at: r.at.toISOString(),
    kind: r.kind,
    title: r.title,
    detail: r.kind === 'owner' ? { ...r.detail, fromName: names.get(String(r.detail?.from)) ?? null, toName: names.get(String(r.detail?.to)) ?? null } : (r.detail ?? {}),
    sourceType: r.source_type,
    sourceId: r.source_id,
    actorId: r.actor_id,
    actorName: r.actor_name,
  }));
}

/** Owner changes store user ids; the timeline shows who, by their current display names. */
async function ownerNames(db: Kysely<DB>, orgId: string, rows: { kind: string; detail: Record<string, unknown> | null }[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const r of rows) {
    if (r.kind !== 'owner') continue;
    for (const v of [r.detail?.from, r.detail?.to]) if (typeof v === 'string') ids.add(v);
  }
  if (ids.size === 0) return new Map();
  const users = await db.selectFrom('users').select(['id', 'display_name']).where('org_id', '=', orgId).where('id', 'in', [...ids]).execute();
  return new Map(users.map((u) => [u.id, u.display_name]));
}
