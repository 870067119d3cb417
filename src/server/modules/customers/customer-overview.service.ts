import { notFound } from '../../platform/errors.js';
import type { CustomerCtx } from './customers.common.js';
import { presentCustomer } from './customers.presenter.js';
import * as repo from './customers.repo.js';
import { consumptionSummary } from './consumption.service.js';
import { listContacts } from './contacts.service.js';
import { getStatusHistory } from './customer-timeline.service.js';

const DAY = 86_400_000;

/**
 * Everything the 360 page shows beside the timeline, in one answer. The portrait holds the
 * §2.10 attributes computable from what the file holds today (value, recency, frequency,
 * preferred channel); tier, RFM segment, satisfaction trend and churn risk are null until the
 * modules that compute them exist, and the UI says so.
 */
export async function customerOverview(ctx: CustomerCtx, id: string) {
  const row = await repo.findCustomerInScope(ctx.kefu.db, ctx.actor, id);
  if (!row) throw notFound('customer');
  const [customer, contacts, consumption, statusHistory, feedback] = await Promise.all([
    presentCustomer(ctx.kefu, ctx.actor, row),
    listContacts(ctx, id),
    consumptionSummary(ctx, id),
    getStatusHistory(ctx, id),
    ctx.kefu.db
      .selectFrom('customer_timeline')
      .select(['id', 'at', 'kind', 'title', 'detail'])
      .where('org_id', '=', ctx.actor.orgId)
      .where('customer_id', '=', id)
      .where('kind', 'in', ['ticket', 'survey'])
      .orderBy('at', 'desc')
      .limit(20)
      .execute(),
  ]);
  const now = Date.now();
  return {
    customer,
    contacts,
    consumption,
    statusHistory,
    feedback: feedback.map((f) => ({ id: f.id, at: f.at.toISOString(), kind: f.kind, title: f.title, detail: f.detail })),
    portrait: {
      lifetimeValueFen: consumption.revenueFen,
      orderCount: consumption.orderCount,
      averageOrderFen: consumption.orderCount > 0 ? Math.round(consumption.revenueFen / consumption.orderCount) : null,
      daysSinceLastOrder: consumption.lastOrderAt ? Math.floor((now - Date.parse(consumption.lastOrderAt)) / DAY) : null,
      daysSinceLastActivity: row.last_activity_at ? Math.floor((now - new Date(row.last_activity_at).getTime()) / DAY) : null,
      preferredChannel: customer.preferences.preferredChannel ?? null,
      valueTier: null,
      rfmSegment: null,
      satisfactionTrend: null,
      churnRisk: null,
    },
  };
}
