import { authorize, can } from '../../platform/access.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, type Page } from '../../platform/http/pagination.js';
import { uuidv7 } from '../../platform/ids.js';
import { textTokens } from '../../platform/text-tokens.js';
import type { Kysely } from 'kysely';
import { type CreateTicketBody, type TicketDetail, type TicketSummary, type UpdateTicketBody } from '../../../shared/tickets.js';
import { linkFiles } from '../files/files.service.js';
import { announceAssignments } from '../routing/assignment.service.js';
import type { Assignment } from '../routing/routing.service.js';
import { appendTimeline } from '../customers/timeline.service.js';
import { openComplaint } from '../complaints/complaints.service.js';
import { checkCategory, checkContact, checkCustom, checkCustomer, checkSubtype } from './ticket-input.js';
import { findVisibleTicket } from './ticket-access.js';
import { afterTicketChange } from './ticket-pipeline.js';
import { type TicketCtx, invalid, invalidField, problem } from './tickets.common.js';
import { presentTicketDetail, presentTicketSummary } from './tickets.presenter.js';
import * as repo from './tickets.repo.js';
import { listTicketRows, type TicketListQuery } from './tickets.list.js';
import type { TicketRow } from './service-desk.tables.js';

type Tx = Kysely<DB>;

/**
 * Search tokens of a ticket's words, requester and tags. The number is not among them: the list
 * matches it on its own column, so a ticket's tokens are known before its number is drawn and
 * go into the same INSERT.
 */
export const ticketTokens = (t: Pick<TicketRow, 'subject' | 'requester_name' | 'requester_email' | 'requester_phone' | 'tags'>) =>
  [...textTokens(t.subject, t.requester_name), ...(t.requester_email ? [t.requester_email.toLowerCase()] : []), ...(t.requester_phone ? [t.requester_phone.replace(/\D/g, '')] : []), ...t.tags.map((x) => x.toLowerCase())].filter(
    (v, i, all) => v && all.indexOf(v) === i,
  );

/** The detail of a ticket the caller may see (404 otherwise). */
export async function getTicketDetail(db: Tx, ctx: TicketCtx, id: string): Promise<TicketDetail> {
  await findVisibleTicket(db, ctx.actor, id);
  return loadDetail(db, ctx.actor.orgId, id);
}

export async function loadDetail(db: Tx, orgId: string, id: string): Promise<TicketDetail> {
  const row = await repo.findTicketWithNames(db, orgId, id);
  if (!row) throw notFound('ticket');
  const [categoryPath, links, merged] = await Promise.all([
    repo.categoryPath(db, orgId, row.category_id),
    repo.linksOf(db, orgId, id),
    row.merged_into_id ? db.selectFrom('tickets').select(['id', 'number']).where('org_id', '=', orgId).where('id', '=', row.merged_into_id).executeTakeFirst() : undefined,
  ]);
  return presentTicketDetail(row, { categoryPath, links, mergedInto: merged ? { id: merged.id, number: String(merged.number) } : null });
}

/** Checks an assignee and team given by hand; assigning someone other than oneself needs tickets.assign. */
async function checkAssignment(tx: Tx, ctx: TicketCtx, teamId: string | null | undefined, assigneeId: string | null | undefined) {
  const { actor } = ctx;
  const problems = [];
  let departmentId: string | null = null;
  if (assigneeId) {
    if (assigneeId !== actor.userId && !can(actor, 'tickets.assign')) problems.push(problem(actor, 'assigneeId', 'ticket_assign_forbidden'));
    const user = await repo.findActiveUser(tx, actor.orgId, assigneeId);
    if (!user) problems.push(problem(actor, 'assigneeId', 'ticket_assignee_unknown'));
    else departmentId = user.department_id;
  }
  if (teamId) {
    const team = await repo.findTeam(tx, actor.orgId, teamId);
    if (!team || !team.active) problems.push(problem(actor, 'teamId', 'ticket_team_unknown'));
  }
  return { problems, departmentId };
}

export async function createTicket(ctx: TicketCtx, body: CreateTicketBody): Promise<TicketDetail> {
  const { kefu, actor } = ctx;
  const now = new Date();
  let assignments: Assignment[] = [];
  const created = await kefu.db.transaction().execute(async (tx) => {
    const { customer, problems: customerProblems } = await checkCustomer(tx, actor, body.customerId);
    const custom = await checkCustom(tx, actor, body.type, body.custom);
    const assignment = await checkAssignment(tx, ctx, body.teamId, body.assigneeId);
    const problems = [
      ...checkSubtype(actor, body.type, body.subtype),
      ...(await checkCategory(tx, actor, body.type, body.categoryId)),
      ...customerProblems,
      ...(await checkContact(tx, actor, body.customerId, body.contactId)),
      ...custom.problems,
      ...assignment.problems,
    ];
    if (problems.length > 0) throw invalid(problems);
    const id = uuidv7();
    const row = await repo.insertTicket(tx, {
      org_id: actor.orgId,
      id,
      type: body.type,
      subtype: body.subtype ?? null,
      category_id: body.categoryId ?? null,
      subject: body.subject,
      description: body.description,
      channel: body.channel,
      priority: body.priority,
      customer_id: customer?.id ?? null,
      contact_id: body.contactId ?? null,
      requester_name: body.requesterName ?? null,
      requester_email: body.requesterEmail ?? customer?.email ?? null,
      requester_phone: body.requesterPhone ?? null,
      customer_tier: customer?.tier ?? null,
      team_id: body.teamId ?? null,
      assignee_id: body.assigneeId ?? null,
      department_id: assignment.departmentId,
      cc: body.cc,
      tags: body.tags,
      custom: custom.values,
      search_tokens: ticketTokens({ subject: body.subject, requester_name: body.requesterName ?? null, requester_email: body.requesterEmail ?? customer?.email ?? null, requester_phone: body.requesterPhone ?? null, tags: body.tags }),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.insertStatusHistory(tx, { org_id: actor.orgId, id: uuidv7(), ticket_id: id, from_status: null, to_status: 'new', reason: '', actor_id: actor.userId, at: now });
    if (body.attachments.length > 0) {
      const linked = await linkFiles(tx, actor.orgId, body.attachments, 'ticket', id);
      if (linked !== body.attachments.length) throw invalidField(actor, 'attachments', 'ticket_attachment_unknown');
      await tx.insertInto('ticket_messages').values({ org_id: actor.orgId, id: uuidv7(), ticket_id: id, kind: 'system', author_type: 'agent', author_id: actor.userId, channel: body.channel, body_text: '', attachments: body.attachments, created_at: now }).execute();
    }
    if (customer) {
      await appendTimeline(tx, { orgId: actor.orgId, customerId: customer.id, kind: 'ticket', title: `#${row.number} ${body.subject}`, detail: { event: 'created', type: body.type, channel: body.channel }, sourceType: 'ticket', sourceId: id, actorId: actor.userId, at: now });
    }
    assignments = await afterTicketChange(tx, actor.orgId, id, 'created', now);
    // §5.4 a complaint starts its process now; after routing, so the assignee owns the steps
    if (body.type === 'complaint') await openComplaint(tx, actor.orgId, id, now);
    const detail = await loadDetail(tx, actor.orgId, id);
    await recordAudit(tx, auditBy(actor, { action: 'ticket.create', entityType: 'ticket', entityId: id, after: { number: detail.number, type: detail.type, subject: detail.subject, customerId: detail.customer?.id ?? null, assigneeId: detail.assignee?.id ?? null } }));
    return detail;
  });
  await announceAssignments(kefu, actor.orgId, assignments);
  await kefu.events.publish({ orgId: actor.orgId, type: 'ticket.created', data: { id: created.id, number: created.number }, permission: 'tickets.read' });
  return created;
}

export async function getTicket(ctx: TicketCtx, id: string): Promise<TicketDetail> {
  return getTicketDetail(ctx.kefu.db, ctx, id);
}

export async function listTickets(ctx: TicketCtx, query: TicketListQuery): Promise<Page<TicketSummary> & { total?: number }> {
  const cursor = decodeCursor(query.cursor);
  const rows = await listTicketRows(ctx.kefu.db, ctx.actor, query, cursor);
  const more = rows.length > query.limit;
  const slice = more ? rows.slice(0, query.limit) : rows;
  const last = slice[slice.length - 1];
  return { items: slice.map(presentTicketSummary), nextCursor: more && last ? encodeCursor({ v: (last as { sort_value: string | null }).sort_value, id: last.id }) : null };
}

export async function ticketViewCounts(ctx: TicketCtx) {
  authorize(ctx.actor, 'tickets.read');
  return repo.countViews(ctx.kefu.db, ctx.actor);
}

export async function updateTicket(ctx: TicketCtx, id: string, version: number, body: UpdateTicketBody): Promise<TicketDetail> {
  const { kefu, actor } = ctx;
  const now = new Date();
  return kefu.db.transaction().execute(async (tx) => {
    await findVisibleTicket(tx, actor, id);
    const current = await repo.lockTicket(tx, actor.orgId, id);
    if (!current) throw notFound('ticket');
    if (current.version !== version) throw preconditionFailed();
    if (current.merged_into_id) throw new AppError('ticket_merged', 409, { mergedIntoId: current.merged_into_id });
    const type = body.type ?? current.type;
    const subtype = body.subtype === undefined ? (body.type && body.type !== 'after_sales' ? null : current.subtype) : body.subtype;
    const categoryId = body.categoryId === undefined ? (body.type && body.type !== current.type ? null : current.category_id) : body.categoryId;
    const customerId = body.customerId === undefined ? current.customer_id : body.customerId;
    const contactId = body.contactId === undefined ? (customerId === current.customer_id ? current.contact_id : null) : body.contactId;
    const customerCheck = customerId !== current.customer_id ? await checkCustomer(tx, actor, customerId) : { customer: null, problems: [] };
    const custom = body.custom ? await checkCustom(tx, actor, type, { ...(current.custom as object), ...body.custom }) : null;
    const problems = [
      ...checkSubtype(actor, type, subtype),
      ...(categoryId !== current.category_id || type !== current.type ? await checkCategory(tx, actor, type, categoryId) : []),
      ...customerCheck.problems,
      ...(contactId !== current.contact_id ? await checkContact(tx, actor, customerId, contactId) : []),
      ...(custom?.problems ?? []),
    ];
    if (problems.length > 0) throw invalid(problems);
    const next = {
      type,
      subtype: subtype ?? null,
      category_id: categoryId ?? null,
      subject: body.subject ?? current.subject,
      description: body.description ?? current.description,
      priority: body.priority ?? current.priority,
      customer_id: customerId ?? null,
      contact_id: contactId ?? null,
      customer_tier: customerId !== current.customer_id ? (customerCheck.customer?.tier ?? null) : current.customer_tier,
      cc: body.cc ?? current.cc,
      tags: body.tags ?? current.tags,
      custom: custom?.values ?? (current.custom as Record<string, unknown>),
    };
    const updated = await repo.updateTicket(tx, actor.orgId, id, { ...next, search_tokens: ticketTokens({ ...current, ...next }) }, version);
    if (!updated) throw preconditionFailed();
    await afterTicketChange(tx, actor.orgId, id, 'updated', now);
    if (type === 'complaint' && current.type !== 'complaint') await openComplaint(tx, actor.orgId, id, now);
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify((current as Record<string, unknown>)[k])));
    const before = Object.fromEntries(Object.keys(changed).map((k) => [k, (current as Record<string, unknown>)[k]]));
    await recordAudit(tx, auditBy(actor, { action: 'ticket.update', entityType: 'ticket', entityId: id, before, after: changed }));
    return loadDetail(tx, actor.orgId, id);
  });
}
