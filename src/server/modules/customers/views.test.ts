import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, ok } from '../org/org.fixtures.js';
import { createCustomer, customerAgent, type CustomerTest, setupCustomers } from './customers.fixtures.js';

describe('customer views, segments and bulk actions', () => {
  let t: CustomerTest;
  beforeAll(async () => {
    t = await setupCustomers();
  });
  afterAll(async () => t.close());

  it('saves a segment whose count is live, shares a view, and lets only its owner change it', async () => {
    const colleague = await customerAgent(t, 'viewer', { scope: 'all' });
    const filter = { match: 'all', conditions: [{ field: 'tags', op: 'has_any', value: ['华南区'] }] };
    const segment = ok(await t.admin({ method: 'POST', url: '/api/v1/customer-views', payload: { kind: 'segment', name: '华南区客户', shared: true, definition: { filter } } }), 201);
    expect(segment).toMatchObject({ kind: 'segment', count: 0, mine: true });
    await createCustomer(t.admin, { name: '黄一', tags: ['华南区'] });
    await createCustomer(t.admin, { name: '黄二', tags: ['华南区', 'VIP'] });
    const views = ok(await colleague.call({ method: 'GET', url: '/api/v1/customer-views' }));
    expect(views).toEqual([expect.objectContaining({ id: segment.id, count: 2, mine: false, ownerName: '系统管理员' })]);
    const denied = await colleague.call({ method: 'PATCH', url: `/api/v1/customer-views/${segment.id}`, headers: { 'if-match': '"1"' }, payload: { name: '改名' } });
    expect(denied.statusCode).toBe(403);
    const renamed = ok(await t.admin({ method: 'PATCH', url: `/api/v1/customer-views/${segment.id}`, headers: { 'if-match': '"1"' }, payload: { name: '华南区重点客户' } }));
    expect(renamed).toMatchObject({ name: '华南区重点客户', version: 2, count: 2 });
    const bad = await t.admin({ method: 'POST', url: '/api/v1/customer-views', payload: { kind: 'segment', name: 'x', definition: { filter: { conditions: [{ field: 'custom.none', op: 'eq', value: 'x' }] } } } });
    expect(bad.statusCode).toBe(400);
    const privateView = ok(await colleague.call({ method: 'POST', url: '/api/v1/customer-views', payload: { kind: 'view', name: '我的视图', definition: { columns: ['name', 'phone'] } } }), 201);
    const adminViews = ok(await t.admin({ method: 'GET', url: '/api/v1/customer-views' }));
    expect(adminViews.map((v: { id: string }) => v.id)).not.toContain(privateView.id);
    expect((await t.admin({ method: 'DELETE', url: `/api/v1/customer-views/${privateView.id}` })).statusCode).toBe(404);
  });

  it('assigns, tags and changes status in bulk, skipping what cannot change and auditing once', async () => {
    const agent = await customerAgent(t, 'bulk_owner', { scope: 'self' });
    const a = await createCustomer(t.admin, { name: '批量甲' });
    const b = await createCustomer(t.admin, { name: '批量乙', lifecycleStatus: 'churned' });
    const assign = ok(await t.admin({ method: 'POST', url: '/api/v1/customers/bulk', payload: { ids: [a.id, b.id], action: 'assign', ownerId: agent.id } }));
    expect(assign).toEqual({ updated: 2, skipped: [] });
    const mine = ok(await agent.call({ method: 'GET', url: '/api/v1/customers' }));
    expect(mine.items.map((c: { name: string }) => c.name).sort()).toEqual(['批量乙', '批量甲']);
    ok(await t.admin({ method: 'POST', url: '/api/v1/customers/bulk', payload: { ids: [a.id, b.id], action: 'add_tags', tags: ['回访', '重点'] } }));
    ok(await t.admin({ method: 'POST', url: '/api/v1/customers/bulk', payload: { ids: [a.id], action: 'remove_tags', tags: ['重点'] } }));
    expect(ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${a.id}` })).tags).toEqual(['回访']);
    const status = ok(await t.admin({ method: 'POST', url: '/api/v1/customers/bulk', payload: { ids: [a.id, b.id], action: 'status', status: 'new', reason: '首次联系' } }));
    expect(status.updated).toBe(1);
    expect(status.skipped).toEqual([expect.objectContaining({ id: b.id, code: 'invalid_status_transition' })]);
    const missing = await t.admin({ method: 'POST', url: '/api/v1/customers/bulk', payload: { ids: [a.id], action: 'assign' } });
    expect(missing.statusCode).toBe(400);
    // an agent cannot touch customers outside their scope: reported, not changed
    const other = await createCustomer(t.admin, { name: '别人的客户' });
    const out = ok(await agent.call({ method: 'POST', url: '/api/v1/customers/bulk', payload: { ids: [other.id], action: 'add_tags', tags: ['x'] } }));
    expect(out).toMatchObject({ updated: 0, skipped: [{ id: other.id, code: 'not_found' }] });
    expect(await auditRows(t, 'customer.bulk_assign')).toHaveLength(1);
    const timeline = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${a.id}/timeline?kinds=owner` }));
    expect(timeline.items[0].detail).toMatchObject({ to: agent.id, toName: 'bulk_owner' });
  });
});
