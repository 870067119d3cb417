import { type Kysely, sql } from 'kysely';
import { completeStepBodies, type ComplaintView, type UpdateComplaintBody } from '../../../shared/complaints.js';
import { COMPLAINT_STEPS, type ComplaintStep } from '../../../shared/tickets.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/access.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { Kefu } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { zodErrorMap, zodIssues } from '../../platform/http/validation.js';
import { t } from '../../platform/i18n.js';
import { appendTimeline } from '../customers/timeline.service.js';
import { findVisibleTicket } from '../tickets/ticket-access.js';
import { checkCategory } from '../tickets/ticket-input.js';
import { invalid, invalidField, problem } from '../tickets/tickets.common.js';
import { DueCalculator, loadTimeLimits } from './complaint-limits.js';
import { closeComplaintTicket } from './complaint-close.js';
import { announceAssignments } from '../routing/assignment.service.js';
import type { Assignment } from '../routing/routing.service.js';
import { presentComplaint } from './complaints.presenter.js';
import * as repo from './complaints.repo.js';

type Tx = Kysely<DB>;
export type ComplaintCtx = { kefu: Kefu; actor: Actor };

const stepIndex = (s: ComplaintStep | 'done') => (s === 'done' ? COMPLAINT_STEPS.length : COMPLAINT_STEPS.indexOf(s));

/**
 * Opens the complaint record of a complaint ticket with its seven steps (§5.4), inside the
 * caller's transaction. Every step's owner starts as the ticket's assignee, else whoever
 * registered it; the complainant is the requester, else the ticket's customer; the receive step's
 * clock starts at `now`. Idempotent: returns false when the
 * record already exists or the ticket is not a complaint.
 */
export async function openComplaint(tx: Tx, orgId: string, ticketId: string, now: Date): Promise<boolean> {
  const ticket = await tx
    .selectFrom('tickets')
    .select(['id', 'type', 'number', 'subject', 'description', 'assignee_id', 'created_by', 'customer_id', 'requester_name', 'requester_phone'])
    .where('org_id', '=', orgId)
    .where('id', '=', ticketId)
    .executeTakeFirst();
  if (!ticket || ticket.type !== 'complaint') return false;
  // a ticket registered for a customer names no requester: the customer is the complainant
  const customer = !ticket.requester_name && ticket.customer_id ? await tx.selectFrom('customers').select('name').where('org_id', '=', orgId).where('id', '=', ticket.customer_id).executeTakeFirst() : undefined;
  const inserted = await tx
    .insertInto('complaints')
    .values({
      org_id: orgId,
      ticket_id: ticketId,
      complainant_name: ticket.requester_name ?? customer?.name ?? null,
      complainant_phone: ticket.requester_phone,
      matter: ticket.description.slice(0, 5000),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['org_id', 'ticket_id']).doNothing())
    .returning('ticket_id')
    .executeTakeFirst();
  if (!inserted) return false;
  const owner = ticket.assignee_id ?? ticket.created_by;
  const due = await new DueCalculator(tx, orgId).due('general', 'receive', now);
  await tx
    .insertInto('complaint_steps')
    .values(COMPLAINT_STEPS.map((step) => ({ org_id: orgId, ticket_id: ticketId, step, owner_id: owner, started_at: step === 'receive' ? now : null, due_at: step === 'receive' ? due : null })))
    .execute();
  if (ticket.customer_id) {
    await appendTimeline(tx, { orgId, customerId: ticket.customer_id, kind: 'ticket', title: `#${ticket.number} ${ticket.subject}`, detail: { event: 'complaint.opened' }, sourceType: 'ticket', sourceId: ticketId, actorId: ticket.created_by, at: now });
  }
  await recordAudit(tx, { orgId, actorId: ticket.created_by, action: 'complaint.open', entityType: 'ticket', entityId: ticketId, after: { ownerId: owner, dueAt: due.toISOString() } });
  return true;
}

/** The complaint as the API shows it; the caller has checked the ticket's visibility. */
export async function loadComplaint(db: Tx, orgId: string, ticketId: string, now = new Date()): Promise<ComplaintView> {
  const c = await repo.findComplaint(db, orgId, ticketId);
  if (!c) throw notFound('complaint');
  const [ticket, steps, limits] = await Promise.all([repo.ticketWithNames(db, orgId, ticketId), repo.stepsWithNames(db, orgId, ticketId), loadTimeLimits(db, orgId)]);
  return presentComplaint(c, ticket, steps, limits, now);
}

export async function getComplaint(ctx: ComplaintCtx, ticketId: string): Promise<ComplaintView> {
  await findVisibleTicket(ctx.kefu.db, ctx.actor, ticketId);
  return loadComplaint(ctx.kefu.db, ctx.actor.orgId, ticketId);
}

/** POST /tickets/:id/complaint: opens the record of a complaint ticket that has none yet. */
export async function ensureComplaint(ctx: ComplaintCtx, ticketId: string): Promise<ComplaintView> {
  const { kefu, actor } = ctx;
  authorize(actor, 'complaints.handle');
  return kefu.db.transaction().execute(async (tx) => {
    const ticket = await findVisibleTicket(tx, actor, ticketId);
    if (ticket.type !== 'complaint') throw new AppError('complaint_not_complaint_ticket', 409);
    await openComplaint(tx, actor.orgId, ticketId, new Date());
    return loadComplaint(tx, actor.orgId, ticketId);
  });
}

async function lockForWork(tx: Tx, actor: Actor, ticketId: string) {
  authorize(actor, 'complaints.handle');
  const ticket = await findVisibleTicket(tx, actor, ticketId);
  const c = await repo.lockComplaint(tx, actor.orgId, ticketId);
  if (!c) throw notFound('complaint');
  return { ticket, c };
}

/** The clock of the step in progress restarts from its start under a new severity's limit. */
async function redueCurrent(tx: Tx, orgId: string, ticketId: string, step: ComplaintStep | 'done', severity: UpdateComplaintBody['severity'] & string) {
  if (step === 'done') return;
  const s = await tx.selectFrom('complaint_steps').select(['started_at']).where('org_id', '=', orgId).where('ticket_id', '=', ticketId).where('step', '=', step).executeTakeFirst();
  if (!s?.started_at) return;
  const due = await new DueCalculator(tx, orgId).due(severity, step, new Date(s.started_at));
  await tx.updateTable('complaint_steps').set({ due_at: due, late_at: null }).where('org_id', '=', orgId).where('ticket_id', '=', ticketId).where('step', '=', step).execute();
}

/** PATCH: the register fields; the category lives on the ticket. */
export async function updateComplaint(ctx: ComplaintCtx, ticketId: string, version: number, body: UpdateComplaintBody): Promise<ComplaintView> {
  const { kefu, actor } = ctx;
  return kefu.db.transaction().execute(async (tx) => {
    const { ticket, c } = await lockForWork(tx, actor, ticketId);
    if (c.version !== version) throw preconditionFailed();
    if (c.current_step === 'done') throw new AppError('complaint_done', 409);
    if (body.categoryId !== undefined && body.categoryId !== ticket.category_id) {
      const problems = await checkCategory(tx, actor, 'complaint', body.categoryId);
      if (problems.length > 0) throw invalid(problems);
      await tx.updateTable('tickets').set({ category_id: body.categoryId ?? null, version: sql`version + 1`, updated_at: new Date() }).where('org_id', '=', actor.orgId).where('id', '=', ticketId).execute();
    }
    const next = {
      complainant_name: body.complainantName === undefined ? c.complainant_name : body.complainantName,
      complainant_phone: body.complainantPhone === undefined ? c.complainant_phone : body.complainantPhone,
      occurred_at: body.occurredAt === undefined ? c.occurred_at : body.occurredAt ? new Date(body.occurredAt) : null,
      matter: body.matter ?? c.matter,
      severity: body.severity ?? c.severity,
    };
    await tx.updateTable('complaints').set({ ...next, version: sql`version + 1`, updated_at: new Date() }).where('org_id', '=', actor.orgId).where('ticket_id', '=', ticketId).execute();
    if (next.severity !== c.severity) await redueCurrent(tx, actor.orgId, ticketId, c.current_step, next.severity);
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify((c as Record<string, unknown>)[k])));
    const before = Object.fromEntries(Object.keys(changed).map((k) => [k, (c as Record<string, unknown>)[k]]));
    if (body.categoryId !== undefined && body.categoryId !== ticket.category_id) {
      changed.categoryId = body.categoryId;
      before.categoryId = ticket.category_id;
    }
    await recordAudit(tx, auditBy(actor, { action: 'complaint.update', entityType: 'ticket', entityId: ticketId, before, after: changed }));
    return loadComplaint(tx, actor.orgId, ticketId);
  });
}

function parseStepBody<S extends ComplaintStep>(actor: Actor, step: S, raw: unknown) {
  const parsed = completeStepBodies[step].safeParse(raw ?? {}, { error: zodErrorMap(actor.locale) });
  if (!parsed.success) throw new AppError('validation', 400, zodIssues(parsed.error, 'body', actor.locale));
  return parsed.data as Record<string, unknown>;
}

/** What completing a step writes on the complaint, after checking its required data. */
function stepChanges(actor: Actor, step: ComplaintStep, c: repo.ComplaintLike, b: Record<string, unknown>): Record<string, unknown> {
  switch (step) {
    case 'register': {
      const name = (b.complainantName as string | undefined) ?? c.complainant_name;
      const matter = (b.matter as string | undefined) ?? c.matter;
      const problems = [...(!name ? [problem(actor, 'complainantName', 'complaint_complainant_required')] : []), ...(!matter ? [problem(actor, 'matter', 'complaint_matter_required')] : [])];
      if (problems.length > 0) throw invalid(problems);
      return {
        complainant_name: name,
        matter,
        severity: (b.severity as string | undefined) ?? c.severity,
        ...(b.complainantPhone !== undefined ? { complainant_phone: b.complainantPhone } : {}),
        ...(b.occurredAt !== undefined ? { occurred_at: b.occurredAt ? new Date(b.occurredAt as string) : null } : {}),
      };
    }
    case 'investigate':
      return { root_cause: b.rootCause, root_cause_detail: b.rootCauseDetail };
    case 'handle':
      return { measures: b.measures, compensation_fen: b.compensationFen ?? null, recovery_note: b.recoveryNote, customer_informed_at: new Date(b.customerInformedAt as string) };
    case 'survey':
      return { survey_score: b.score, survey_comment: b.comment ?? null };
    case 'follow_up':
      return { follow_up_note: b.note };
    default:
      return {};
  }
}

/**
 * Completes one step with its data. Steps go in order: completing a later one while an earlier
 * one is open is a 409 naming the step that waits. The next step's clock starts now; the
 * close step closes the ticket.
 */
export async function completeStep(ctx: ComplaintCtx, ticketId: string, step: ComplaintStep, raw: unknown): Promise<ComplaintView> {
  const { kefu, actor } = ctx;
  const body = parseStepBody(actor, step, raw);
  const now = new Date();
  let assignments: Assignment[] = [];
  const view = await kefu.db.transaction().execute(async (tx) => {
    const { ticket, c } = await lockForWork(tx, actor, ticketId);
    const at = stepIndex(c.current_step);
    const want = stepIndex(step);
    if (want < at) throw new AppError('complaint_step_done', 409, { step, currentStep: c.current_step }, t(actor.locale, 'errors.complaint_step_done', { step: t(actor.locale, `complaintStep.${step}`) }));
    if (want > at) {
      throw new AppError('complaint_step_out_of_order', 409, { step, currentStep: c.current_step }, t(actor.locale, 'errors.complaint_step_out_of_order', { step: t(actor.locale, `complaintStep.${step}`), current: t(actor.locale, `complaintStep.${c.current_step}`) }));
    }
    const changes = stepChanges(actor, step, c, body);
    const next = COMPLAINT_STEPS[want + 1];
    await tx
      .updateTable('complaints')
      .set({ ...changes, current_step: next ?? 'done', version: sql`version + 1`, updated_at: now })
      .where('org_id', '=', actor.orgId)
      .where('ticket_id', '=', ticketId)
      .execute();
    const note = typeof body.note === 'string' ? body.note : '';
    await tx.updateTable('complaint_steps').set({ completed_at: now, completed_by: actor.userId, note }).where('org_id', '=', actor.orgId).where('ticket_id', '=', ticketId).where('step', '=', step).execute();
    if (next) {
      const severity = (changes.severity as typeof c.severity | undefined) ?? c.severity;
      const due = await new DueCalculator(tx, actor.orgId).due(severity, next, now);
      await tx
        .updateTable('complaint_steps')
        .set((eb) => ({ started_at: now, due_at: due, owner_id: eb.fn.coalesce('owner_id', sql<string>`${ticket.assignee_id ?? actor.userId}::uuid`) }))
        .where('org_id', '=', actor.orgId)
        .where('ticket_id', '=', ticketId)
        .where('step', '=', next)
        .execute();
    } else {
      assignments = await closeComplaintTicket(tx, actor, ticketId, now);
    }
    if (ticket.customer_id) {
      await appendTimeline(tx, {
        orgId: actor.orgId,
        customerId: ticket.customer_id,
        kind: 'ticket',
        title: `#${ticket.number} ${ticket.subject}`,
        detail: { event: 'complaint.step', step, ...(step === 'investigate' ? { rootCause: body.rootCause } : {}), ...(step === 'survey' ? { score: body.score } : {}) },
        sourceType: 'ticket',
        sourceId: ticketId,
        actorId: actor.userId,
        at: now,
      });
    }
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, (c as Record<string, unknown>)[k]]));
    await recordAudit(tx, auditBy(actor, { action: 'complaint.step_complete', entityType: 'ticket', entityId: ticketId, before: { step: c.current_step, ...before }, after: { step, next: next ?? 'done', note, ...changes } }));
    return loadComplaint(tx, actor.orgId, ticketId, now);
  });
  await announceAssignments(kefu, actor.orgId, assignments);
  await kefu.events.publish({ orgId: actor.orgId, type: 'complaint.updated', data: { ticketId, step, currentStep: view.currentStep }, permission: 'tickets.read' });
  return view;
}

/** Hands one unfinished step to another owner; a late step's new owner is told again by the scan. */
export async function reassignStep(ctx: ComplaintCtx, ticketId: string, step: ComplaintStep, ownerId: string): Promise<ComplaintView> {
  const { kefu, actor } = ctx;
  const view = await kefu.db.transaction().execute(async (tx) => {
    const { ticket } = await lockForWork(tx, actor, ticketId);
    const s = await tx.selectFrom('complaint_steps').select(['owner_id', 'completed_at']).where('org_id', '=', actor.orgId).where('ticket_id', '=', ticketId).where('step', '=', step).executeTakeFirst();
    if (!s) throw notFound('complaint');
    if (s.completed_at) throw new AppError('complaint_step_done', 409, { step }, t(actor.locale, 'errors.complaint_step_done', { step: t(actor.locale, `complaintStep.${step}`) }));
    const user = await repo.findActiveUser(tx, actor.orgId, ownerId);
    if (!user) throw invalidField(actor, 'ownerId', 'complaint_owner_unknown');
    await tx.updateTable('complaint_steps').set({ owner_id: ownerId, late_at: null }).where('org_id', '=', actor.orgId).where('ticket_id', '=', ticketId).where('step', '=', step).execute();
    await tx.updateTable('complaints').set({ version: sql`version + 1`, updated_at: new Date() }).where('org_id', '=', actor.orgId).where('ticket_id', '=', ticketId).execute();
    if (ticket.customer_id) {
      await appendTimeline(tx, { orgId: actor.orgId, customerId: ticket.customer_id, kind: 'ticket', title: `#${ticket.number} ${ticket.subject}`, detail: { event: 'complaint.reassigned', step, ownerName: user.display_name }, sourceType: 'ticket', sourceId: ticketId, actorId: actor.userId });
    }
    await recordAudit(tx, auditBy(actor, { action: 'complaint.step_reassign', entityType: 'ticket', entityId: ticketId, before: { step, ownerId: s.owner_id }, after: { step, ownerId } }));
    return loadComplaint(tx, actor.orgId, ticketId);
  });
  await kefu.events.publish({ orgId: actor.orgId, type: 'complaint.step_assigned', userIds: [ownerId], data: { ticketId, step, number: view.ticketNumber } });
  return view;
}
