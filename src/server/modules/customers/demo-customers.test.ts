import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, loginCookie, type TestApp } from '../../testing/harness.js';
import { seedDemo } from '../org/demo-seed.js';
import { DEMO_PASSWORD } from '../org/demo-data.js';
import { ok } from '../org/org.fixtures.js';
import { seedDemoCustomers } from './demo-customers.js';

describe('demo customers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.kefu.db);
    await t.kefu.db.transaction().execute((tx) => seedDemoCustomers(tx, t.orgId));
  });
  afterAll(async () => t.close());

  it('are searchable, owned by the demo staff and filtered by their data scopes', async () => {
    const admin = as(t.app, t.adminCookie);
    const all = ok(await admin({ method: 'GET', url: '/api/v1/customers?limit=100' }));
    expect(all.items).toHaveLength(16);
    // initials from inside an organization's name: 腾云科技 → tykj
    const found = ok(await admin({ method: 'GET', url: '/api/v1/customers?q=tykj' }));
    expect(found.items.map((c: { name: string }) => c.name)).toEqual(['深圳市腾云科技有限公司']);
    const byName = ok(await admin({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent('腾云')}` }));
    expect(byName.items.map((c: { name: string }) => c.name)).toEqual(['深圳市腾云科技有限公司']);
    const agent = as(t.app, await loginCookie(t.app, 'zhangwei', DEMO_PASSWORD));
    const mine = ok(await agent({ method: 'GET', url: '/api/v1/customers' }));
    expect(mine.items.map((c: { ownerName: string }) => c.ownerName)).toEqual(['张伟', '张伟']);
    expect(mine.items[0].phones[0].value).toMatch(/\*{4}/);
    const overview = ok(await admin({ method: 'GET', url: `/api/v1/customers/${byName.items[0].id}/overview` }));
    expect(overview.contacts).toHaveLength(3);
    expect(overview.consumption.orderCount).toBeGreaterThan(0);
  });
});
