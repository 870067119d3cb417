import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { ComplaintStats, ComplaintSummary } from '../../../shared/complaints.js';
import { COMPLAINT_ROOT_CAUSES, COMPLAINT_SEVERITIES, COMPLAINT_STEPS, type ComplaintStep } from '../../../shared/tickets.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/access.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, pageQuery, type Page, toPage } from '../../platform/http/pagination.js';
import { visibleTo } from '../tickets/tickets.repo.js';
import './complaints.tables.js';

type Tx = Kysely<DB>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(200)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional();

export const listComplaintsQuery = z.strictObject({
  ...pageQuery,
  step: csv([...COMPLAINT_STEPS, 'done'] as const),
  severity: csv(COMPLAINT_SEVERITIES),
  rootCause: csv(COMPLAINT_ROOT_CAUSES),
  late: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ownerId: z.union([z.uuid(), z.literal('me')]).optional(),
});
export type ListComplaintsQuery = z.infer<typeof listComplaintsQuery>;

export const statsQuery = z.strictObject({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() });

/** A step is late when unfinished past its due time, or finished after it. */
const LATE_STEP = sql<boolean>`(s.due_at IS NOT NULL AND coalesce(s.completed_at, now()) > s.due_at)`;

/** Complaints in the caller's ticket scope, newest first: where each stands and who is late. */
export async function listComplaints(db: Tx, actor: Actor, query: ListComplaintsQuery): Promise<Page<ComplaintSummary>> {
  authorize(actor, 'tickets.read');
  const now = new Date();
  let q = db
    .selectFrom('complaints as c')
    .innerJoin('tickets as t', (j) => j.onRef('t.org_id', '=', 'c.org_id').onRef('t.id', '=', 'c.ticket_id'))
    .leftJoin('customers as cu', (j) => j.onRef('cu.org_id', '=', 't.org_id').onRef('cu.id', '=', 't.customer_id'))
    .leftJoin('complaint_steps as cs', (j) => j.onRef('cs.org_id', '=', 'c.org_id').onRef('cs.ticket_id', '=', 'c.ticket_id').onRef('cs.step', '=', 'c.current_step'))
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 'cs.org_id').onRef('u.id', '=', 'cs.owner_id'))
    .select([
      'c.ticket_id as id',
      'c.severity',
      'c.root_cause',
      'c.current_step',
      'c.created_at',
      't.number',
      't.subject',
      't.status',
      't.customer_id',
      'cu.name as customer_name',
      'cs.owner_id',
      'u.display_name as owner_name',
      'cs.due_at',
      sql<string>`(SELECT count(*) FROM complaint_steps s WHERE s.org_id = c.org_id AND s.ticket_id = c.ticket_id AND s.completed_at IS NOT NULL)`.as('steps_done'),
      sql<string>`(SELECT count(*) FROM complaint_steps s WHERE s.org_id = c.org_id AND s.ticket_id = c.ticket_id AND ${LATE_STEP})`.as('late_steps'),
    ])
    .where('c.org_id', '=', actor.orgId)
    .where('t.deleted_at', 'is', null)
    .where(visibleTo(db, actor));
  if (query.step?.length) q = q.where('c.current_step', 'in', query.step);
  if (query.severity?.length) q = q.where('c.severity', 'in', query.severity);
  if (query.rootCause?.length) q = q.where('c.root_cause', 'in', query.rootCause);
  if (query.ownerId) q = q.where('cs.owner_id', '=', query.ownerId === 'me' ? actor.userId : query.ownerId);
  if (query.late === true) q = q.where('cs.completed_at', 'is', null).where('cs.due_at', '<', now);
  if (query.late === false) q = q.where((eb) => eb.or([eb('cs.due_at', 'is', null), eb('cs.due_at', '>=', now)]));
  const cursor = decodeCursor(query.cursor);
  if (cursor) q = q.where(sql<boolean>`(c.created_at, c.ticket_id) < (cast(${cursor.v} as timestamptz), cast(${cursor.id} as uuid))`);
  const rows = await q.orderBy('c.created_at', 'desc').orderBy('c.ticket_id', 'desc').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, (r) => new Date(r.created_at).toISOString(), (r) => ({
    ticketId: r.id,
    ticketNumber: String(r.number),
    ticketSubject: r.subject,
    ticketStatus: r.status,
    customer: r.customer_id ? { id: r.customer_id, name: r.customer_name ?? '' } : null,
    severity: r.severity,
    rootCause: r.root_cause,
    currentStep: r.current_step,
    stepsDone: Number(r.steps_done),
    owner: r.current_step !== 'done' && r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
    dueAt: r.current_step !== 'done' && r.due_at ? new Date(r.due_at).toISOString() : null,
    late: r.current_step !== 'done' && !!r.due_at && new Date(r.due_at) < now,
    lateSteps: Number(r.late_steps),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/**
 * Complaint statistics over complaints opened in [from, to) (default: the last 30 days), in
 * the caller's scope: by root cause, severity and current step; per step the late counts and
 * the average hours it took (wall clock, start to completion). These feed improvement (§10.4).
 */
export async function complaintStats(db: Tx, actor: Actor, query: z.infer<typeof statsQuery>): Promise<ComplaintStats> {
  authorize(actor, 'tickets.read');
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 86_400_000);
  if (from >= to) throw new AppError('validation', 400, [{ path: ['query', 'from'], code: 'complaint_range', message: 'from must be before to' }]);
  const base = () =>
    db
      .selectFrom('complaints as c')
      .innerJoin('tickets as t', (j) => j.onRef('t.org_id', '=', 'c.org_id').onRef('t.id', '=', 'c.ticket_id'))
      .where('c.org_id', '=', actor.orgId)
      .where('t.deleted_at', 'is', null)
      .where('c.created_at', '>=', from)
      .where('c.created_at', '<', to)
      .where(visibleTo(db, actor));
  const count = sql<string>`count(*)`;
  const [causes, severities, current, steps, late] = await Promise.all([
    base().select([sql<string>`coalesce(c.root_cause, 'unknown')`.as('k'), count.as('n')]).groupBy(sql`coalesce(c.root_cause, 'unknown')`).execute(),
    base().select(['c.severity as k', count.as('n')]).groupBy('c.severity').execute(),
    base().select(['c.current_step as k', count.as('n')]).groupBy('c.current_step').execute(),
    base()
      .innerJoin('complaint_steps as s', (j) => j.onRef('s.org_id', '=', 'c.org_id').onRef('s.ticket_id', '=', 'c.ticket_id'))
      .select([
        's.step',
        sql<string>`count(s.completed_at)`.as('completed'),
        sql<string>`count(*) FILTER (WHERE s.completed_at > s.due_at)`.as('completed_late'),
        sql<string>`count(*) FILTER (WHERE s.completed_at IS NULL AND s.due_at < now())`.as('overdue'),
        sql<string | null>`avg(extract(epoch FROM s.completed_at - s.started_at)) FILTER (WHERE s.completed_at IS NOT NULL AND s.started_at IS NOT NULL)`.as('avg_seconds'),
      ])
      .groupBy('s.step')
      .execute(),
    base()
      .select(count.as('n'))
      .where(sql<boolean>`EXISTS (SELECT 1 FROM complaint_steps s WHERE s.org_id = c.org_id AND s.ticket_id = c.ticket_id AND ${LATE_STEP})`)
      .executeTakeFirstOrThrow(),
  ]);
  const tally = (rows: { k: string; n: string }[]) => new Map(rows.map((r) => [r.k, Number(r.n)]));
  const causeN = tally(causes);
  const sevN = tally(severities);
  const stepN = tally(current);
  const perStep = new Map(steps.map((s) => [s.step, s]));
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    total: [...sevN.values()].reduce((a, b) => a + b, 0),
    byRootCause: [...COMPLAINT_ROOT_CAUSES, 'unknown' as const].map((rootCause) => ({ rootCause, count: causeN.get(rootCause) ?? 0 })),
    bySeverity: COMPLAINT_SEVERITIES.map((severity) => ({ severity, count: sevN.get(severity) ?? 0 })),
    byStep: [...COMPLAINT_STEPS, 'done' as const].map((step) => ({ step, count: stepN.get(step) ?? 0 })),
    steps: COMPLAINT_STEPS.map((step: ComplaintStep) => {
      const s = perStep.get(step);
      return {
        step,
        completed: Number(s?.completed ?? 0),
        completedLate: Number(s?.completed_late ?? 0),
        overdue: Number(s?.overdue ?? 0),
        avgHours: s?.avg_seconds == null ? null : Math.round((Number(s.avg_seconds) / 3600) * 10) / 10,
      };
    }),
    late: Number(late.n),
  };
}
