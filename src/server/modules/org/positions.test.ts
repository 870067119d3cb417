import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createRole, ok, type OrgTest, setupOrg, userAs } from './org.fixtures.js';

describe('positions', () => {
  let t: OrgTest;
  beforeAll(async () => {
    t = await setupOrg();
  });
  afterAll(async () => t.close());

  it('creates, lists, updates and deletes positions with audit', async () => {
    const created = ok(
      await t.admin({
        method: 'POST',
        url: '/api/v1/positions',
        payload: { code: 'TEAM_LEAD', name: '班长', nameEn: 'Team Lead', responsibilities: '对当班座席代表的工作情况负责。\n每日统计话务情况。', requirements: '一年以上座席经验' },
      }),
      201,
    );
    expect(created).toMatchObject({ code: 'TEAM_LEAD', name: '班长', nameEn: 'Team Lead', userCount: 0, version: 1 });
    expect(created.responsibilities).toContain('\n');
    const list = ok(await t.admin({ method: 'GET', url: '/api/v1/positions' }));
    expect(list.items.map((p: any) => p.code)).toContain('TEAM_LEAD');
    const updated = ok(await t.admin({ method: 'PATCH', url: `/api/v1/positions/${created.id}`, headers: { 'if-match': '"1"' }, payload: { name: '值班长', nameEn: null } }));
    expect(updated).toMatchObject({ name: '值班长', nameEn: null, version: 2 });
    expect((await t.admin({ method: 'PATCH', url: `/api/v1/positions/${created.id}`, headers: { 'if-match': '"1"' }, payload: { name: 'x' } })).statusCode).toBe(412);
    const [audit] = await auditRows(t, 'position.update', created.id);
    expect(audit).toMatchObject({ before: { name: '班长' }, after: { name: '值班长' } });
    expect((await t.admin({ method: 'DELETE', url: `/api/v1/positions/${created.id}` })).statusCode).toBe(204);
    expect((await t.admin({ method: 'GET', url: `/api/v1/positions/${created.id}` })).statusCode).toBe(404);
  });

  it('refuses duplicate codes (case-insensitive) and deleting a position in use', async () => {
    const p = ok(await t.admin({ method: 'POST', url: '/api/v1/positions', payload: { code: 'AGENT', name: '客服代表' } }), 201);
    const dup = await t.admin({ method: 'POST', url: '/api/v1/positions', payload: { code: 'agent', name: '另一个' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('position_code_taken');
    await userAs(t, 'holder', { positionId: p.id });
    const del = await t.admin({ method: 'DELETE', url: `/api/v1/positions/${p.id}` });
    expect(del.statusCode).toBe(409);
    expect(del.json().error).toMatchObject({ code: 'position_in_use', details: { users: 1 } });
    expect((await t.admin({ method: 'POST', url: '/api/v1/positions', payload: { code: 'X1', name: '' } })).statusCode).toBe(400);
    expect((await t.admin({ method: 'POST', url: '/api/v1/positions', payload: { code: 'X1', name: 'a', version: 5 } })).statusCode).toBe(400);
  });

  it('user readers may list positions; only managers may change them', async () => {
    const role = await createRole(t.admin, 'user_reader', ['org.users.read']);
    const reader = await userAs(t, 'pos_reader', { roleIds: [role.id] });
    ok(await reader.call({ method: 'GET', url: '/api/v1/positions' }));
    expect((await reader.call({ method: 'POST', url: '/api/v1/positions', payload: { code: 'NOPE', name: '不行' } })).statusCode).toBe(403);
  });
});
