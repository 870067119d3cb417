import type { Kysely } from 'kysely';
import { DEFAULT_TIMEZONE } from '../../../shared/business-time.js';
import { SLA_METRICS, type SlaMetric } from '../../../shared/tickets.js';
import type { Actor } from '../../platform/actor.js';
import type { JobQueue } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { notFound } from '../../platform/errors.js';
import { findVisibleTicket } from '../tickets/ticket-access.js';
import type { MetricClock } from './sla-clock.js';
import { computeBatch, SlaCache, slaColumns } from './sla-engine.js';
import * as repo from './sla.repo.js';

/** The SLA engine's entry points for other modules (the tickets service) and its own routes. */

export const SLA_RECOMPUTE_JOB = 'sla.recompute';
/** Up to this many open tickets are recomputed in the request that changed a policy; more go to a job. */
export const INLINE_RECOMPUTE_LIMIT = 300;
const BATCH = 500;

/**
 * Recomputes one ticket's SLA and stores the derived columns (policy, due times, state, next
 * check). Call it inside the transaction that changed the ticket, its status or its messages.
 */
export async function refreshTicketSla(db: Kysely<DB>, orgId: string, ticketId: string, now: Date): Promise<void> {
  const ticket = await repo.findTicket(db, orgId, ticketId);
  if (!ticket) return;
  const [result] = await computeBatch(db, new SlaCache(), orgId, [ticket], now);
  await repo.writeSla(db, [slaColumns(result, true)]);
}

/** Recomputes every open ticket of an organization, page by page. Returns how many. */
export async function recomputeOpenTickets(
  db: Kysely<DB>,
  orgId: string,
  now: Date,
  opts: { onProgress?: (done: number) => Promise<void> } = {},
): Promise<number> {
  const cache = new SlaCache();
  let afterId: string | null = null;
  let done = 0;
  for (;;) {
    const page = await repo.openTicketsPage(db, orgId, afterId, BATCH);
    if (page.length === 0) break;
    const results = await computeBatch(db, cache, orgId, page, now);
    await repo.writeSla(db, results.map((r) => slaColumns(r, true)));
    done += page.length;
    afterId = page[page.length - 1].id;
    await opts.onProgress?.(done);
    if (page.length < BATCH) break;
  }
  return done;
}

/**
 * After a policy change: recompute now when the organization has few open tickets (inside the
 * caller's transaction, so the change and its effect commit together), else in a job.
 */
export async function recomputeAfterPolicyChange(db: Kysely<DB>, jobs: JobQueue, orgId: string, now: Date): Promise<{ recomputed: number; jobId: string | null }> {
  if ((await repo.countOpenTickets(db, orgId, INLINE_RECOMPUTE_LIMIT)) <= INLINE_RECOMPUTE_LIMIT) {
    return { recomputed: await recomputeOpenTickets(db, orgId, now), jobId: null };
  }
  const jobId = await jobs.enqueue(db, SLA_RECOMPUTE_JOB, { orgId }, { orgId, uniqueKey: `${SLA_RECOMPUTE_JOB}:${orgId}`, maxAttempts: 3 });
  return { recomputed: 0, jobId };
}

/** A ticket reference as people quote it (its number) or its id; the access check comes after. */
export async function ticketIdByNumber(db: Kysely<DB>, actor: Actor, ref: string): Promise<string> {
  if (!/^\d+$/.test(ref)) return ref;
  const row = await repo.findTicketByNumber(db, actor.orgId, ref);
  if (!row) throw notFound('ticket');
  return row.id;
}

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

function presentMetric(m: MetricClock) {
  return {
    targetMinutes: m.targetMinutes,
    state: m.state,
    startedAt: isoOrNull(m.startedAt),
    elapsedMinutes: m.elapsedMinutes,
    dueAt: isoOrNull(m.dueAt),
    warningAt: isoOrNull(m.warningAt),
    metAt: isoOrNull(m.metAt),
    breachedAt: isoOrNull(m.breachedAt),
    intervals: m.intervals.map((i) => ({ start: i.start.toISOString(), end: i.end.toISOString(), counted: i.counted, reason: i.reason })),
  };
}
export type SlaMetricDto = ReturnType<typeof presentMetric>;

/** Why the ticket's clock stands where it does: policy, calendar, and per metric every interval counted or paused. */
export async function explainTicketSla(db: Kysely<DB>, actor: Actor, ticketId: string, now: Date) {
  const visible = await findVisibleTicket(db, actor, ticketId);
  const ticket = await repo.findTicket(db, actor.orgId, visible.id);
  const [r] = await computeBatch(db, new SlaCache(), actor.orgId, [ticket!], now, { explain: true });
  const metrics = Object.fromEntries(SLA_METRICS.map((k) => [k, r.clock ? presentMetric(r.clock.metrics[k]) : null])) as Record<SlaMetric, SlaMetricDto | null>;
  return {
    ticketId: visible.id,
    number: String(visible.number),
    now: now.toISOString(),
    state: r.clock?.state ?? 'none',
    nextCheckAt: isoOrNull(r.clock?.nextCheckAt ?? null),
    policy: r.policy ? { id: r.policy.id, name: r.policy.name, warnPercent: r.policy.warn_percent } : null,
    // calendar null with a policy = no calendar configured: every minute counts (24×7)
    calendar: r.calendar?.id ? { id: r.calendar.id, name: r.calendar.name } : null,
    timezone: r.calendar?.calendar.timezone ?? DEFAULT_TIMEZONE,
    metrics,
  };
}
export type TicketSlaDto = Awaited<ReturnType<typeof explainTicketSla>>;
