import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../org/org.fixtures.js';
import { createCustomer, customerAgent, type CustomerTest, setupCustomers } from './customers.fixtures.js';

describe('contacts and consumption data', () => {
  let t: CustomerTest;
  let orgId: string;
  beforeAll(async () => {
    t = await setupCustomers();
    orgId = (await createCustomer(t.admin, { kind: 'organization', name: '杭州云帆网络科技有限公司' })).id;
  });
  afterAll(async () => t.close());

  it('keeps a contact map with one primary contact, validated phones and masked values', async () => {
    const first = ok(await t.admin({ method: 'POST', url: `/api/v1/customers/${orgId}/contacts`, payload: { name: '马总', role: 'decision_maker', strength: 5, phone: '139 0000 2222', isPrimary: true } }), 201);
    expect(first).toMatchObject({ phone: '13900002222', isPrimary: true, role: 'decision_maker' });
    ok(await t.admin({ method: 'POST', url: `/api/v1/customers/${orgId}/contacts`, payload: { name: '钱会计', role: 'finance', isPrimary: true } }), 201);
    const list = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${orgId}/contacts` }));
    expect(list.filter((c: { isPrimary: boolean }) => c.isPrimary).map((c: { name: string }) => c.name)).toEqual(['钱会计']);
    const bad = await t.admin({ method: 'POST', url: `/api/v1/customers/${orgId}/contacts`, payload: { name: '错号', phone: '12345' } });
    expect(bad.statusCode).toBe(400);
    const stale = await t.admin({ method: 'PATCH', url: `/api/v1/customers/${orgId}/contacts/${first.id}`, headers: { 'if-match': '"5"' }, payload: { strength: 4 } });
    expect(stale.statusCode).toBe(412);
    const viewer = await customerAgent(t, 'contact_viewer', { scope: 'all', permissions: ['customers.read', 'pii.reveal'] });
    const masked = ok(await viewer.call({ method: 'GET', url: `/api/v1/customers/${orgId}/contacts` }));
    expect(masked.find((c: { name: string }) => c.name === '马总')).toMatchObject({ phone: '139****2222', maskedFields: ['phone'] });
    const revealed = ok(await viewer.call({ method: 'POST', url: '/api/v1/reveal', payload: { entity: 'contact', id: first.id, field: 'phone', reason: '核实联系人' } }));
    expect(revealed.value).toBe('13900002222');
    expect((await viewer.call({ method: 'POST', url: `/api/v1/customers/${orgId}/contacts`, payload: { name: 'x' } })).statusCode).toBe(403);
  });

  it('records orders, invoices and payments; a full payment settles the invoice; figures and timeline follow', async () => {
    const product = ok(await t.admin({ method: 'POST', url: '/api/v1/products', payload: { sku: 'SVC-01', name: '年度服务包', unitPriceFen: 1_000_000 } }), 201);
    expect((await t.admin({ method: 'POST', url: '/api/v1/products', payload: { sku: 'SVC-01', name: '重复' } })).statusCode).toBe(409);
    const order = ok(await t.admin({ method: 'POST', url: `/api/v1/customers/${orgId}/orders`, payload: { orderNo: 'SO-1', orderedAt: '2026-01-05T02:00:00Z', items: [{ productId: product.id, name: '年度服务包', quantity: 2, unitPriceFen: 1_000_000 }], marginFen: 600_000 } }), 201);
    expect(order.amountFen).toBe(2_000_000);
    expect((await t.admin({ method: 'POST', url: `/api/v1/customers/${orgId}/orders`, payload: { orderNo: 'SO-1', orderedAt: '2026-01-06T02:00:00Z', amountFen: 1 } })).statusCode).toBe(409);
    const invoice = ok(await t.admin({ method: 'POST', url: `/api/v1/customers/${orgId}/invoices`, payload: { invoiceNo: 'FP-1', orderId: order.id, issuedAt: '2026-01-05', dueAt: '2026-02-04', amountFen: 2_000_000 } }), 201);
    expect((await t.admin({ method: 'POST', url: `/api/v1/customers/${orgId}/invoices`, payload: { invoiceNo: 'FP-2', issuedAt: '2026-01-05', dueAt: '2026-01-01', amountFen: 1 } })).statusCode).toBe(400);
    ok(await t.admin({ method: 'POST', url: `/api/v1/customers/${orgId}/payments`, payload: { invoiceId: invoice.id, paidAt: '2026-01-20T02:00:00Z', amountFen: 500_000 } }), 201);
    let overview = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${orgId}/overview` }));
    expect(overview.consumption).toMatchObject({ orderCount: 1, revenueFen: 2_000_000, marginFen: 600_000, receivableFen: 1_500_000, overdueFen: 1_500_000 });
    ok(await t.admin({ method: 'POST', url: `/api/v1/customers/${orgId}/payments`, payload: { invoiceId: invoice.id, paidAt: '2026-02-20T02:00:00Z', amountFen: 1_500_000, method: 'wechat_pay' } }), 201);
    const invoices = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${orgId}/invoices` }));
    expect(invoices[0]).toMatchObject({ status: 'paid', paidFen: 2_000_000 });
    overview = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${orgId}/overview` }));
    expect(overview.consumption).toMatchObject({ receivableFen: 0, overdueFen: 0 });
    expect(overview.portrait).toMatchObject({ lifetimeValueFen: 2_000_000, orderCount: 1, valueTier: null });
    const timeline = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${orgId}/timeline` }));
    expect(timeline.items.map((i: { kind: string }) => i.kind)).toEqual(['created', 'payment', 'payment', 'order', 'invoice']);
  });
});
