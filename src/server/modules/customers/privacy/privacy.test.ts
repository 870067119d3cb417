import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnIdCheckChar } from '../../../../shared/cn-id-number.js';
import { auditRows, ok } from '../../org/org.fixtures.js';
import { createCustomer, customerAgent, type CustomerTest, search, setupCustomers } from '../customers.fixtures.js';

const ID_BASE = '44030519850315002';
const ID = ID_BASE + cnIdCheckChar(ID_BASE);

describe('customers: personal-information rights (§2.11)', () => {
  let t: CustomerTest;
  let customer: { id: string; version: number };
  let orderId: string;
  beforeAll(async () => {
    t = await setupCustomers();
    customer = await createCustomer(t.admin, {
      name: '欧阳娜娜',
      phones: [{ value: '13922223333' }],
      email: 'nana@example.com',
      idNumber: ID,
      provinceCode: '44',
      cityCode: '4403',
      districtCode: '440305',
      address: '广东省深圳市南山区科苑路15号',
      company: '某某科技',
      tags: ['VIP'],
      remark: '喜欢晚上联系',
      lifecycleStatus: 'new',
    });
    const base = `/api/v1/customers/${customer.id}`;
    ok(await t.admin({ method: 'POST', url: `${base}/contacts`, payload: { name: '欧阳先生', phone: '13800001111', email: 'mr@example.com', notes: '家属' } }), 201);
    orderId = ok(await t.admin({ method: 'POST', url: `${base}/orders`, payload: { orderNo: 'SO-2024-001', orderedAt: '2024-03-01T08:00:00Z', amountFen: 12_345 } }), 201).id;
    ok(await t.admin({ method: 'POST', url: `${base}/invoices`, payload: { invoiceNo: 'INV-001', orderId, issuedAt: '2024-03-02', dueAt: '2024-04-01', amountFen: 12_345 } }), 201);
    ok(await t.admin({ method: 'POST', url: `${base}/payments`, payload: { paidAt: '2024-03-05T08:00:00Z', amountFen: 12_345, method: 'wechat_pay', reference: '欧阳娜娜转账' } }), 201);
    ok(await t.admin({ method: 'POST', url: `${base}/notes`, payload: { text: '=HYPERLINK("http://x") 欧阳娜娜说下周再联系' } }), 204);
  });
  afterAll(async () => t.close());

  it('records consents append-only, withdraws them with a timestamp, on the timeline and audited', async () => {
    const url = `/api/v1/customers/${customer.id}/consents`;
    const sms = ok(await t.admin({ method: 'POST', url, payload: { purpose: '营销短信', scope: '手机号', channel: 'phone', granted: true, evidence: '通话录音 R-1001' } }), 201);
    expect(sms).toMatchObject({ purpose: '营销短信', channel: 'phone', granted: true, active: true, withdrawnAt: null });
    const refused = ok(await t.admin({ method: 'POST', url, payload: { purpose: '数据共享给合作方', channel: 'paper', granted: false, at: '2024-01-01T00:00:00Z' } }), 201);
    expect(refused).toMatchObject({ granted: false, active: false, at: '2024-01-01T00:00:00.000Z' });

    const withdrawn = ok(await t.admin({ method: 'POST', url: `${url}/${sms.id}/withdraw`, payload: { reason: '客户来电要求' } }));
    expect(withdrawn).toMatchObject({ id: sms.id, active: false });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect((await t.admin({ method: 'POST', url: `${url}/${sms.id}/withdraw` })).json().error.code).toBe('consent_already_withdrawn');
    expect((await t.admin({ method: 'POST', url: `${url}/${refused.id}/withdraw` })).statusCode).toBe(409);

    const list = ok(await t.admin({ method: 'GET', url }));
    expect(list.map((c: { id: string }) => c.id)).toEqual([sms.id, refused.id]);
    const timeline = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${customer.id}/timeline?kinds=consent` }));
    expect(timeline.items.map((i: { detail: { action: string } }) => i.detail.action).sort()).toEqual(['granted', 'refused', 'withdrawn']);
    expect(await auditRows(t, 'customer.consent', customer.id)).toHaveLength(2);
    expect(await auditRows(t, 'customer.consent_withdraw', customer.id)).toHaveLength(1);

    const bad = await t.admin({ method: 'POST', url, payload: { purpose: '', channel: 'fax', granted: 'yes' } });
    expect(bad.statusCode).toBe(400);
    const future = await t.admin({ method: 'POST', url, payload: { purpose: '回访', channel: 'web', granted: true, at: '2999-01-01T00:00:00Z' } });
    expect(future.json().error.details[0].code).toBe('consent_in_future');
    const reader = await customerAgent(t, 'consent_reader', { scope: 'self', permissions: ['customers.read'] });
    expect((await reader.call({ method: 'GET', url })).statusCode).toBe(404);
    expect((await reader.call({ method: 'POST', url, payload: { purpose: 'x', channel: 'web', granted: true } })).statusCode).toBe(403);
  });

  it('exports everything held on the person as a ZIP, unmasked, escaped, audited with the reason', async () => {
    const url = `/api/v1/customers/${customer.id}/personal-data.zip`;
    expect((await t.admin({ method: 'GET', url })).statusCode).toBe(400);
    const agent = await customerAgent(t, 'no_privacy', { scope: 'all' });
    expect((await agent.call({ method: 'GET', url: `${url}?reason=x` })).statusCode).toBe(403);

    const res = await t.admin({ method: 'GET', url: `${url}?reason=${encodeURIComponent('本人申请查阅 #42')}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(`personal-data-${customer.id}.zip`);
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files).sort()).toEqual(
      ['README.txt', 'consents.csv', 'contacts.csv', 'customer.json', 'invoices.csv', 'orders.csv', 'payments.csv', 'status-history.csv', 'timeline.csv'].sort(),
    );
    const text = (name: string) => strFromU8(files[name]);
    const card = JSON.parse(text('customer.json')).customer;
    expect(card).toMatchObject({ name: '欧阳娜娜', idNumber: ID, email: 'nana@example.com', address: '广东省深圳市南山区科苑路15号', phones: [{ value: '13922223333' }], maskedFields: [] });
    for (const name of Object.keys(files).filter((f) => f.endsWith('.csv'))) expect([...files[name].slice(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
    expect(text('contacts.csv')).toContain('13800001111');
    expect(text('orders.csv')).toContain('SO-2024-001,2024-03-01T08:00:00.000Z,completed,,123.45');
    expect(text('invoices.csv')).toContain('INV-001,SO-2024-001,2024-03-02,2024-04-01,123.45,open');
    expect(text('payments.csv')).toContain('欧阳娜娜转账');
    expect(text('consents.csv')).toContain('通话录音 R-1001');
    expect(text('status-history.csv')).toMatch(/Z,,new,/);
    // the note starts with "=": a spreadsheet must not run it
    expect(text('timeline.csv')).toContain(`"'=HYPERLINK(`);
    expect(text('README.txt')).toContain('个人信息副本');
    expect(text('README.txt')).toContain('Copy of personal information');

    const [audit] = await auditRows(t, 'data.export', customer.id);
    expect(audit).toMatchObject({ entity_type: 'customer', reason: '本人申请查阅 #42', after: { kind: 'customer_personal_data' } });
    expect(JSON.stringify(audit.after)).not.toContain(ID);
  });

  it('anonymizes: identifying data gone everywhere, statistics kept, later edits refused', async () => {
    const countBefore = ok(await t.admin({ method: 'GET', url: '/api/v1/customers/count' })).count;
    const res = ok(await t.admin({ method: 'POST', url: `/api/v1/customers/${customer.id}/anonymize`, payload: { reason: '本人申请删除' } }));
    expect(res.clearedFields).toEqual(expect.arrayContaining(['name', 'phones', 'email', 'id_number', 'address', 'district_code', 'company', 'remark']));
    expect(res.cascaded).toMatchObject({ phones: 1, contacts: 1, paymentReferences: 1 });

    const card = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${customer.id}` }));
    expect(card.name).toMatch(/^已匿名化客户 [0-9a-f]{8}$/);
    expect(card).toMatchObject({ phones: [], email: null, idNumber: null, address: null, districtCode: null, company: null, remark: '', provinceCode: '44', cityCode: '4403', tags: ['VIP'], lifecycleStatus: 'new' });
    expect(card.anonymizedAt).not.toBeNull();
    const row = await t.kefu.db.selectFrom('customers').selectAll().where('id', '=', customer.id).executeTakeFirstOrThrow();
    expect([row.id_number_enc, row.id_number_hash, row.id_number_masked, row.search_tokens]).toEqual([null, null, null, []]);
    expect(await t.kefu.db.selectFrom('customer_phones').selectAll().where('customer_id', '=', customer.id).execute()).toEqual([]);
    const [contact] = await t.kefu.db.selectFrom('customer_contacts').selectAll().where('customer_id', '=', customer.id).execute();
    expect(contact).toMatchObject({ name: '已匿名化联系人', phone: null, email: null, wechat: null, notes: '' });

    expect(await search(t.admin, '欧阳娜娜')).toEqual([]);
    expect(await search(t.admin, '13922223333')).toEqual([]);
    expect(await search(t.admin, '3333')).toEqual([]);
    expect(ok(await t.admin({ method: 'GET', url: '/api/v1/customers/count' })).count).toBe(countBefore);
    const orders = await t.kefu.db.selectFrom('customer_orders').select(['amount_fen', 'order_no']).where('customer_id', '=', customer.id).execute();
    expect(orders).toEqual([{ amount_fen: 12_345, order_no: 'SO-2024-001' }]);

    const timeline = await t.kefu.db.selectFrom('customer_timeline').select(['kind', 'title', 'detail']).where('customer_id', '=', customer.id).execute();
    expect(JSON.stringify(timeline)).not.toContain('欧阳');
    expect(timeline.find((e) => e.kind === 'order')!.title).toBe('SO-2024-001');
    expect(timeline.find((e) => e.kind === 'anonymized')!.detail).toMatchObject({ via: 'request' });
    const consents = await t.kefu.db.selectFrom('customer_consents').select(['purpose', 'evidence']).where('customer_id', '=', customer.id).execute();
    expect(consents.every((c) => c.evidence === '' && c.purpose !== '')).toBe(true);

    const [audit] = await auditRows(t, 'customer.anonymize', customer.id);
    expect(audit.reason).toBe('本人申请删除');
    for (const secret of ['欧阳', '13922223333', ID, 'nana@example.com', ID.slice(-4)]) expect(JSON.stringify(audit.after)).not.toContain(secret);

    const edit = await t.admin({ method: 'PATCH', url: `/api/v1/customers/${customer.id}`, headers: { 'if-match': `"${row.version}"` }, payload: { name: '欧阳娜娜' } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('customer_anonymized');
    expect((await t.admin({ method: 'POST', url: `/api/v1/customers/${customer.id}/anonymize`, payload: { reason: '再来一次' } })).statusCode).toBe(409);
    expect((await t.admin({ method: 'POST', url: `/api/v1/customers/${customer.id}/consents`, payload: { purpose: 'x', channel: 'web', granted: true } })).statusCode).toBe(409);
  });
});
