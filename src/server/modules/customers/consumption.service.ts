import { sql } from 'kysely';
import type { z } from 'zod';
import { auditBy, recordAudit } from '../../platform/audit.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { isUniqueViolation } from '../org/org.common.js';
import type { invoiceBody, orderBody, paymentBody, productBody } from '../../../shared/customers.js';
import { assertCustomerWritable, type CustomerCtx, problem, validationError } from './customers.common.js';
import * as repo from './customers.repo.js';
import type { OrderItem } from './customers.tables.js';
import { appendTimeline } from './timeline.service.js';

type ProductBody = z.infer<typeof productBody>;
type OrderBody = z.infer<typeof orderBody>;
type InvoiceBody = z.infer<typeof invoiceBody>;
type PaymentBody = z.infer<typeof paymentBody>;

/** §2.3 consumption data: the light product catalogue, orders, invoices and payments. */

const iso = (d: Date) => d.toISOString();

async function writableCustomer(ctx: CustomerCtx, customerId: string) {
  const row = await repo.findCustomerInScope(ctx.kefu.db, ctx.actor, customerId);
  if (!row) throw notFound('customer');
  if (row.merged_into_id) throw new AppError('customer_merged', 409, { mergedIntoId: row.merged_into_id });
  return row;
}

/** A unique number taken (order, invoice, SKU) becomes a 409 on its form field. */
async function unique<T>(ctx: CustomerCtx, field: string, code: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(code, 409, [{ path: ['body', field], ...problem(ctx.actor, field, code) }]);
    throw err;
  }
}

const presentProduct = (r: { id: string; sku: string; name: string; category: string | null; unit_price_fen: number; active: boolean; version: number }) => ({
  id: r.id,
  sku: r.sku,
  name: r.name,
  category: r.category,
  unitPriceFen: Number(r.unit_price_fen),
  active: r.active,
  version: r.version,
});

export async function listProducts(ctx: CustomerCtx, q?: string) {
  let query = ctx.kefu.db.selectFrom('products').selectAll().where('org_id', '=', ctx.actor.orgId);
  if (q) query = query.where((eb) => eb.or([eb('name', 'ilike', `%${q.replace(/[\\%_]/g, '\\$&')}%`), eb('sku', 'ilike', `${q.replace(/[\\%_]/g, '\\$&')}%`)]));
  const rows = await query.orderBy('active', 'desc').orderBy('sku').limit(500).execute();
  return rows.map(presentProduct);
}

export async function createProduct(ctx: CustomerCtx, body: ProductBody) {
  const row = await unique(ctx, 'sku', 'sku_taken', () =>
    ctx.kefu.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('products')
        .values({ org_id: ctx.actor.orgId, id: uuidv7(), sku: body.sku, name: body.name, category: body.category ?? null, unit_price_fen: body.unitPriceFen ?? 0, active: body.active ?? true })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(tx, auditBy(ctx.actor, { action: 'product.create', entityType: 'product', entityId: inserted.id, after: inserted }));
      return inserted;
    }),
  );
  return presentProduct(row);
}

export async function updateProduct(ctx: CustomerCtx, id: string, version: number, body: Partial<ProductBody>) {
  const row = await unique(ctx, 'sku', 'sku_taken', () =>
    ctx.kefu.db.transaction().execute(async (tx) => {
      const current = await tx.selectFrom('products').selectAll().where('org_id', '=', ctx.actor.orgId).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!current) throw notFound('product');
      if (current.version !== version) throw preconditionFailed();
      const updated = await tx
        .updateTable('products')
        .set({
          sku: body.sku ?? current.sku,
          name: body.name ?? current.name,
          category: body.category === undefined ? current.category : body.category,
          unit_price_fen: body.unitPriceFen ?? current.unit_price_fen,
          active: body.active ?? current.active,
          version: current.version + 1,
          updated_at: new Date(),
        })
        .where('org_id', '=', ctx.actor.orgId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(tx, auditBy(ctx.actor, { action: 'product.update', entityType: 'product', entityId: id, before: current, after: updated }));
      return updated;
    }),
  );
  return presentProduct(row);
}

const presentOrder = (r: { id: string; customer_id: string; order_no: string; ordered_at: Date; status: string; items: OrderItem[]; amount_fen: number; margin_fen: number | null; channel: string | null }) => ({
  id: r.id,
  customerId: r.customer_id,
  orderNo: r.order_no,
  orderedAt: iso(r.ordered_at),
  status: r.status,
  items: r.items,
  amountFen: Number(r.amount_fen),
  marginFen: r.margin_fen === null ? null : Number(r.margin_fen),
  channel: r.channel,
});

export async function listOrders(ctx: CustomerCtx, customerId: string) {
  if (!(await repo.findCustomerInScope(ctx.kefu.db, ctx.actor, customerId))) throw notFound('customer');
  const rows = await ctx.kefu.db.selectFrom('customer_orders').selectAll().where('org_id', '=', ctx.actor.orgId).where('customer_id', '=', customerId).orderBy('ordered_at', 'desc').limit(500).execute();
  return rows.map(presentOrder);
}

export async function createOrder(ctx: CustomerCtx, customerId: string, body: OrderBody) {
  await writableCustomer(ctx, customerId);
  const items: OrderItem[] = body.items ?? [];
  const productIds = [...new Set(items.map((i) => i.productId).filter((p): p is string => !!p))];
  if (productIds.length > 0) {
    const found = await ctx.kefu.db.selectFrom('products').select('id').where('org_id', '=', ctx.actor.orgId).where('id', 'in', productIds).execute();
    if (found.length !== productIds.length) throw validationError([problem(ctx.actor, 'items', 'unknown_product')]);
  }
  const itemsTotal = items.reduce((sum, i) => sum + Math.round(i.quantity * i.unitPriceFen), 0);
  const amount = body.amountFen ?? itemsTotal;
  const row = await unique(ctx, 'orderNo', 'order_no_taken', () =>
    ctx.kefu.db.transaction().execute(async (tx) => {
      await assertCustomerWritable(tx, ctx.actor.orgId, customerId);
      const inserted = await tx
        .insertInto('customer_orders')
        .values({
          org_id: ctx.actor.orgId,
          id: uuidv7(),
          customer_id: customerId,
          order_no: body.orderNo,
          ordered_at: body.orderedAt,
          status: body.status ?? 'completed',
          items: JSON.stringify(items),
          amount_fen: amount,
          margin_fen: body.marginFen ?? null,
          channel: body.channel ?? null,
          created_by: ctx.actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendTimeline(tx, { orgId: ctx.actor.orgId, customerId, kind: 'order', title: body.orderNo, at: new Date(body.orderedAt), sourceType: 'order', sourceId: inserted.id, actorId: ctx.actor.userId, detail: { amountFen: amount, status: inserted.status } });
      await recordAudit(tx, auditBy(ctx.actor, { action: 'order.create', entityType: 'customer', entityId: customerId, after: { orderId: inserted.id, orderNo: body.orderNo, amountFen: amount } }));
      return inserted;
    }),
  );
  return presentOrder(row);
}

const presentInvoice = (r: { id: string; customer_id: string; order_id: string | null; invoice_no: string; issued_at: string; due_at: string; amount_fen: number; status: string; paid_fen?: number | null }) => ({
  id: r.id,
  customerId: r.customer_id,
  orderId: r.order_id,
  invoiceNo: r.invoice_no,
  issuedAt: r.issued_at,
  dueAt: r.due_at,
  amountFen: Number(r.amount_fen),
  paidFen: Number(r.paid_fen ?? 0),
  status: r.status,
});

export async function listInvoices(ctx: CustomerCtx, customerId: string) {
  if (!(await repo.findCustomerInScope(ctx.kefu.db, ctx.actor, customerId))) throw notFound('customer');
  const rows = await ctx.kefu.db
    .selectFrom('customer_invoices as i')
    .selectAll('i')
    .select(sql<number>`(SELECT coalesce(sum(p.amount_fen), 0) FROM customer_payments p WHERE p.org_id = i.org_id AND p.invoice_id = i.id)::bigint`.as('paid_fen'))
    .where('i.org_id', '=', ctx.actor.orgId)
    .where('i.customer_id', '=', customerId)
    .orderBy('i.issued_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(presentInvoice);
}

export async function createInvoice(ctx: CustomerCtx, customerId: string, body: InvoiceBody) {
  await writableCustomer(ctx, customerId);
  if (body.dueAt < body.issuedAt) throw validationError([problem(ctx.actor, 'dueAt', 'due_before_issue')]);
  if (body.orderId) {
    const order = await ctx.kefu.db.selectFrom('customer_orders').select('id').where('org_id', '=', ctx.actor.orgId).where('id', '=', body.orderId).where('customer_id', '=', customerId).executeTakeFirst();
    if (!order) throw validationError([problem(ctx.actor, 'orderId', 'unknown_order')]);
  }
  const row = await unique(ctx, 'invoiceNo', 'invoice_no_taken', () =>
    ctx.kefu.db.transaction().execute(async (tx) => {
      await assertCustomerWritable(tx, ctx.actor.orgId, customerId);
      const inserted = await tx
        .insertInto('customer_invoices')
        .values({ org_id: ctx.actor.orgId, id: uuidv7(), customer_id: customerId, order_id: body.orderId ?? null, invoice_no: body.invoiceNo, issued_at: body.issuedAt, due_at: body.dueAt, amount_fen: body.amountFen, status: body.status ?? 'open', created_by: ctx.actor.userId })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendTimeline(tx, { orgId: ctx.actor.orgId, customerId, kind: 'invoice', title: body.invoiceNo, at: new Date(`${body.issuedAt}T00:00:00Z`), sourceType: 'invoice', sourceId: inserted.id, actorId: ctx.actor.userId, detail: { amountFen: body.amountFen, dueAt: body.dueAt } });
      await recordAudit(tx, auditBy(ctx.actor, { action: 'invoice.create', entityType: 'customer', entityId: customerId, after: { invoiceId: inserted.id, invoiceNo: body.invoiceNo, amountFen: body.amountFen } }));
      return inserted;
    }),
  );
  return presentInvoice(row);
}

const presentPayment = (r: { id: string; customer_id: string; invoice_id: string | null; paid_at: Date; amount_fen: number; method: string; reference: string | null }) => ({
  id: r.id,
  customerId: r.customer_id,
  invoiceId: r.invoice_id,
  paidAt: iso(r.paid_at),
  amountFen: Number(r.amount_fen),
  method: r.method,
  reference: r.reference,
});

export async function listPayments(ctx: CustomerCtx, customerId: string) {
  if (!(await repo.findCustomerInScope(ctx.kefu.db, ctx.actor, customerId))) throw notFound('customer');
  const rows = await ctx.kefu.db.selectFrom('customer_payments').selectAll().where('org_id', '=', ctx.actor.orgId).where('customer_id', '=', customerId).orderBy('paid_at', 'desc').limit(500).execute();
  return rows.map(presentPayment);
}

/** Records a payment; an invoice paid in full by it is marked paid in the same transaction. */
export async function createPayment(ctx: CustomerCtx, customerId: string, body: PaymentBody) {
  await writableCustomer(ctx, customerId);
  const row = await ctx.kefu.db.transaction().execute(async (tx) => {
    await assertCustomerWritable(tx, ctx.actor.orgId, customerId);
    if (body.invoiceId) {
      const invoice = await tx.selectFrom('customer_invoices').selectAll().where('org_id', '=', ctx.actor.orgId).where('id', '=', body.invoiceId).where('customer_id', '=', customerId).forUpdate().executeTakeFirst();
      if (!invoice) throw validationError([problem(ctx.actor, 'invoiceId', 'unknown_invoice')]);
    }
    const inserted = await tx
      .insertInto('customer_payments')
      .values({ org_id: ctx.actor.orgId, id: uuidv7(), customer_id: customerId, invoice_id: body.invoiceId ?? null, paid_at: body.paidAt, amount_fen: body.amountFen, method: body.method ?? 'transfer', reference: body.reference ?? null, created_by: ctx.actor.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (body.invoiceId) {
      await tx
        .updateTable('customer_invoices')
        .set({ status: 'paid' })
        .where('org_id', '=', ctx.actor.orgId)
        .where('id', '=', body.invoiceId)
        .where('status', '=', 'open')
        .where(sql<boolean>`amount_fen <= (SELECT coalesce(sum(p.amount_fen), 0) FROM customer_payments p WHERE p.org_id = customer_invoices.org_id AND p.invoice_id = customer_invoices.id)`)
        .execute();
    }
    await appendTimeline(tx, { orgId: ctx.actor.orgId, customerId, kind: 'payment', title: body.reference ?? '', at: new Date(body.paidAt), sourceType: 'payment', sourceId: inserted.id, actorId: ctx.actor.userId, detail: { amountFen: body.amountFen, method: inserted.method } });
    await recordAudit(tx, auditBy(ctx.actor, { action: 'payment.create', entityType: 'customer', entityId: customerId, after: { paymentId: inserted.id, amountFen: body.amountFen, invoiceId: body.invoiceId ?? null } }));
    return inserted;
  });
  return presentPayment(row);
}

/** Consumption figures for the 360 card and the portrait (§2.10 fields that exist so far). */
export async function consumptionSummary(ctx: CustomerCtx, customerId: string) {
  const orgId = ctx.actor.orgId;
  const row = await sql<{
    order_count: number;
    revenue_fen: number;
    margin_fen: number;
    first_order_at: Date | null;
    last_order_at: Date | null;
    invoiced_fen: number;
    paid_fen: number;
    overdue_fen: number;
  }>`
    SELECT
      (SELECT count(*) FROM customer_orders o WHERE o.org_id = ${orgId} AND o.customer_id = ${customerId} AND o.status = 'completed')::bigint AS order_count,
      (SELECT coalesce(sum(amount_fen), 0) FROM customer_orders o WHERE o.org_id = ${orgId} AND o.customer_id = ${customerId} AND o.status = 'completed')::bigint AS revenue_fen,
      (SELECT coalesce(sum(margin_fen), 0) FROM customer_orders o WHERE o.org_id = ${orgId} AND o.customer_id = ${customerId} AND o.status = 'completed')::bigint AS margin_fen,
      (SELECT min(ordered_at) FROM customer_orders o WHERE o.org_id = ${orgId} AND o.customer_id = ${customerId} AND o.status = 'completed') AS first_order_at,
      (SELECT max(ordered_at) FROM customer_orders o WHERE o.org_id = ${orgId} AND o.customer_id = ${customerId} AND o.status = 'completed') AS last_order_at,
      (SELECT coalesce(sum(amount_fen), 0) FROM customer_invoices i WHERE i.org_id = ${orgId} AND i.customer_id = ${customerId} AND i.status <> 'void')::bigint AS invoiced_fen,
      (SELECT coalesce(sum(amount_fen), 0) FROM customer_payments p WHERE p.org_id = ${orgId} AND p.customer_id = ${customerId})::bigint AS paid_fen,
      (SELECT coalesce(sum(greatest(i.amount_fen - coalesce((SELECT sum(p.amount_fen) FROM customer_payments p WHERE p.org_id = i.org_id AND p.invoice_id = i.id), 0), 0)), 0)
         FROM customer_invoices i WHERE i.org_id = ${orgId} AND i.customer_id = ${customerId} AND i.status = 'open' AND i.due_at < current_date)::bigint AS overdue_fen
  `.execute(ctx.kefu.db);
  const r = row.rows[0]!;
  return {
    orderCount: Number(r.order_count),
    revenueFen: Number(r.revenue_fen),
    marginFen: Number(r.margin_fen),
    firstOrderAt: r.first_order_at ? new Date(r.first_order_at).toISOString() : null,
    lastOrderAt: r.last_order_at ? new Date(r.last_order_at).toISOString() : null,
    invoicedFen: Number(r.invoiced_fen),
    paidFen: Number(r.paid_fen),
    receivableFen: Math.max(0, Number(r.invoiced_fen) - Number(r.paid_fen)),
    overdueFen: Number(r.overdue_fen),
  };
}
