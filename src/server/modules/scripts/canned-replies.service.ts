import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/access.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, forbidden, notFound, preconditionFailed } from '../../platform/errors.js';
import { decodeCursor, type Page, toPage } from '../../platform/http/pagination.js';
import { uuidv7 } from '../../platform/ids.js';
import { t } from '../../platform/i18n.js';
import { findVisibleTicket } from '../tickets/ticket-access.js';
import { renderTemplate, type RenderResult, type TemplateValues, unknownVariables } from './render-template.js';
import { type CannedReplyDto, presentReply } from './scripts.presenter.js';
import * as repo from './scripts.repo.js';
import type { ReplyCreate, ReplyListQuery, ReplyUpdate } from './scripts.schema.js';

/**
 * Canned replies and call scripts (话术库). Shared ones (owner null) are everyone's and only
 * scripts.manage edits them; personal ones belong to their owner and nobody else sees them.
 */
const MANAGE = 'scripts.manage';

function checkVariables(body: string): void {
  const unknown = unknownVariables(body);
  if (unknown.length > 0) throw new AppError('template_unknown_variables', 400, { path: ['body', 'body'], variables: unknown });
}

/** The reply if the actor may see it (shared or their own), else 404. */
async function visibleReply(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.CannedReplyRow> {
  const row = await repo.findReply(db, actor.orgId, id);
  if (!row || (row.owner_id !== null && row.owner_id !== actor.userId)) throw notFound('canned_reply');
  return row;
}

function assertMayEdit(actor: Actor, row: repo.CannedReplyRow): void {
  if (row.owner_id === null && !can(actor, MANAGE)) throw forbidden(MANAGE);
}

export async function listReplies(db: Kysely<DB>, actor: Actor, q: ReplyListQuery): Promise<Page<CannedReplyDto>> {
  const rows = await repo.listReplies(db, actor.orgId, { ...q, userId: actor.userId }, { after: decodeCursor(q.cursor), limit: q.limit });
  return toPage(rows, q.limit, (r) => r.usage_count, presentReply);
}

export function listReplyCategories(db: Kysely<DB>, actor: Actor): Promise<string[]> {
  return repo.replyCategories(db, actor.orgId, actor.userId);
}

export async function getReply(db: Kysely<DB>, actor: Actor, id: string): Promise<CannedReplyDto> {
  return presentReply(await visibleReply(db, actor, id));
}

export async function createReply(db: Kysely<DB>, actor: Actor, input: ReplyCreate): Promise<CannedReplyDto> {
  if (input.shared && !can(actor, MANAGE)) throw forbidden(MANAGE);
  checkVariables(input.body);
  return db.transaction().execute(async (tx) => {
    const row = await repo.insertReply(tx, {
      org_id: actor.orgId,
      id: uuidv7(),
      kind: input.kind,
      title: input.title,
      body: input.body,
      category: input.category,
      ticket_types: input.ticketTypes,
      owner_id: input.shared ? null : actor.userId,
      active: input.active,
    });
    const dto = presentReply(row);
    await recordAudit(tx, auditBy(actor, { action: 'canned_reply.create', entityType: 'canned_reply', entityId: row.id, after: dto }));
    return dto;
  });
}

export async function updateReply(db: Kysely<DB>, actor: Actor, id: string, version: number, input: ReplyUpdate): Promise<CannedReplyDto> {
  if (input.body !== undefined) checkVariables(input.body);
  return db.transaction().execute(async (tx) => {
    const current = await visibleReply(tx, actor, id);
    assertMayEdit(actor, current);
    if (current.version !== version) throw preconditionFailed();
    const updated = await repo.updateReply(tx, actor.orgId, id, version, {
      kind: input.kind,
      title: input.title,
      body: input.body,
      category: input.category,
      ticket_types: input.ticketTypes,
      active: input.active,
    });
    if (!updated) throw preconditionFailed();
    const dto = presentReply(updated);
    await recordAudit(tx, auditBy(actor, { action: 'canned_reply.update', entityType: 'canned_reply', entityId: id, before: presentReply(current), after: dto }));
    return dto;
  });
}

export async function deleteReply(db: Kysely<DB>, actor: Actor, id: string, version: number | undefined): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const current = await visibleReply(tx, actor, id);
    assertMayEdit(actor, current);
    if (version !== undefined && current.version !== version) throw preconditionFailed();
    await repo.deleteReply(tx, actor.orgId, id);
    await recordAudit(tx, auditBy(actor, { action: 'canned_reply.delete', entityType: 'canned_reply', entityId: id, before: presentReply(current) }));
  });
}

/** Today's date (YYYY-MM-DD) in the organization's time zone. */
function today(timeZone: string, now: Date): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/**
 * The reply's text with its variables filled from the ticket (which must be visible to the
 * actor) and the ticket's customer; counts one use.
 */
export async function renderReply(db: Kysely<DB>, actor: Actor, id: string, ticketId: string | undefined): Promise<RenderResult & { id: string }> {
  const reply = await visibleReply(db, actor, id);
  const ticket = ticketId ? await findVisibleTicket(db, actor, ticketId) : null;
  const { org, customer } = await repo.templateContext(db, actor.orgId, ticket?.customer_id ?? null);
  const gender = customer?.gender === 'male' || customer?.gender === 'female' ? customer.gender : 'unknown';
  const values: TemplateValues = {
    'customer.name': customer?.name ?? ticket?.requester_name ?? null,
    'customer.salutation': t(actor.locale, `scripts.salutation.${gender}`),
    'agent.name': actor.displayName,
    'ticket.number': ticket ? String(ticket.number) : null,
    'ticket.subject': ticket?.subject ?? null,
    'ticket.status': ticket ? t(actor.locale, `scripts.ticketStatus.${ticket.status}`) : null,
    'org.name': org.name,
    today: today(org.timezone, new Date()),
  };
  const result = renderTemplate(reply.body, values);
  await repo.countUse(db, actor.orgId, id);
  return { id, ...result };
}
