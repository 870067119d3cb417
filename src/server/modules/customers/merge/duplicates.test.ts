import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnIdCheckChar } from '../../../../shared/cn-id-number.js';
import { creditCodeCheckChar } from '../../../../shared/credit-code.js';
import { auditRows, createDepartment, ok, type Call } from '../../org/org.fixtures.js';
import { createCustomer, customerAgent, type CustomerTest, setupCustomers } from '../customers.fixtures.js';

const ID_BASE = '11010519800101002';
const ID = ID_BASE + cnIdCheckChar(ID_BASE);
const CODE_BASE = '91330100M000200Y4';
const CREDIT = CODE_BASE + creditCodeCheckChar(CODE_BASE);

type Group = { reason: string; reasons: string[]; memberCount: number; members: { id: string; name: string; phones: (string | null)[]; email: string | null }[] };

async function allGroups(call: Call, query = '', limit = 100): Promise<Group[]> {
  const out: Group[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const url: string = `/api/v1/customers/duplicates?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: { items: Group[]; nextCursor: string | null } = ok(await call({ method: 'GET', url }));
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('too many pages');
}

const memberSets = (groups: Group[]) => groups.map((g) => g.members.map((m) => m.name).sort().join('+')).sort();

describe('customers: duplicates page', () => {
  let t: CustomerTest;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await setupCustomers();
    const make = async (key: string, body: Record<string, unknown>) => {
      ids[key] = (await createCustomer(t.admin, { name: key, ...body })).id;
    };
    await make('电话甲', { phones: [{ value: '13900000001' }] });
    await make('电话乙', { phones: [{ value: '139 0000 0001' }, { value: '13900000002' }] });
    await make('邮箱甲', { email: 'Same@Example.com' });
    await make('邮箱乙', { email: 'same@example.com' });
    await make('杭州信用甲有限公司', { kind: 'organization', creditCode: CREDIT });
    await make('杭州信用乙有限公司', { kind: 'organization', creditCode: CREDIT.toLowerCase() });
    await make('证件甲', { idNumber: ID });
    await make('证件乙', { idNumber: ID });
    // the same person twice: phone and e-mail both match, proposed once with both reasons
    await make('双重甲', { phones: [{ value: '13700000007' }], email: 'twice@example.com' });
    await make('双重乙', { phones: [{ value: '13700000007' }], email: 'twice@example.com' });
    ids['Han Meimei'] = (await createCustomer(t.admin, { name: 'Han Meimei' })).id;
    ids.hanmeimei = (await createCustomer(t.admin, { name: 'HANMEIMEI' })).id;
    await make('杭州云栖科技有限公司', { kind: 'organization' });
    await make('杭州云栖科技公司', { kind: 'organization' });
    await make('独一无二', { phones: [{ value: '13900000099' }] });
  });
  afterAll(async () => t.close());

  it('groups customers by phone, e-mail, credit code, ID number, name key and similar names', async () => {
    const groups = await allGroups(t.admin);
    const byMembers = Object.fromEntries(groups.map((g) => [g.members.map((m) => m.name).sort().join('+'), g]));
    expect(byMembers['电话乙+电话甲']).toMatchObject({ reason: 'phone', reasons: ['phone'], memberCount: 2 });
    expect(byMembers['邮箱乙+邮箱甲']).toMatchObject({ reason: 'email', reasons: ['email'] });
    expect(byMembers['杭州信用乙有限公司+杭州信用甲有限公司']).toMatchObject({ reason: 'credit_code', reasons: ['credit_code'] });
    expect(byMembers['证件乙+证件甲']).toMatchObject({ reason: 'id_number', reasons: ['id_number'] });
    expect(byMembers['HANMEIMEI+Han Meimei']).toMatchObject({ reason: 'name', reasons: ['name'] });
    expect(byMembers['杭州云栖科技公司+杭州云栖科技有限公司']).toMatchObject({ reason: 'name_similar', reasons: ['name_similar'] });
    expect(byMembers['双重乙+双重甲']).toMatchObject({ reason: 'phone', reasons: ['phone', 'email'] });
    // proposed once, never twice; the unique customer nowhere
    expect(memberSets(groups)).toHaveLength(7);
    expect(new Set(memberSets(groups)).size).toBe(7);
    expect(groups.flatMap((g) => g.members.map((m) => m.name))).not.toContain('独一无二');
    // oldest member first; the administrator's role shows phones in full or masked by its rule
    expect(byMembers['电话乙+电话甲'].members[0].id).toBe(ids['电话甲']);
  });

  it('pages through the groups with a cursor that holds no personal data', async () => {
    const one = ok<{ items: Group[]; nextCursor: string }>(await t.admin({ method: 'GET', url: '/api/v1/customers/duplicates?limit=1' }));
    expect(one.items).toHaveLength(1);
    // the first group is keyed by an ID number hash; later cursors hold phones and e-mails: all sealed
    const second = ok<{ nextCursor: string }>(await t.admin({ method: 'GET', url: `/api/v1/customers/duplicates?limit=3&cursor=${encodeURIComponent(one.nextCursor)}` }));
    for (const cursor of [one.nextCursor, second.nextCursor]) expect(cursor).not.toMatch(/139|137|example|"k"/);
    expect(memberSets(await allGroups(t.admin, '', 1))).toEqual(memberSets(await allGroups(t.admin)));
    const bad = await t.admin({ method: 'GET', url: '/api/v1/customers/duplicates?cursor=abc' });
    expect(bad.statusCode).toBe(400);
  });

  it('filters by one reason', async () => {
    const emails = await allGroups(t.admin, '&reason=email');
    // the pair matching on phone and e-mail is listed under e-mail too when asked for e-mail only
    expect(memberSets(emails)).toEqual(['双重乙+双重甲', '邮箱乙+邮箱甲']);
    expect((await t.admin({ method: 'GET', url: '/api/v1/customers/duplicates?reason=nope' })).statusCode).toBe(400);
  });

  it('stops proposing a pair marked "not duplicates", audited', async () => {
    const body = { aId: ids['电话乙'], bId: ids['电话甲'] };
    ok(await t.admin({ method: 'POST', url: '/api/v1/customers/not-duplicates', payload: body }), 204);
    ok(await t.admin({ method: 'POST', url: '/api/v1/customers/not-duplicates', payload: body }), 204);
    const stored = await t.kefu.db.selectFrom('customer_not_duplicates').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].a_id < stored[0].b_id).toBe(true);
    expect(await auditRows(t, 'customer.not_duplicate')).toHaveLength(1);
    expect(memberSets(await allGroups(t.admin))).not.toContain('电话乙+电话甲');
    const same = await t.admin({ method: 'POST', url: '/api/v1/customers/not-duplicates', payload: { aId: ids['电话甲'], bId: ids['电话甲'] } });
    expect(same.statusCode).toBe(400);
  });

  it('an agent with 本人 scope sees only groups among their own customers, phones masked', async () => {
    const dept = await createDepartment(t.admin, '合并测试部', t.rootDeptId);
    const agent = await customerAgent(t, 'dup_agent', { scope: 'self', departmentId: dept.id, permissions: ['customers.read', 'customers.create', 'customers.merge'] });
    await createCustomer(agent.call, { name: '代理甲', phones: [{ value: '13500000005' }] });
    await createCustomer(agent.call, { name: '代理乙', phones: [{ value: '13500000005' }] });
    // shares a phone with the administrator's customer: out of scope, so no group for the agent
    await createCustomer(agent.call, { name: '代理丙', phones: [{ value: '13900000099' }] });
    const groups = await allGroups(agent.call);
    expect(memberSets(groups)).toEqual(['代理乙+代理甲']);
    expect(groups[0].members[0].phones).toEqual(['135****0005']);
    // the administrator sees the cross-owner pair
    expect(memberSets(await allGroups(t.admin))).toContain('代理丙+独一无二');
    const outOfScope = await agent.call({ method: 'POST', url: '/api/v1/customers/not-duplicates', payload: { aId: ids['邮箱甲'], bId: ids['邮箱乙'] } });
    expect(outOfScope.statusCode).toBe(404);
    const noPermission = await customerAgent(t, 'dup_reader', { scope: 'all' });
    expect((await noPermission.call({ method: 'GET', url: '/api/v1/customers/duplicates' })).statusCode).toBe(403);
  });
});
