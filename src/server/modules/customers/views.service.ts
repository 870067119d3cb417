import type { z } from 'zod';
import { auditBy, recordAudit } from '../../platform/audit.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { createViewBody, SavedView, updateViewBody, ViewDefinition } from '../../../shared/customers.js';

export type { SavedView };
import type { CustomerCtx } from './customers.common.js';
import { countCustomers } from './customers.service.js';

type CreateView = z.infer<typeof createViewBody>;
type UpdateView = z.infer<typeof updateViewBody>;
type ViewRow = { id: string; kind: 'view' | 'segment'; owner_id: string; name: string; shared: boolean; definition: Record<string, unknown>; version: number; created_at: Date; updated_at: Date };


function present(ctx: CustomerCtx, r: ViewRow & { owner_name: string | null }, count: number | null): SavedView {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    shared: r.shared,
    mine: r.owner_id === ctx.actor.userId,
    ownerName: r.owner_name,
    definition: r.definition as ViewDefinition,
    count,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

function visibleViews(ctx: CustomerCtx) {
  return ctx.kefu.db
    .selectFrom('saved_views as v')
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 'v.org_id').onRef('u.id', '=', 'v.owner_id'))
    .selectAll('v')
    .select('u.display_name as owner_name')
    .where('v.org_id', '=', ctx.actor.orgId)
    .where('v.entity', '=', 'customer')
    .where((eb) => eb.or([eb('v.owner_id', '=', ctx.actor.userId), eb('v.shared', '=', true)]));
}

/**
 * The caller's own views and segments plus those colleagues shared. Segment counts are live:
 * each is counted in the caller's data scope, so two people may see different numbers.
 */
export async function listViews(ctx: CustomerCtx): Promise<SavedView[]> {
  const rows = await visibleViews(ctx).orderBy('v.kind').orderBy('v.name').execute();
  return Promise.all(
    rows.map(async (r) => {
      if (r.kind !== 'segment') return present(ctx, r, null);
      const def = r.definition as ViewDefinition;
      // A segment whose custom field was deleted since still lists, with no count.
      const count = await countCustomers(ctx, { q: def.q, filter: def.filter }).catch(() => null);
      return present(ctx, r, count);
    }),
  );
}

export async function createView(ctx: CustomerCtx, body: CreateView): Promise<SavedView> {
  // run the rule once, so a filter that cannot run is refused now rather than when opened
  const count = await countCustomers(ctx, { q: body.definition.q, filter: body.definition.filter });
  const id = uuidv7();
  await ctx.kefu.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('saved_views')
      .values({ org_id: ctx.actor.orgId, id, entity: 'customer', kind: body.kind, owner_id: ctx.actor.userId, name: body.name, shared: body.shared ?? false, definition: body.definition })
      .execute();
    await recordAudit(tx, auditBy(ctx.actor, { action: 'customer_view.create', entityType: 'saved_view', entityId: id, after: body }));
  });
  const row = await visibleViews(ctx).where('v.id', '=', id).executeTakeFirstOrThrow();
  return present(ctx, row, body.kind === 'segment' ? count : null);
}

async function ownView(ctx: CustomerCtx, id: string) {
  const row = await visibleViews(ctx).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('view');
  if (row.owner_id !== ctx.actor.userId) throw new AppError('view_not_owned', 403);
  return row;
}

export async function updateView(ctx: CustomerCtx, id: string, version: number, body: UpdateView): Promise<SavedView> {
  const current = await ownView(ctx, id);
  if (current.version !== version) throw preconditionFailed();
  const definition = body.definition ?? (current.definition as ViewDefinition);
  const count = current.kind === 'segment' ? await countCustomers(ctx, { q: definition.q, filter: definition.filter }) : null;
  await ctx.kefu.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('saved_views')
      .set({ name: body.name ?? current.name, shared: body.shared ?? current.shared, definition, version: current.version + 1, updated_at: new Date() })
      .where('org_id', '=', ctx.actor.orgId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw preconditionFailed();
    await recordAudit(tx, auditBy(ctx.actor, { action: 'customer_view.update', entityType: 'saved_view', entityId: id, before: { name: current.name, shared: current.shared, definition: current.definition }, after: body }));
  });
  const row = await visibleViews(ctx).where('v.id', '=', id).executeTakeFirstOrThrow();
  return present(ctx, row, count);
}

export async function deleteView(ctx: CustomerCtx, id: string): Promise<void> {
  const current = await ownView(ctx, id);
  await ctx.kefu.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('saved_views').where('org_id', '=', ctx.actor.orgId).where('id', '=', id).execute();
    await recordAudit(tx, auditBy(ctx.actor, { action: 'customer_view.delete', entityType: 'saved_view', entityId: id, before: { name: current.name, definition: current.definition } }));
  });
}
