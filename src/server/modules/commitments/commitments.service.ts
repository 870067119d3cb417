import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { localDate } from '../../../shared/business-time.js';
import type { CommitmentView, CreateCommitmentBody, UpdateCommitmentBody } from '../../../shared/complaints.js';
import { COMMITMENT_STATUSES } from '../../../shared/tickets.js';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { Kefu } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { decodeCursor, pageQuery, type Page, toPage } from '../../platform/http/pagination.js';
import { uuidv7 } from '../../platform/ids.js';
import { appendTimeline } from '../customers/timeline.service.js';
import { findVisibleTicket } from '../tickets/ticket-access.js';
import { checkCustomer } from '../tickets/ticket-input.js';
import { invalid, problem, type FieldProblem } from '../tickets/tickets.common.js';
import { presentCommitment } from './commitments.presenter.js';
import * as repo from './commitments.repo.js';

type Tx = Kysely<DB>;
export type CommitmentCtx = { kefu: Kefu; actor: Actor };

const flag = z.enum(['true', 'false']).transform((v) => v === 'true').optional();
export const listCommitmentsQuery = z.strictObject({
  ...pageQuery,
  mine: flag,
  status: z
    .string()
    .max(100)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(COMMITMENT_STATUSES)))
    .optional(),
  dueToday: flag,
  breached: flag,
  customerId: z.uuid().optional(),
  ticketId: z.uuid().optional(),
});
export type ListCommitmentsQuery = z.infer<typeof listCommitmentsQuery>;

/** Commitments the caller may see, soonest due first. "Today" is the local day in China (UTC+8). */
export async function listCommitments(ctx: CommitmentCtx, query: ListCommitmentsQuery): Promise<Page<CommitmentView>> {
  const { kefu, actor } = ctx;
  const db = kefu.db;
  let q = repo.commitmentsWithNames(db).where('cm.org_id', '=', actor.orgId).where(repo.commitmentVisibleTo(db, actor));
  if (query.mine) q = q.where('cm.owner_id', '=', actor.userId);
  if (query.status?.length) q = q.where('cm.status', 'in', query.status);
  if (query.breached) q = q.where('cm.status', '=', 'breached');
  if (query.customerId) q = q.where('cm.customer_id', '=', query.customerId);
  if (query.ticketId) q = q.where('cm.ticket_id', '=', query.ticketId);
  if (query.dueToday) {
    const start = new Date(`${localDate({ timezone: 'Asia/Shanghai' }, new Date())}T00:00:00+08:00`);
    q = q.where('cm.due_at', '>=', start).where('cm.due_at', '<', new Date(start.getTime() + 86_400_000));
  }
  const cursor = decodeCursor(query.cursor);
  if (cursor) q = q.where(sql<boolean>`(cm.due_at, cm.id) > (cast(${cursor.v} as timestamptz), cast(${cursor.id} as uuid))`);
  const rows = await q.orderBy('cm.due_at').orderBy('cm.id').limit(query.limit + 1).execute();
  const now = new Date();
  return toPage(rows, query.limit, (r) => new Date(r.due_at).toISOString(), (r) => presentCommitment(r, now));
}

export async function getCommitment(ctx: CommitmentCtx, id: string): Promise<CommitmentView> {
  const row = await repo.findVisible(ctx.kefu.db, ctx.actor, id);
  if (!row) throw notFound('commitment');
  return presentCommitment(row);
}

async function load(db: Tx, actor: Actor, id: string): Promise<CommitmentView> {
  const row = await repo.commitmentsWithNames(db).where('cm.org_id', '=', actor.orgId).where('cm.id', '=', id).executeTakeFirstOrThrow();
  return presentCommitment(row);
}

async function timeline(tx: Tx, actor: Actor | null, c: { org_id: string; id: string; customer_id: string | null; description: string }, event: string, extra: Record<string, unknown> = {}) {
  if (!c.customer_id) return;
  await appendTimeline(tx, { orgId: c.org_id, customerId: c.customer_id, kind: 'note', title: c.description, detail: { event: `commitment.${event}`, ...extra }, sourceType: 'commitment', sourceId: c.id, actorId: actor?.userId ?? null });
}

async function checkOwner(tx: Tx, actor: Actor, ownerId: string, problems: FieldProblem[]) {
  if (ownerId === actor.userId) return;
  if (!(await repo.findActiveUser(tx, actor.orgId, ownerId))) problems.push(problem(actor, 'ownerId', 'commitment_owner_unknown'));
}

export async function createCommitment(ctx: CommitmentCtx, body: CreateCommitmentBody): Promise<CommitmentView> {
  const { kefu, actor } = ctx;
  return kefu.db.transaction().execute(async (tx) => {
    const problems: FieldProblem[] = [];
    let customerId = body.customerId ?? null;
    if (body.ticketId) {
      const ticket = await findVisibleTicket(tx, actor, body.ticketId);
      customerId ??= ticket.customer_id;
    } else if (!body.customerId) {
      problems.push(problem(actor, 'customerId', 'commitment_target_required'));
    }
    if (body.customerId) problems.push(...(await checkCustomer(tx, actor, body.customerId)).problems);
    const ownerId = body.ownerId ?? actor.userId;
    await checkOwner(tx, actor, ownerId, problems);
    if (problems.length > 0) throw invalid(problems);
    const id = uuidv7();
    const row = await tx
      .insertInto('commitments')
      .values({ org_id: actor.orgId, id, customer_id: customerId, ticket_id: body.ticketId ?? null, description: body.description, due_at: new Date(body.dueAt), owner_id: ownerId, created_by: actor.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await timeline(tx, actor, row, 'created', { dueAt: row.due_at });
    await recordAudit(tx, auditBy(actor, { action: 'commitment.create', entityType: 'commitment', entityId: id, after: { customerId, ticketId: row.ticket_id, description: row.description, dueAt: row.due_at, ownerId } }));
    return load(tx, actor, id);
  });
}

/** Locks a commitment the caller may see; only open (or breached, for fulfilment) ones change. */
async function lockVisible(tx: Tx, actor: Actor, id: string) {
  if (!(await repo.findVisible(tx, actor, id))) throw notFound('commitment');
  const row = await repo.lock(tx, actor.orgId, id);
  if (!row) throw notFound('commitment');
  return row;
}

export async function updateCommitment(ctx: CommitmentCtx, id: string, version: number, body: UpdateCommitmentBody): Promise<CommitmentView> {
  const { kefu, actor } = ctx;
  return kefu.db.transaction().execute(async (tx) => {
    const row = await lockVisible(tx, actor, id);
    if (row.version !== version) throw preconditionFailed();
    if (row.status !== 'open' && row.status !== 'breached') throw new AppError('commitment_finished', 409);
    const problems: FieldProblem[] = [];
    if (body.ownerId && body.ownerId !== row.owner_id) await checkOwner(tx, actor, body.ownerId, problems);
    if (problems.length > 0) throw invalid(problems);
    const dueAt = body.dueAt ? new Date(body.dueAt) : new Date(row.due_at);
    const moved = dueAt.getTime() !== new Date(row.due_at).getTime();
    const next = {
      description: body.description ?? row.description,
      due_at: dueAt,
      owner_id: body.ownerId ?? row.owner_id,
      // a new due time re-arms both reminders and reopens a breached commitment
      ...(moved ? { due_soon_alerted_at: null, alerted_at: null, status: 'open' as const } : {}),
    };
    await tx.updateTable('commitments').set({ ...next, version: sql`version + 1`, updated_at: new Date() }).where('org_id', '=', actor.orgId).where('id', '=', id).execute();
    await recordAudit(tx, auditBy(actor, { action: 'commitment.update', entityType: 'commitment', entityId: id, before: { description: row.description, dueAt: row.due_at, ownerId: row.owner_id }, after: { description: next.description, dueAt: next.due_at, ownerId: next.owner_id } }));
    if (moved) await timeline(tx, actor, row, 'rescheduled', { dueAt: next.due_at });
    return load(tx, actor, id);
  });
}

/** open → fulfilled (with a note); a breached commitment may still be fulfilled, late. */
export async function fulfilCommitment(ctx: CommitmentCtx, id: string, note: string): Promise<CommitmentView> {
  const { kefu, actor } = ctx;
  return kefu.db.transaction().execute(async (tx) => {
    const row = await lockVisible(tx, actor, id);
    if (row.status !== 'open' && row.status !== 'breached') throw new AppError('commitment_finished', 409);
    const now = new Date();
    await tx.updateTable('commitments').set({ status: 'fulfilled', fulfilled_at: now, fulfilment_note: note, version: sql`version + 1`, updated_at: now }).where('org_id', '=', actor.orgId).where('id', '=', id).execute();
    await timeline(tx, actor, row, 'fulfilled', { note });
    await recordAudit(tx, auditBy(actor, { action: 'commitment.fulfil', entityType: 'commitment', entityId: id, before: { status: row.status }, after: { status: 'fulfilled', note } }));
    return load(tx, actor, id);
  });
}

export async function cancelCommitment(ctx: CommitmentCtx, id: string, reason: string): Promise<CommitmentView> {
  const { kefu, actor } = ctx;
  return kefu.db.transaction().execute(async (tx) => {
    const row = await lockVisible(tx, actor, id);
    if (row.status !== 'open') throw new AppError('commitment_finished', 409);
    await tx.updateTable('commitments').set({ status: 'cancelled', version: sql`version + 1`, updated_at: new Date() }).where('org_id', '=', actor.orgId).where('id', '=', id).execute();
    await timeline(tx, actor, row, 'cancelled', { reason });
    await recordAudit(tx, auditBy(actor, { action: 'commitment.cancel', entityType: 'commitment', entityId: id, before: { status: row.status }, after: { status: 'cancelled' }, reason }));
    return load(tx, actor, id);
  });
}
