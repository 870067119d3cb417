import { authorize, can } from '../../platform/access.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { zodErrorMap } from '../../platform/http/validation.js';
import { uuidv7 } from '../../platform/ids.js';
import type { CreateTicketViewBody, TicketSavedView, TicketViewFilters, UpdateTicketViewBody } from '../../../shared/tickets.js';
import { type FieldProblem, invalid, problem, type TicketCtx } from './tickets.common.js';
import { countTicketRows, isTeamView, listTicketsQuery, type TicketFilterQuery } from './tickets.list.js';
import { teamIdsOf } from './tickets.repo.js';
import * as repo from './ticket-views.repo.js';

/** At most this many views are counted per request; the rest list with no count. */
export const MAX_COUNTED_VIEWS = 30;

type Definition = { filters: TicketViewFilters };

/** The filters checked with the list's own query schema; null when they no longer pass it. */
function parseFilters(ctx: TicketCtx, filters: unknown): { query: TicketFilterQuery | null; problems: FieldProblem[] } {
  const result = listTicketsQuery.safeParse(filters ?? {}, { error: zodErrorMap(ctx.actor.locale) });
  if (result.success) {
    const { limit: _limit, cursor: _cursor, ...query } = result.data;
    return { query, problems: [] };
  }
  return { query: null, problems: result.error.issues.map((i) => ({ field: ['filters', ...i.path.map(String)].join('.'), code: i.code, message: i.message })) };
}

/** Ids the filters point at, by kind; 'me' and 'none' are no user. */
function referencesOf(q: TicketFilterQuery) {
  return {
    teamIds: q.teamId ? [q.teamId] : [],
    userIds: q.assigneeId && q.assigneeId !== 'me' && q.assigneeId !== 'none' ? [q.assigneeId] : [],
    customerIds: q.customerId ? [q.customerId] : [],
  };
}

const missingReferences = (q: TicketFilterQuery, existing: Set<string>) => {
  const refs = referencesOf(q);
  return [
    ...refs.teamIds.filter((id) => !existing.has(id)).map(() => ['filters.teamId', 'ticket_team_unknown'] as const),
    ...refs.userIds.filter((id) => !existing.has(id)).map(() => ['filters.assigneeId', 'ticket_assignee_unknown'] as const),
    ...refs.customerIds.filter((id) => !existing.has(id)).map(() => ['filters.customerId', 'ticket_customer_unknown'] as const),
  ];
};

/** Checks filters about to be saved: the list's schema, then that what they name exists (400 otherwise). */
async function checkFilters(ctx: TicketCtx, filters: TicketViewFilters): Promise<TicketFilterQuery> {
  const { query, problems } = parseFilters(ctx, filters);
  if (!query) throw invalid(problems);
  const existing = await repo.existingReferences(ctx.kefu.db, ctx.actor.orgId, referencesOf(query));
  const missing = missingReferences(query, existing);
  if (missing.length > 0) throw invalid(missing.map(([field, code]) => problem(ctx.actor, field, code)));
  return query;
}

async function checkName(ctx: TicketCtx, ownerId: string, name: string, exceptId?: string) {
  if (await repo.findOwnViewByName(ctx.kefu.db, ctx.actor.orgId, ownerId, name, exceptId)) throw invalid([problem(ctx.actor, 'name', 'ticket_view_name_taken')]);
}

function present(ctx: TicketCtx, r: repo.TicketViewRow, count: number | null, stale: boolean): TicketSavedView {
  const mine = r.owner_id === ctx.actor.userId;
  return {
    id: r.id,
    name: r.name,
    shared: r.shared,
    mine,
    editable: mine || can(ctx.actor, 'tickets.configure'),
    ownerName: r.owner_name,
    filters: ((r.definition as Partial<Definition>).filters ?? {}) as TicketViewFilters,
    count,
    stale,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * The caller's own ticket views, then those colleagues shared, each counted live in the caller's
 * data scope with the list's own conditions. One lookup round (referenced teams, users and
 * customers; the caller's teams), then one count per view, all at once, for the first
 * MAX_COUNTED_VIEWS. A view whose filters no longer hold lists as stale, with no count.
 */
export async function listTicketViews(ctx: TicketCtx): Promise<TicketSavedView[]> {
  authorize(ctx.actor, 'tickets.read');
  return describeViews(ctx, await repo.listVisibleTicketViews(ctx.kefu.db, ctx.actor));
}

async function describeViews(ctx: TicketCtx, rows: repo.TicketViewRow[]): Promise<TicketSavedView[]> {
  const { kefu, actor } = ctx;
  const parsed = rows.map((r) => parseFilters(ctx, (r.definition as Partial<Definition>).filters).query);
  const refs = { teamIds: new Set<string>(), userIds: new Set<string>(), customerIds: new Set<string>() };
  for (const q of parsed) {
    if (!q) continue;
    const r = referencesOf(q);
    r.teamIds.forEach((id) => refs.teamIds.add(id));
    r.userIds.forEach((id) => refs.userIds.add(id));
    r.customerIds.forEach((id) => refs.customerIds.add(id));
  }
  const [existing, teamIds] = await Promise.all([
    repo.existingReferences(kefu.db, actor.orgId, { teamIds: [...refs.teamIds], userIds: [...refs.userIds], customerIds: [...refs.customerIds] }),
    parsed.some((q) => q && isTeamView(q.view)) ? teamIdsOf(kefu.db, actor) : undefined,
  ]);
  const usable = parsed.map((q) => (q && missingReferences(q, existing).length === 0 ? q : null));
  let counted = 0;
  const counts = await Promise.all(
    usable.map((q) => {
      if (!q || counted >= MAX_COUNTED_VIEWS) return null;
      counted++;
      return countTicketRows(kefu.db, actor, q, teamIds);
    }),
  );
  return rows.map((r, i) => present(ctx, r, counts[i] ?? null, usable[i] === null));
}

export async function createTicketView(ctx: TicketCtx, body: CreateTicketViewBody): Promise<TicketSavedView> {
  const { kefu, actor } = ctx;
  authorize(actor, 'tickets.read');
  const query = await checkFilters(ctx, body.filters);
  await checkName(ctx, actor.userId, body.name);
  const id = uuidv7();
  const definition: Definition = { filters: body.filters };
  await kefu.db.transaction().execute(async (tx) => {
    await tx.insertInto('saved_views').values({ org_id: actor.orgId, id, entity: 'ticket', kind: 'view', owner_id: actor.userId, name: body.name, shared: body.shared, definition }).execute();
    await recordAudit(tx, auditBy(actor, { action: 'ticket_view.create', entityType: 'saved_view', entityId: id, after: body }));
  });
  const teamIds = isTeamView(query.view) ? await teamIdsOf(kefu.db, actor) : undefined;
  const [row, count] = await Promise.all([repo.findTicketView(kefu.db, actor.orgId, id), countTicketRows(kefu.db, actor, query, teamIds)]);
  return present(ctx, row!, count, false);
}

/** A view the caller sees (404 otherwise) and may change: its owner, or whoever configures tickets (403). */
async function editableView(ctx: TicketCtx, id: string) {
  const row = await repo.findVisibleTicketView(ctx.kefu.db, ctx.actor, id);
  if (!row) throw notFound('view');
  if (row.owner_id !== ctx.actor.userId && !can(ctx.actor, 'tickets.configure')) throw new AppError('ticket_view_not_owned', 403);
  return row;
}

export async function updateTicketView(ctx: TicketCtx, id: string, version: number, body: UpdateTicketViewBody): Promise<TicketSavedView> {
  const { kefu, actor } = ctx;
  authorize(actor, 'tickets.read');
  const current = await editableView(ctx, id);
  if (current.version !== version) throw preconditionFailed();
  if (body.filters) await checkFilters(ctx, body.filters);
  if (body.name !== undefined) await checkName(ctx, current.owner_id, body.name, id);
  const definition: Definition = body.filters ? { filters: body.filters } : (current.definition as Definition);
  await kefu.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('saved_views')
      .set({ name: body.name ?? current.name, shared: body.shared ?? current.shared, definition, version: current.version + 1, updated_at: new Date() })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw preconditionFailed();
    await recordAudit(tx, auditBy(actor, { action: 'ticket_view.update', entityType: 'saved_view', entityId: id, before: { name: current.name, shared: current.shared, definition: current.definition }, after: body }));
  });
  // counted as the list counts it, so a view that is still stale says so
  const row = await repo.findTicketView(kefu.db, actor.orgId, id);
  if (!row) throw notFound('view');
  const [view] = await describeViews(ctx, [row]);
  return view!;
}

export async function deleteTicketView(ctx: TicketCtx, id: string): Promise<void> {
  const { kefu, actor } = ctx;
  authorize(actor, 'tickets.read');
  const current = await editableView(ctx, id);
  await kefu.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('saved_views').where('org_id', '=', actor.orgId).where('id', '=', id).execute();
    await recordAudit(tx, auditBy(actor, { action: 'ticket_view.delete', entityType: 'saved_view', entityId: id, before: { name: current.name, shared: current.shared, definition: current.definition } }));
  });
}
