import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../../platform/auth/password-policy.js';
import { as, loginCookie } from '../../testing/harness.js';
import { normalizeCnPhone } from '../../../shared/phone.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-data.js';
import { seedDemo } from './demo-seed.js';
import { ok, type OrgTest, setupOrg } from './org.fixtures.js';

describe('demo seed', () => {
  let t: OrgTest;
  const progress: [number, number][] = [];
  let result: Awaited<ReturnType<typeof seedDemo>>;
  beforeAll(async () => {
    t = await setupOrg();
    result = await seedDemo(t.kefu.db, { onProgress: (done, total) => progress.push([done, total]) });
  });
  afterAll(async () => t.close());

  it('seeds the tree, positions, roles and 16 users, reporting progress to the end', async () => {
    expect(result).toMatchObject({ created: true, password: 'Kefu-Demo-2026', counts: { departments: 8, positions: 8, roles: 8, users: 16 } });
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    const depts = ok(await t.admin({ method: 'GET', url: '/api/v1/departments' })).items;
    const root = depts.find((d: any) => d.parentId === null);
    expect(root.name).toBe('客服中心');
    const children = depts.filter((d: any) => d.parentId === root.id).map((d: any) => d.name);
    expect(children).toEqual(expect.arrayContaining(['呼叫中心', '在线客服', '售后服务', '技术支持', '大客户部', '质检组']));
    const positions = ok(await t.admin({ method: 'GET', url: '/api/v1/positions' })).items;
    expect(positions.map((p: any) => p.name)).toEqual(expect.arrayContaining(['客服经理', '班长', '客服代表', '技术支持', '售后', '客户关系管理专员', '质检', '培训']));
    expect(positions.find((p: any) => p.code === 'TEAM_LEAD').responsibilities).toContain('监听');
    const roles = ok(await t.admin({ method: 'GET', url: '/api/v1/roles' })).items;
    expect(roles.find((r: any) => r.code === 'cs_manager')).toMatchObject({ scopes: { users: 'subtree' }, fieldRules: { phone: 'show' } });
    expect(roles.find((r: any) => r.code === 'agent')).toMatchObject({ scopes: { users: 'self' }, fieldRules: { phone: 'mask' } });
    const [audit] = await t.kefu.db.selectFrom('audit_log').selectAll().where('action', '=', 'demo.seed').execute();
    expect(audit.after).toMatchObject({ users: expect.arrayContaining(['zhangwei']) });
  });

  it('uses valid data: a policy-compliant password and normalized mainland phones', () => {
    expect(checkPasswordPolicy(DEMO_PASSWORD)).toBeNull();
    for (const u of DEMO_USERS) expect(normalizeCnPhone(u.phone), u.username).toEqual({ value: u.phone, kind: 'mobile' });
  });

  it('refuses to run twice and changes nothing', async () => {
    const before = await t.kefu.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const again = await seedDemo(t.kefu.db);
    expect(again).toMatchObject({ created: false, reason: 'demo_present' });
    expect((again as { found: string[] }).found).toContain('user zhangwei');
    const after = await t.kefu.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('demo users sign in and see what their role allows', async () => {
    const names = async (username: string) => {
      const call = as(t.app, await loginCookie(t.app, username, DEMO_PASSWORD));
      const res = await call({ method: 'GET', url: '/api/v1/users?limit=200' });
      return res.statusCode === 200 ? res.json().items.map((u: any) => u.username).sort() : res.statusCode;
    };
    // 客服代表 has no org.users.read: the staff list is not theirs to read
    expect(await names('zhangwei')).toBe(403);
    // 班长 of 话务一组: their group only, phones masked
    expect(await names('lina')).toEqual(['lina', 'liuyang', 'zhangwei']);
    // 客服经理 at the root: everyone below 客服中心
    expect(await names('wangjianguo')).toEqual(expect.arrayContaining(['humin', 'lina', 'zhulin', 'admin']));
    const lead = as(t.app, await loginCookie(t.app, 'lina', DEMO_PASSWORD));
    const page = ok(await lead({ method: 'GET', url: '/api/v1/users?q=zhangwei' }));
    expect(page.items[0]).toMatchObject({ phone: '138****5678', email: 'z***@example.com' });
  });
});
