import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../platform/context.js';
import { createCustomer } from '../customers/customers.fixtures.js';
import { auditRows, ok, type OrgTest, setupOrg } from '../org/org.fixtures.js';
import { createTicket, deskAgent } from '../tickets/tickets.fixtures.js';
import { scanCommitments } from './commitments.scan.js';

const MIN = 60_000;
const inMinutes = (m: number) => new Date(Date.now() + m * MIN).toISOString();

describe('commitments (§5.7)', () => {
  let t: OrgTest;
  let customerId: string;
  beforeAll(async () => {
    t = await setupOrg();
    customerId = (await createCustomer(t.admin, { name: '周立波', phones: [{ value: '13700001111' }] })).id;
  });
  afterAll(async () => t?.close());

  const create = async (payload: Record<string, unknown>) => ok(await t.admin({ method: 'POST', url: '/api/v1/commitments', payload }), 201);

  it('lives open → fulfilled / cancelled, on the customer timeline and in the audit log', async () => {
    const c = await create({ customerId, description: '三个工作日内上门更换滤芯', dueAt: inMinutes(3 * 24 * 60) });
    expect(c).toMatchObject({ status: 'open', customer: { id: customerId, name: '周立波' }, owner: { id: t.adminId }, ticket: null, late: false, version: 1 });
    const moved = ok(await t.admin({ method: 'PATCH', url: `/api/v1/commitments/${c.id}`, headers: { 'if-match': '"1"' }, payload: { description: '两个工作日内上门更换滤芯' } }));
    expect(moved).toMatchObject({ description: '两个工作日内上门更换滤芯', version: 2 });
    expect((await t.admin({ method: 'PATCH', url: `/api/v1/commitments/${c.id}`, headers: { 'if-match': '"1"' }, payload: { description: 'x' } })).statusCode).toBe(412);
    const done = ok(await t.admin({ method: 'POST', url: `/api/v1/commitments/${c.id}/fulfil`, payload: { note: '已上门更换' } }));
    expect(done).toMatchObject({ status: 'fulfilled', fulfilmentNote: '已上门更换', late: false });
    expect(done.fulfilledAt).not.toBeNull();
    expect((await t.admin({ method: 'POST', url: `/api/v1/commitments/${c.id}/cancel`, payload: {} })).statusCode).toBe(409);

    const ticket = await createTicket(t.admin, { subject: '退款进度', customerId });
    const onTicket = await create({ ticketId: ticket.id, description: '明天下午回电告知退款进度', dueAt: inMinutes(24 * 60) });
    expect(onTicket).toMatchObject({ ticket: { id: ticket.id, number: ticket.number }, customer: { id: customerId } });
    const cancelled = ok(await t.admin({ method: 'POST', url: `/api/v1/commitments/${onTicket.id}/cancel`, payload: { reason: '客户已自行查询' } }));
    expect(cancelled.status).toBe('cancelled');

    const timeline = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${customerId}/timeline?limit=50` }));
    expect(timeline.items.filter((e: any) => String(e.detail?.event ?? '').startsWith('commitment.')).map((e: any) => e.detail.event).sort()).toEqual(['commitment.cancelled', 'commitment.created', 'commitment.created', 'commitment.fulfilled']);
    expect(await auditRows(t, 'commitment.create')).toHaveLength(2);
    expect(await auditRows(t, 'commitment.fulfil', c.id)).toHaveLength(1);
    expect(await auditRows(t, 'commitment.cancel', onTicket.id)).toHaveLength(1);
  });

  it('reminds the owner once before due and marks a breach once, alerting once', async () => {
    const owner = await deskAgent(t, 'promise_owner');
    const soon = await create({ customerId, description: '20 分钟内回电', dueAt: inMinutes(20), ownerId: owner.id });
    const past = await create({ customerId, description: '昨天应寄出发票', dueAt: inMinutes(-60), ownerId: owner.id });
    const later = await create({ customerId, description: '下周回访', dueAt: inMinutes(7 * 24 * 60), ownerId: owner.id });
    const published: RealtimeEvent[] = [];
    const publish = async (e: RealtimeEvent) => void published.push(e);
    expect(await scanCommitments(t.kefu.db, publish, new Date())).toEqual({ dueSoon: 1, breached: 1 });
    expect(await scanCommitments(t.kefu.db, publish, new Date())).toEqual({ dueSoon: 0, breached: 0 });
    expect(published.map((e) => `${e.type}:${(e.data as any).id}`).sort()).toEqual([`commitment.breached:${past.id}`, `commitment.due_soon:${soon.id}`].sort());
    expect(published.every((e) => e.userIds?.[0] === owner.id)).toBe(true);
    // half an hour on, the reminded one falls due too: breached once, with no second reminder
    const later30 = new Date(Date.now() + 30 * MIN);
    expect(await scanCommitments(t.kefu.db, publish, later30)).toEqual({ dueSoon: 0, breached: 1 });
    expect(await scanCommitments(t.kefu.db, publish, later30)).toEqual({ dueSoon: 0, breached: 0 });
    expect(published).toHaveLength(3);
    const breached = ok(await t.admin({ method: 'GET', url: `/api/v1/commitments/${past.id}` }));
    expect(breached).toMatchObject({ status: 'breached', late: true });
    expect(await auditRows(t, 'commitment.breached', past.id)).toHaveLength(1);
    // a breached commitment can still be kept, late
    const kept = ok(await owner.call({ method: 'POST', url: `/api/v1/commitments/${past.id}/fulfil`, payload: { note: '今天已寄出' } }));
    expect(kept).toMatchObject({ status: 'fulfilled', late: true });

    const mine = ok(await owner.call({ method: 'GET', url: '/api/v1/commitments?mine=true' }));
    expect(mine.items.map((i: any) => i.id)).toEqual([past.id, soon.id, later.id]);
    const breachedList = ok(await t.admin({ method: 'GET', url: '/api/v1/commitments?breached=true' }));
    expect(breachedList.items.map((i: any) => i.id)).toEqual([soon.id]);
    const open = ok(await t.admin({ method: 'GET', url: `/api/v1/commitments?status=open&customerId=${customerId}` }));
    expect(open.items.map((i: any) => i.id)).toEqual([later.id]);
    const page = ok(await owner.call({ method: 'GET', url: '/api/v1/commitments?mine=true&limit=2' }));
    const next = ok(await owner.call({ method: 'GET', url: `/api/v1/commitments?mine=true&limit=2&cursor=${page.nextCursor}` }));
    expect([...page.items, ...next.items].map((i: any) => i.id)).toEqual([past.id, soon.id, later.id]);
  });

  it('refuses bad input with localized messages and field paths', async () => {
    const none = await t.admin({ method: 'POST', url: '/api/v1/commitments', payload: { description: '回电', dueAt: inMinutes(60) } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details[0]).toMatchObject({ path: ['body', 'customerId'], message: '请选择客户或关联工单' });
    const bad = await t.admin({ method: 'POST', url: '/api/v1/commitments', payload: { customerId, description: '', dueAt: 'tomorrow', status: 'fulfilled' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: any) => d.path.join('.'))).toEqual(expect.arrayContaining(['body.description', 'body.dueAt']));
    const owner = await t.admin({ method: 'POST', url: '/api/v1/commitments', payload: { customerId: '0190a0a0-0000-7000-8000-000000000000', description: '回电', dueAt: inMinutes(60), ownerId: '0190a0a0-0000-7000-8000-000000000001' } });
    expect(Object.fromEntries(owner.json().error.details.map((d: any) => [d.path.join('.'), d.message]))).toEqual({ 'body.customerId': '客户不存在', 'body.ownerId': '负责人不存在或已停用' });
    expect((await t.admin({ method: 'GET', url: '/api/v1/commitments?status=kept' })).statusCode).toBe(400);
  });

  it('keeps agents to their scope: a commitment on a ticket they cannot see is 404', async () => {
    const agent = await deskAgent(t, 'scoped_agent');
    const ticket = await createTicket(t.admin, { subject: '管理员的工单' });
    const c = await create({ ticketId: ticket.id, description: '周五前给出方案', dueAt: inMinutes(600) });
    expect((await agent.call({ method: 'GET', url: `/api/v1/commitments/${c.id}` })).statusCode).toBe(404);
    expect((await agent.call({ method: 'POST', url: `/api/v1/commitments/${c.id}/fulfil`, payload: { note: 'x' } })).statusCode).toBe(404);
    expect((await agent.call({ method: 'POST', url: '/api/v1/commitments', payload: { ticketId: ticket.id, description: 'x', dueAt: inMinutes(60) } })).statusCode).toBe(404);
    expect(ok(await agent.call({ method: 'GET', url: `/api/v1/commitments?ticketId=${ticket.id}` })).items).toEqual([]);
    // handed to the agent, it becomes visible to them
    ok(await t.admin({ method: 'PATCH', url: `/api/v1/commitments/${c.id}`, headers: { 'if-match': '"1"' }, payload: { ownerId: agent.id } }));
    expect(ok(await agent.call({ method: 'GET', url: `/api/v1/commitments/${c.id}` })).owner.id).toBe(agent.id);
  });
});
