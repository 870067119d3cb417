import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../customers/customers.fixtures.js';
import { auditRows, ok, type OrgTest, setupOrg } from '../org/org.fixtures.js';
import { createTicket, deskAgent, listIds } from './tickets.fixtures.js';

describe('tickets: register, find, edit', () => {
  let t: OrgTest;
  beforeAll(async () => {
    t = await setupOrg();
  });
  afterAll(async () => t.close());

  it('registers a ticket for a customer: number, status history, timeline and audit', async () => {
    const customer = await createCustomer(t.admin, { name: '王建国', phones: [{ value: '13912345678' }], classManagement: 'top' });
    const ticket = await createTicket(t.admin, { type: 'after_sales', subtype: 'repair', subject: '空调不制冷，申请上门维修', customerId: customer.id, priority: 'high', channel: 'phone', tags: ['空调'] });
    expect(ticket).toMatchObject({ type: 'after_sales', subtype: 'repair', status: 'new', priority: 'high', channel: 'phone', customer: { id: customer.id, name: '王建国' }, customerTier: 'vip', version: 1 });
    expect(Number(ticket.number)).toBeGreaterThan(10000);
    expect(ticket.allowedStatuses).toEqual(['open', 'pending', 'on_hold', 'resolved', 'closed']);
    const history = ok(await t.admin({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/status-history` }));
    expect(history).toEqual([expect.objectContaining({ from: null, to: 'new' })]);
    const timeline = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${customer.id}/timeline` }));
    expect(timeline.items.some((e: { kind: string; title: string }) => e.kind === 'ticket' && e.title.includes('空调不制冷'))).toBe(true);
    expect(await auditRows(t, 'ticket.create', ticket.id)).toHaveLength(1);
  });

  it('refuses inconsistent input field by field, in the user’s language, and stores nothing', async () => {
    const before = await t.kefu.db.selectFrom('tickets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const other = ok(await t.admin({ method: 'POST', url: '/api/v1/ticket-categories', payload: { ticketType: 'complaint', name: '服务态度' } }), 201);
    const res = await t.admin({
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { type: 'after_sales', subject: '换货', categoryId: other.id, customerId: '0190a0a0-0000-7000-8000-000000000000', assigneeId: '0190a0a0-0000-7000-8000-000000000001' },
    });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { path: string[]; message: string }[];
    expect(Object.fromEntries(details.map((d) => [d.path.join('.'), d.message]))).toEqual({
      'body.subtype': '售后工单请选择服务类型（安装、维修、退货或换货）',
      'body.categoryId': '该分类不属于所选工单类型',
      'body.customerId': '客户不存在',
      'body.assigneeId': '处理人不存在或已停用',
    });
    expect((await t.admin({ method: 'POST', url: '/api/v1/tickets', payload: { type: 'inquiry', subject: ' ', role: 'admin' } })).statusCode).toBe(400);
    expect((await t.admin({ method: 'POST', url: '/api/v1/tickets', payload: { type: 'refund', subject: 'x' } })).statusCode).toBe(400);
    expect((await t.admin({ method: 'POST', url: '/api/v1/tickets', payload: { type: 'inquiry', subtype: 'repair', subject: 'x' } })).json().error.details[0].path).toEqual(['body', 'subtype']);
    const after = await t.kefu.db.selectFrom('tickets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('validates per-type custom fields: a field limited to complaints is required there and unknown elsewhere', async () => {
    ok(await t.admin({ method: 'POST', url: '/api/v1/custom-fields', payload: { entity: 'ticket', key: 'order_no', label: '订单号', type: 'text', required: true, ticketTypes: ['complaint'] } }), 201);
    const missing = await t.admin({ method: 'POST', url: '/api/v1/tickets', payload: { type: 'complaint', subject: '快递丢件' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].path).toEqual(['body', 'custom', 'order_no']);
    const complaint = await createTicket(t.admin, { type: 'complaint', subject: '快递丢件', custom: { order_no: 'SO-2026-001' } });
    expect(complaint.custom).toEqual({ order_no: 'SO-2026-001' });
    // a complaint ticket starts the §5.4 process as it is registered
    const process = ok(await t.admin({ method: 'GET', url: `/api/v1/tickets/${complaint.id}/complaint` }));
    expect(process.steps).toHaveLength(7);
    const inquiry = await t.admin({ method: 'POST', url: '/api/v1/tickets', payload: { type: 'inquiry', subject: '问价', custom: { order_no: 'x' } } });
    expect(inquiry.statusCode).toBe(400);
  });

  it('finds tickets by number, Chinese words and fragments, and filters by status, type and tag', async () => {
    const a = await createTicket(t.admin, { subject: '发票抬头开错了需要重开', tags: ['发票'] });
    const b = await createTicket(t.admin, { type: 'suggestion', subject: '建议增加夜间客服热线' });
    expect(await listIds(t.admin, `q=${a.number}`)).toEqual([a.id]);
    expect(await listIds(t.admin, `q=%23${a.number}`)).toEqual([a.id]);
    expect(await listIds(t.admin, `q=${encodeURIComponent('发票 重开')}`)).toContain(a.id);
    expect(await listIds(t.admin, `q=${encodeURIComponent('夜间客服')}`)).toEqual([b.id]);
    expect(await listIds(t.admin, `q=${encodeURIComponent('热线')}&type=suggestion`)).toEqual([b.id]);
    expect(await listIds(t.admin, `tag=${encodeURIComponent('发票')}`)).toEqual([a.id]);
    expect(await listIds(t.admin, `q=${encodeURIComponent('洗衣机')}`)).toEqual([]);
    expect((await t.admin({ method: 'GET', url: '/api/v1/tickets?status=new,bogus' })).statusCode).toBe(400);
    expect((await t.admin({ method: 'GET', url: "/api/v1/tickets?sort=subject;drop table tickets" })).statusCode).toBe(400);
  });

  it('pages through a list with cursors, without repeats or gaps', async () => {
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push((await createTicket(t.admin, { subject: `分页测试 ${i}`, tags: ['paging'] })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = ok(await t.admin({ method: 'GET', url: `/api/v1/tickets?tag=paging&limit=3${cursor ? `&cursor=${cursor}` : ''}` }));
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('two agents editing one ticket with the same ETag: one wins, the other gets 412, nothing is lost', async () => {
    const ticket = await createTicket(t.admin, { subject: '并发编辑' });
    const [first, second] = await Promise.all([
      t.admin({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers: { 'if-match': '"1"' }, payload: { priority: 'urgent' } }),
      t.admin({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers: { 'if-match': '"1"' }, payload: { subject: '并发编辑（改）' } }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 412]);
    const winner = first.statusCode === 200 ? first : second;
    expect(winner.headers.etag).toBe('"2"');
    const now = ok(await t.admin({ method: 'GET', url: `/api/v1/tickets/${ticket.id}` }));
    expect(now.version).toBe(2);
    expect(now.priority === 'urgent' || now.subject === '并发编辑（改）').toBe(true);
    expect((await t.admin({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, payload: { priority: 'low' } })).statusCode).toBe(428);
    const retried = ok(await t.admin({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers: { 'if-match': '"2"' }, payload: { priority: 'low', subject: '并发编辑（改）' } }));
    expect(retried).toMatchObject({ priority: 'low', subject: '并发编辑（改）', version: 3 });
  });

  it('keeps agents to their data scope: 本人 sees own, team and registered tickets; others are 404', async () => {
    const ann = await deskAgent(t, 'desk_ann');
    const bob = await deskAgent(t, 'desk_bob');
    const mine = await createTicket(ann.call, { subject: 'ann 登记的工单' });
    const admins = await createTicket(t.admin, { subject: '管理员的工单' });
    const assignedToBob = await createTicket(t.admin, { subject: '分给 bob', assigneeId: bob.id });
    expect(await listIds(ann.call, 'view=all')).toEqual([mine.id]);
    expect(await listIds(bob.call, 'view=mine')).toEqual([assignedToBob.id]);
    expect((await ann.call({ method: 'GET', url: `/api/v1/tickets/${admins.id}` })).statusCode).toBe(404);
    expect((await ann.call({ method: 'PATCH', url: `/api/v1/tickets/${admins.id}`, headers: { 'if-match': '"1"' }, payload: { priority: 'low' } })).statusCode).toBe(404);
    const forbidden = await ann.call({ method: 'POST', url: '/api/v1/tickets', payload: { type: 'inquiry', subject: 'x', assigneeId: bob.id } });
    expect(forbidden.statusCode).toBe(400);
    expect(forbidden.json().error.details[0].path).toEqual(['body', 'assigneeId']);
    const counts = ok(await bob.call({ method: 'GET', url: '/api/v1/tickets/view-counts' }));
    expect(counts).toMatchObject({ mine: 1, all_open: 1 });
  });
});
