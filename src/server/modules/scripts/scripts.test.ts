import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids.js';
import { startTestApp, type Injector, type TestApp } from '../config/config.testing.js';
import { RECOMMENDED_PHRASES } from './default-content.js';
import { checkText } from './phrases.service.js';

describe('canned replies, scripts and forbidden phrases API', () => {
  let t: TestApp;
  let admin: Injector & { userId: string };
  let agent: Injector & { userId: string };
  let other: Injector & { userId: string };
  let ticketId: string;
  let hiddenTicketId: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.userWith(['tickets.read', 'scripts.manage'], { name: '主管' });
    agent = await t.userWith(['tickets.read'], { name: '徐丽' });
    other = await t.userWith(['tickets.read'], { name: '马超', locale: 'en' });
    const customerId = uuidv7();
    await t.db
      .insertInto('customers')
      .values({ org_id: t.orgId, id: customerId, kind: 'individual', name: '刘德明', gender: 'male', phones: '[]', custom: {}, preferences: {}, tags: [] } as never)
      .execute();
    ticketId = uuidv7();
    hiddenTicketId = uuidv7();
    await t.db
      .insertInto('tickets')
      .values([
        { org_id: t.orgId, id: ticketId, type: 'after_sales', subject: '宽带无法上网', channel: 'phone', status: 'open', customer_id: customerId, created_by: agent.userId },
        { org_id: t.orgId, id: hiddenTicketId, type: 'inquiry', subject: '别人的工单', channel: 'phone', created_by: admin.userId },
      ])
      .execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (who: Injector, payload: Record<string, unknown>) => who({ method: 'POST', url: '/api/v1/canned-replies', payload });

  it('keeps shared replies for scripts.manage and personal ones for their owner', async () => {
    const shared = await create(admin, { kind: 'script', title: '来电开场', body: '您好，{{org.name}}，我是{{agent.name}}', category: '开场', shared: true });
    expect(shared.statusCode).toBe(201);
    expect(shared.json()).toMatchObject({ shared: true, ownerId: null, kind: 'script', usageCount: 0, version: 1 });
    expect((await create(agent, { title: '共享', body: 'x', shared: true })).statusCode).toBe(403);
    const mine = await create(agent, { title: '我的回复', body: '{{customer.name}}{{customer.salutation}}您好，工单 {{ticket.number}} 状态：{{ticket.status}}', ticketTypes: ['after_sales'] });
    expect(mine.json()).toMatchObject({ shared: false, ownerId: agent.userId });
    const listOf = async (who: Injector, query = '') => (await who({ method: 'GET', url: `/api/v1/canned-replies${query}` })).json().items.map((r: { title: string }) => r.title);
    expect((await listOf(agent)).sort()).toEqual(['我的回复', '来电开场'].sort());
    expect(await listOf(other)).toEqual(['来电开场']);
    expect(await listOf(agent, '?kind=script')).toEqual(['来电开场']);
    expect(await listOf(agent, `?q=${encodeURIComponent('状态')}`)).toEqual(['我的回复']);
    expect(await listOf(agent, '?ticketType=complaint')).toEqual(['来电开场']);
    expect(await listOf(agent, '?owner=mine')).toEqual(['我的回复']);
    expect(await listOf(agent, `?q=${encodeURIComponent('100%_')}`)).toEqual([]);
    // someone else's personal reply does not exist for them
    const id = mine.json().id;
    expect((await other({ method: 'GET', url: `/api/v1/canned-replies/${id}` })).statusCode).toBe(404);
    expect((await other({ method: 'DELETE', url: `/api/v1/canned-replies/${id}` })).statusCode).toBe(404);
    // agents cannot change shared ones
    const sharedUrl = `/api/v1/canned-replies/${shared.json().id}`;
    expect((await agent({ method: 'PATCH', url: sharedUrl, payload: { title: 'x' }, headers: { 'if-match': '"1"' } })).statusCode).toBe(403);
    const edited = await admin({ method: 'PATCH', url: sharedUrl, payload: { title: '来电开场白' }, headers: { 'if-match': '"1"' } });
    expect(edited.json()).toMatchObject({ title: '来电开场白', version: 2 });
    expect((await admin({ method: 'PATCH', url: sharedUrl, payload: { title: 'y' }, headers: { 'if-match': '"1"' } })).statusCode).toBe(412);
    const [audit] = await t.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'canned_reply.update').execute();
    expect(audit.after).toMatchObject({ title: '来电开场白' });
  });

  it('refuses unknown variables and bad input with clear 400s', async () => {
    const res = await create(agent, { title: 'x', body: '您好 {{customer.phone}} {{ process.exit() }}' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'template_unknown_variables', details: { path: ['body', 'body'], variables: ['customer.phone', 'process.exit()'] } });
    expect(res.json().error.message).toContain('变量');
    expect((await create(agent, { title: '', body: 'x' })).json().error.details[0].path).toEqual(['body', 'title']);
    expect((await create(agent, { title: 'x', body: 'x', kind: 'macro' })).statusCode).toBe(400);
    expect((await create(agent, { title: 'x', body: 'x', ticketTypes: ['refund'] })).statusCode).toBe(400);
    expect((await create(agent, { title: 'x', body: 'x', ownerId: agent.userId })).statusCode).toBe(400);
    expect((await agent({ method: 'GET', url: '/api/v1/canned-replies?kind=macro' })).statusCode).toBe(400);
    const nobody = await t.userWith([]);
    expect((await nobody({ method: 'GET', url: '/api/v1/canned-replies' })).statusCode).toBe(403);
  });

  it('renders a reply with the ticket and customer, counting uses', async () => {
    const [reply] = (await agent({ method: 'GET', url: '/api/v1/canned-replies?owner=mine' })).json().items;
    const url = `/api/v1/canned-replies/${reply.id}/render`;
    const res = await agent({ method: 'POST', url, payload: { ticketId } });
    expect(res.statusCode).toBe(200);
    const number = (await t.db.selectFrom('tickets').select('number').where('id', '=', ticketId).executeTakeFirstOrThrow()).number;
    expect(res.json()).toEqual({ id: reply.id, text: `刘德明先生您好，工单 ${number} 状态：处理中`, unknown: [], missing: [] });
    const bare = (await agent({ method: 'POST', url, payload: {} })).json();
    expect(bare.text).toBe('{{customer.name}}客户您好，工单 {{ticket.number}} 状态：{{ticket.status}}');
    expect(bare.missing).toEqual(['customer.name', 'ticket.number', 'ticket.status']);
    // a ticket outside the agent's sight is 404, and a bad id is 400
    expect((await agent({ method: 'POST', url, payload: { ticketId: hiddenTicketId } })).statusCode).toBe(404);
    expect((await agent({ method: 'POST', url, payload: { ticketId: 'abc' } })).statusCode).toBe(400);
    expect((await agent({ method: 'GET', url: `/api/v1/canned-replies/${reply.id}` })).json().usageCount).toBe(2);
    const [shared] = (await other({ method: 'GET', url: '/api/v1/canned-replies' })).json().items;
    const en = (await other({ method: 'POST', url: `/api/v1/canned-replies/${shared.id}/render`, payload: {} })).json();
    expect(en.text).toMatch(/^您好，.+，我是马超$/);
  });

  it('manages forbidden phrases and loads the recommended list once', async () => {
    expect((await agent({ method: 'GET', url: '/api/v1/forbidden-phrases' })).json()).toMatchObject({ items: [], total: 0 });
    const add = (payload: Record<string, unknown>, who: Injector = admin) => who({ method: 'POST', url: '/api/v1/forbidden-phrases', payload });
    const p = await add({ phrase: '不知道', suggestion: '我帮您查询一下', severity: 'warn' });
    expect(p.statusCode).toBe(201);
    expect((await add({ phrase: 'x' }, agent)).statusCode).toBe(403);
    const dup = await add({ phrase: '不知道' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'forbidden_phrase_taken', details: { path: ['body', 'phrase'] } });
    expect((await add({ phrase: '！ ，' })).json().error.code).toBe('forbidden_phrase_empty');
    expect((await add({ phrase: 'x', severity: 'fatal' })).statusCode).toBe(400);
    const loaded = await admin({ method: 'POST', url: '/api/v1/forbidden-phrases/load-recommended', payload: {} });
    expect(loaded.json().added).toBe(RECOMMENDED_PHRASES.length - 1);
    expect((await admin({ method: 'POST', url: '/api/v1/forbidden-phrases/load-recommended', payload: {} })).json().added).toBe(0);
    const page = (await agent({ method: 'GET', url: '/api/v1/forbidden-phrases?limit=5' })).json();
    expect(page.items).toHaveLength(5);
    expect(page.total).toBe(RECOMMENDED_PHRASES.length);
    const next = (await agent({ method: 'GET', url: `/api/v1/forbidden-phrases?limit=5&cursor=${page.nextCursor}` })).json();
    expect(next.items[0].id).not.toBe(page.items[4].id);
    const edited = await admin({ method: 'PATCH', url: `/api/v1/forbidden-phrases/${p.json().id}`, payload: { severity: 'block' } });
    expect(edited.json().severity).toBe('block');
  });

  it('checks text for every caller and for the tickets service', async () => {
    const res = await other({ method: 'POST', url: '/api/v1/text-check', payload: { text: '这个我不 知 道，不归我管' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.blocked).toBe(true);
    expect(body.hits.map((h: { phrase: string; start: number; end: number }) => [h.phrase, h.start, h.end])).toEqual([
      ['不知道', 3, 8],
      ['不归我管', 9, 13],
    ]);
    expect(body.hits[0].suggestion).toBe('我帮您查询一下');
    expect((await other({ method: 'POST', url: '/api/v1/text-check', payload: {} })).statusCode).toBe(400);
    expect(await checkText(t.db, t.orgId, '您好，请稍等')).toEqual({ hits: [], blocked: false });
    const id = (await admin({ method: 'GET', url: '/api/v1/forbidden-phrases?q=%E4%B8%8D%E5%BD%92' })).json().items[0].id;
    await admin({ method: 'PATCH', url: `/api/v1/forbidden-phrases/${id}`, payload: { active: false } });
    expect((await checkText(t.db, t.orgId, '不归我管')).hits).toEqual([]);
    expect((await admin({ method: 'DELETE', url: `/api/v1/forbidden-phrases/${id}` })).statusCode).toBe(204);
    expect((await admin({ method: 'DELETE', url: `/api/v1/forbidden-phrases/${id}` })).statusCode).toBe(404);
  });
});
