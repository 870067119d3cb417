import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createDepartment, ok } from '../org/org.fixtures.js';
import { createCustomer, customerAgent, type CustomerTest, search, setupCustomers } from './customers.fixtures.js';
import { cnIdCheckChar } from '../../../shared/cn-id-number.js';
import { creditCodeCheckChar } from '../../../shared/credit-code.js';

const ID_BASE = '11010519491231002';
const ID = ID_BASE + cnIdCheckChar(ID_BASE);
const CODE_BASE = '91350100M000100Y4';
const CREDIT = CODE_BASE + creditCodeCheckChar(CODE_BASE);

describe('customers: info card', () => {
  let t: CustomerTest;
  beforeAll(async () => {
    t = await setupCustomers();
  });
  afterAll(async () => t.close());

  it('creates an individual with normalized phones, encrypted ID number, region and history', async () => {
    const res = await t.admin({
      method: 'POST',
      url: '/api/v1/customers',
      payload: {
        kind: 'individual',
        name: ' 张\u200b伟 ',
        gender: 'male',
        phones: [{ value: '＋８６ １３８ １２３４ ５６７８', label: '手机' }, { value: '010-6234 5678' }],
        email: 'ZhangWei@Example.com',
        idNumber: ID.toLowerCase(),
        provinceCode: '44',
        cityCode: '4403',
        districtCode: '440305',
        tags: ['VIP', 'VIP', '老客户'],
        sourceChannel: 'phone',
      },
    });
    const c = ok(res, 201);
    expect(c).toMatchObject({
      name: '张伟',
      phones: [{ value: '13812345678', kind: 'mobile', label: '手机' }, { value: '010-62345678', kind: 'landline' }],
      email: 'zhangwei@example.com',
      idNumber: ID.toUpperCase(),
      regionLabel: '广东省 深圳市 南山区',
      tags: ['VIP', '老客户'],
      lifecycleStatus: 'potential',
      version: 1,
    });
    const stored = await t.kefu.db.selectFrom('customers').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(stored.id_number_enc).not.toContain(ID.slice(6, 14));
    expect(stored.id_number_masked).not.toBe(ID);
    const [audit] = await auditRows(t, 'customer.create', c.id);
    expect(JSON.stringify(audit.after)).not.toContain(ID);
    const timeline = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${c.id}/timeline` }));
    expect(timeline.items.map((i: { kind: string }) => i.kind)).toEqual(['created']);
  });

  it('reports every bad field at once in the user language', async () => {
    const res = await t.admin({
      method: 'POST',
      url: '/api/v1/customers',
      payload: {
        kind: 'organization',
        name: '华为😀',
        phones: [{ value: '1381234567812345678901234567890123456789' }, { value: 'abc13812345678' }],
        creditCode: CREDIT.slice(0, 17) + (CREDIT.endsWith('0') ? '1' : '0'),
        idNumber: ID.slice(0, 17),
        email: 'not-an-email',
        provinceCode: '44',
        cityCode: '1101',
      },
    });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { path: string[]; code: string; message: string }[];
    const byField = Object.fromEntries(details.map((d) => [d.path.slice(1).join('.'), d.code]));
    expect(byField).toMatchObject({
      name: 'name_emoji',
      'phones.0.value': 'invalid_phone_number',
      'phones.1.value': 'invalid_phone_number',
      creditCode: 'credit_code_checksum',
      idNumber: 'id_number_length',
      email: 'invalid_email',
      cityCode: 'region_mismatch',
    });
    expect(details.find((d) => d.code === 'name_emoji')!.message).toBe('名称不能包含表情符号');
    expect(await t.kefu.db.selectFrom('customers').select('id').where('name', 'like', '华为%').execute()).toHaveLength(0);
  });

  it('accepts rare characters such as 𠮷 and flags possible duplicates at entry', async () => {
    const first = await createCustomer(t.admin, { name: '𠮷野家', phones: [{ value: '13900001111' }] });
    expect(first.name).toBe('𠮷野家');
    const dup = await t.admin({ method: 'POST', url: '/api/v1/customers', payload: { kind: 'individual', name: '王五', phones: [{ value: '139 0000 1111' }] } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('possible_duplicate');
    expect(dup.json().error.details.candidates[0]).toMatchObject({ id: first.id, reasons: ['phone'] });
    const check = ok(await t.admin({ method: 'POST', url: '/api/v1/customers/check-duplicates', payload: { name: '𠮷野家' } }));
    expect(check.candidates.map((c: { id: string }) => c.id)).toEqual([first.id]);
  });

  it('searches by Chinese substring, pinyin, initials, English name, phone suffix, e-mail and credit code', async () => {
    await createCustomer(t.admin, { name: '李小龙', nameEn: 'Bruce Lee', phones: [{ value: '13600002468' }], email: 'bruce@example.com' });
    await createCustomer(t.admin, { kind: 'organization', name: '深圳市腾云科技有限公司', creditCode: CREDIT });
    await createCustomer(t.admin, { name: '曾小贤' });
    expect(await search(t.admin, '小龙')).toEqual(['李小龙']);
    expect(await search(t.admin, '李小龙')).toEqual(['李小龙']);
    expect(await search(t.admin, 'lixiaolong')).toEqual(['李小龙']);
    expect(await search(t.admin, 'lxl')).toEqual(['李小龙']);
    expect(await search(t.admin, 'bruce')).toEqual(['李小龙']);
    expect(await search(t.admin, '2468')).toEqual(['李小龙']);
    expect(await search(t.admin, 'bruce@example.com')).toEqual(['李小龙']);
    expect(await search(t.admin, CREDIT.toLowerCase())).toEqual(['深圳市腾云科技有限公司']);
    expect(await search(t.admin, '腾云科技')).toEqual(['深圳市腾云科技有限公司']);
    expect(await search(t.admin, 'zeng')).toEqual(['曾小贤']);
    expect(await search(t.admin, 'zw')).toEqual(['张伟']);
    // bigrams present but not adjacent do not match
    expect(await search(t.admin, '小贤龙')).toEqual([]);
    // SQL in the search box is text
    expect(await search(t.admin, "' OR 1=1 --")).toEqual([]);
  });

  it('an agent with 本人 scope sees only their customers, with phones masked', async () => {
    const dept = await createDepartment(t.admin, '大客户部', t.rootDeptId);
    const agent = await customerAgent(t, 'agent_self', { scope: 'self', departmentId: dept.id });
    const mine = await createCustomer(agent.call, { name: '赵敏', phones: [{ value: '13712345678' }] });
    expect(mine.phones[0].value).toBe('137****5678');
    expect(mine.maskedFields).toEqual(['phone']);
    const names = ok(await agent.call({ method: 'GET', url: '/api/v1/customers' })).items.map((i: { name: string }) => i.name);
    expect(names).toEqual(['赵敏']);
    const other = (await t.kefu.db.selectFrom('customers').select('id').where('name', '=', '李小龙').executeTakeFirstOrThrow()).id;
    expect((await agent.call({ method: 'GET', url: `/api/v1/customers/${other}` })).statusCode).toBe(404);
    const revealed = ok(await agent.call({ method: 'POST', url: '/api/v1/reveal', payload: { entity: 'customer', id: mine.id, field: 'phone', reason: '回访核实' } }), 403);
    expect(revealed).toBeDefined();
  });

  it('updates with If-Match, merges custom values, moves the lifecycle along allowed transitions only', async () => {
    const c = await createCustomer(t.admin, { name: '孙丽' });
    const stale = await t.admin({ method: 'PATCH', url: `/api/v1/customers/${c.id}`, headers: { 'if-match': '"9"' }, payload: { remark: 'x' } });
    expect(stale.statusCode).toBe(412);
    const updated = ok(await t.admin({ method: 'PATCH', url: `/api/v1/customers/${c.id}`, headers: { 'if-match': '"1"' }, payload: { remark: '喜欢下午联系', classManagement: 'top' } }));
    expect(updated).toMatchObject({ remark: '喜欢下午联系', classManagement: 'top', version: 2 });
    ok(await t.admin({ method: 'POST', url: `/api/v1/customers/${c.id}/status`, payload: { status: 'new', reason: '首次下单' } }));
    const bad = await t.admin({ method: 'POST', url: `/api/v1/customers/${c.id}/status`, payload: { status: 'won_back' } });
    expect(bad.statusCode).toBe(409);
    const history = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${c.id}/status-history` }));
    expect(history.map((h: { to: string }) => h.to)).toEqual(['new', 'potential']);
    const unknown = await t.admin({ method: 'PATCH', url: `/api/v1/customers/${c.id}`, headers: { 'if-match': '"3"' }, payload: { org_id: 'x' } });
    expect(unknown.statusCode).toBe(400);
  });

  it('filters on fields and custom fields; counts match; bad filters are a 400', async () => {
    ok(await t.admin({ method: 'POST', url: '/api/v1/custom-fields', payload: { entity: 'customer', key: 'level', label: '会员等级', type: 'select', options: [{ value: 'gold', label: '金卡' }, { value: 'silver', label: '银卡' }] } }), 201);
    await createCustomer(t.admin, { name: '周杰', custom: { level: 'gold' }, tags: ['金卡会员'] });
    const filter = JSON.stringify({ match: 'all', conditions: [{ field: 'custom.level', op: 'eq', value: 'gold' }] });
    const page = ok(await t.admin({ method: 'GET', url: `/api/v1/customers?filter=${encodeURIComponent(filter)}` }));
    expect(page.items.map((i: { name: string }) => i.name)).toEqual(['周杰']);
    const count = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/count?filter=${encodeURIComponent(filter)}` }));
    expect(count.count).toBe(1);
    const tagFilter = JSON.stringify({ conditions: [{ field: 'tags', op: 'has_any', value: ['金卡会员'] }] });
    expect(ok(await t.admin({ method: 'GET', url: `/api/v1/customers/count?filter=${encodeURIComponent(tagFilter)}` })).count).toBe(1);
    for (const bad of ['{', JSON.stringify({ conditions: [{ field: 'password_hash', op: 'eq', value: 'x' }] }), JSON.stringify({ conditions: [{ field: 'name', op: 'gt; DROP TABLE customers', value: 'x' }] }), JSON.stringify({ conditions: [{ field: 'custom.nope', op: 'eq', value: 'x' }] })]) {
      const res = await t.admin({ method: 'GET', url: `/api/v1/customers?filter=${encodeURIComponent(bad)}` });
      expect(res.statusCode, bad).toBe(400);
    }
  });

  it('paginates the register with a cursor', async () => {
    const first = ok(await t.admin({ method: 'GET', url: '/api/v1/customers?limit=2&sort=name' }));
    expect(first.items).toHaveLength(2);
    const second = ok(await t.admin({ method: 'GET', url: `/api/v1/customers?limit=2&sort=name&cursor=${first.nextCursor}` }));
    expect(second.items[0].name >= first.items[1].name).toBe(true);
    expect(second.items.map((i: { id: string }) => i.id)).not.toContain(first.items[0].id);
  });

  it('pages through customers created within one millisecond without skipping any', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await createCustomer(t.admin, { name: `同刻客户${i}`, tags: ['同刻'] })).id);
    // microseconds apart, the same millisecond
    for (const [i, id] of ids.entries()) {
      await sql`UPDATE customers SET created_at = '2026-01-01 08:00:00.123'::timestamptz + make_interval(secs => ${i} / 1000000.0) WHERE id = ${id}`.execute(t.kefu.db);
    }
    const filter = encodeURIComponent(JSON.stringify({ conditions: [{ field: 'tags', op: 'has_any', value: ['同刻'] }] }));
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 5; page += 1) {
      const res = ok(await t.admin({ method: 'GET', url: `/api/v1/customers?limit=2&sort=-created_at&filter=${filter}${cursor ? `&cursor=${cursor}` : ''}` }));
      seen.push(...res.items.map((i: { id: string }) => i.id));
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
    expect(seen.sort()).toEqual([...ids].sort());
  });
});
