import { auditBy, recordAudit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import type { Page } from '../../platform/http/pagination.js';
import type { TimelineEntryView } from '../../../shared/customers.js';
import type { CustomerCtx } from './customers.common.js';
import * as repo from './customers.repo.js';
import { appendTimeline, listTimeline } from './timeline.service.js';

async function assertVisible(ctx: CustomerCtx, id: string) {
  const row = await repo.findCustomerInScope(ctx.kefu.db, ctx.actor, id);
  if (!row) throw notFound('customer');
  return row;
}

export async function getTimeline(ctx: CustomerCtx, id: string, query: { limit: number; cursor?: string; kinds?: string[] }): Promise<Page<TimelineEntryView>> {
  await assertVisible(ctx, id);
  return listTimeline(ctx.kefu.db, ctx.actor, id, query);
}

export async function getStatusHistory(ctx: CustomerCtx, id: string) {
  await assertVisible(ctx, id);
  const rows = await repo.statusHistory(ctx.kefu.db, ctx.actor.orgId, id);
  return rows.map((r) => ({ id: r.id, from: r.from_status, to: r.to_status, reason: r.reason, at: r.at.toISOString(), actorId: r.actor_id, actorName: r.actor_name }));
}

export async function addNote(ctx: CustomerCtx, id: string, text: string): Promise<void> {
  await assertVisible(ctx, id);
  await ctx.kefu.db.transaction().execute(async (tx) => {
    await appendTimeline(tx, { orgId: ctx.actor.orgId, customerId: id, kind: 'note', title: text.slice(0, 200), detail: { text }, actorId: ctx.actor.userId });
    await recordAudit(tx, auditBy(ctx.actor, { action: 'customer.note', entityType: 'customer', entityId: id, after: { text } }));
  });
}
