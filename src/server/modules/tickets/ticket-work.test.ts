import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTeam } from '../routing/routing.fixtures.js';
import { createUser, ok, type OrgTest, setupOrg } from '../org/org.fixtures.js';
import { addCustomerMessage } from './ticket-messages.service.js';
import { createTicket, reply, setStatus } from './tickets.fixtures.js';

describe('working a ticket: status, replies, notes, customer messages, merge, split, link', () => {
  let t: OrgTest;
  beforeAll(async () => {
    t = await setupOrg();
  });
  afterAll(async () => t.close());

  const messages = async (id: string) => ok<{ items: { kind: string; bodyText: string }[] }>(await t.admin({ method: 'GET', url: `/api/v1/tickets/${id}/messages` })).items;
  const get = async (id: string) => ok(await t.admin({ method: 'GET', url: `/api/v1/tickets/${id}` }));

  it('follows the lifecycle: allowed transitions only, reopen counted, history kept', async () => {
    const ticket = await createTicket(t.admin, { subject: '状态流转' });
    expect(ok(await setStatus(t.admin, ticket.id, 'pending', '等客户提供照片'))).toMatchObject({ status: 'pending' });
    expect(ok(await setStatus(t.admin, ticket.id, 'resolved'))).toMatchObject({ status: 'resolved', allowedStatuses: ['open', 'closed'] });
    const invalid = await setStatus(t.admin, ticket.id, 'pending');
    expect(invalid.statusCode).toBe(409);
    expect(invalid.json().error.message).toBe('工单不能从“已解决”变为“待客户回复”');
    const reopened = ok(await setStatus(t.admin, ticket.id, 'open', '客户说没修好'));
    expect(reopened).toMatchObject({ status: 'open', reopenCount: 1, resolvedAt: null });
    const history = ok(await t.admin({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/status-history` }));
    expect(history.map((h: { to: string }) => h.to)).toEqual(['new', 'pending', 'resolved', 'open']);
    expect(history[1].reason).toBe('等客户提供照片');
    expect((await setStatus(t.admin, ticket.id, 'archived')).statusCode).toBe(400);
  });

  it('a first reply marks the first response and opens the ticket; notes stay internal; a reply can leave it pending', async () => {
    const ticket = await createTicket(t.admin, { subject: '回复测试', requesterEmail: 'kehu@example.com' });
    ok(await t.admin({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, payload: { kind: 'note', body: '内部：先查物流' } }), 201);
    expect(await get(ticket.id)).toMatchObject({ status: 'new', firstResponseAt: null });
    const first = ok(await reply(t.admin, ticket.id, { body: '您好，已为您查询物流。' }), 201);
    expect(first).toMatchObject({ kind: 'reply', authorType: 'agent', bodyText: '您好，已为您查询物流。' });
    const afterReply = await get(ticket.id);
    expect(afterReply.status).toBe('open');
    expect(afterReply.firstResponseAt).not.toBeNull();
    ok(await reply(t.admin, ticket.id, { body: '请提供订单截图', statusAfter: 'pending' }), 201);
    expect((await get(ticket.id)).status).toBe('pending');
    expect((await messages(ticket.id)).map((m) => m.kind)).toEqual(['note', 'reply', 'reply']);
    // no outgoing mail server and a ticket that did not come by mail: the reply stays in Kefu
    expect((await messages(ticket.id)).map((m) => (m as { delivery?: string | null }).delivery)).toEqual([null, null, null]);
    expect((await reply(t.admin, ticket.id, { body: '' })).statusCode).toBe(400);
    expect((await reply(t.admin, ticket.id, { body: 'x', attachments: ['0190a0a0-0000-7000-8000-000000000000'] })).json().error.details[0].path).toEqual(['body', 'attachments']);
  });

  it('checks a reply against forbidden phrases: a blocking one refuses it, warnings need the agent to confirm', async () => {
    const ticket = await createTicket(t.admin, { subject: '用语检查' });
    ok(await t.admin({ method: 'POST', url: '/api/v1/forbidden-phrases', payload: { phrase: '不归我管', suggestion: '我帮您转给负责的同事', severity: 'block' } }), 201);
    ok(await t.admin({ method: 'POST', url: '/api/v1/forbidden-phrases', payload: { phrase: '不知道', suggestion: '我帮您查一下', severity: 'warn' } }), 201);
    const blocked = await reply(t.admin, ticket.id, { body: '这个不 归我管。' });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error.code).toBe('text_blocked');
    const warned = await reply(t.admin, ticket.id, { body: '我也不知道呢' });
    expect(warned.statusCode).toBe(409);
    expect(warned.json().error.details).toEqual([expect.objectContaining({ phrase: '不知道', severity: 'warn' })]);
    expect((await messages(ticket.id)).filter((m) => m.kind === 'reply')).toHaveLength(0);
    ok(await reply(t.admin, ticket.id, { body: '我也不知道呢', acknowledgeWarnings: true }), 201);
    ok(await t.admin({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, payload: { kind: 'note', body: '内部备注可以写不归我管' } }), 201);
  });

  it('a customer message wakes a pending ticket, reopens a resolved one, is stored once per external id, and a closed ticket refuses it', async () => {
    const ticket = await createTicket(t.admin, { subject: '客户回复' });
    await setStatus(t.admin, ticket.id, 'pending');
    const deliver = (externalId: string) =>
      t.kefu.db.transaction().execute((tx) => addCustomerMessage(tx, { orgId: t.orgId, ticketId: ticket.id, channel: 'wechat', bodyText: '照片已发', externalId }));
    expect(await deliver('wx-1')).toMatchObject({ duplicate: false, status: 'open' });
    expect(await deliver('wx-1')).toMatchObject({ duplicate: true });
    await setStatus(t.admin, ticket.id, 'resolved');
    expect(await deliver('wx-2')).toMatchObject({ duplicate: false, status: 'open' });
    expect((await get(ticket.id)).reopenCount).toBe(1);
    await setStatus(t.admin, ticket.id, 'closed');
    await expect(deliver('wx-3')).rejects.toMatchObject({ code: 'ticket_closed' });
    expect((await messages(ticket.id)).filter((m) => m.kind === 'customer')).toHaveLength(2);
  });

  it('links, merges (conversation moves, source closes) and splits (chosen messages move to a new ticket)', async () => {
    const a = await createTicket(t.admin, { subject: '重复的报修 A', tags: ['a'] });
    const b = await createTicket(t.admin, { subject: '重复的报修 B', tags: ['b'] });
    const c = await createTicket(t.admin, { subject: '相关工单 C' });
    ok(await t.admin({ method: 'POST', url: `/api/v1/tickets/${a.id}/links`, payload: { otherId: c.id } }));
    expect((await t.admin({ method: 'POST', url: `/api/v1/tickets/${c.id}/links`, payload: { otherId: a.id } })).statusCode).toBe(400);
    expect((await t.admin({ method: 'POST', url: `/api/v1/tickets/${a.id}/links`, payload: { otherId: a.id } })).statusCode).toBe(400);
    expect((await get(c.id)).links).toEqual([expect.objectContaining({ id: a.id, kind: 'related', direction: 'in' })]);
    await reply(t.admin, a.id, { body: 'A 的回复' });
    const merged = ok(await t.admin({ method: 'POST', url: `/api/v1/tickets/${a.id}/merge`, payload: { targetId: b.id } }));
    expect(merged.id).toBe(b.id);
    expect(merged.tags.sort()).toEqual(['a', 'b']);
    const source = await get(a.id);
    expect(source).toMatchObject({ status: 'closed', mergedInto: { id: b.id }, allowedStatuses: [] });
    expect((await messages(b.id)).map((m) => m.bodyText)).toEqual(expect.arrayContaining(['A 的回复', `merged:#${a.number}`]));
    expect((await reply(t.admin, a.id, { body: '再回复' })).statusCode).toBe(409);

    const note = ok(await t.admin({ method: 'POST', url: `/api/v1/tickets/${c.id}/messages`, payload: { kind: 'note', body: '另一个问题：发票' } }), 201);
    const split = ok(await t.admin({ method: 'POST', url: `/api/v1/tickets/${c.id}/split`, payload: { messageIds: [note.id], subject: '发票问题（拆分）' } }), 201);
    expect(split).toMatchObject({ subject: '发票问题（拆分）', status: 'new', links: [expect.objectContaining({ id: c.id, kind: 'split_from', direction: 'out' })] });
    expect((await messages(split.id)).map((m) => m.bodyText)).toEqual(['另一个问题：发票', `split_from:#${c.number}`]);
    expect((await t.admin({ method: 'POST', url: `/api/v1/tickets/${c.id}/split`, payload: { messageIds: [note.id], subject: 'x' } })).statusCode).toBe(400);
  });

  it('routes a new ticket to its team at registration and moves the queue on when one is solved', async () => {
    const agentId = (await createUser(t.admin, 'router_ann', { displayName: 'Ann' })).id;
    const team = await createTeam(t.admin, { name: '建议受理组', strategy: 'round_robin', ticketTypes: ['suggestion'] });
    await addMember(t.admin, team.id, agentId, { capacity: 1 });
    const first = await createTicket(t.admin, { type: 'suggestion', subject: '建议一' });
    expect(first).toMatchObject({ team: { id: team.id }, assignee: { id: agentId } });
    const second = await createTicket(t.admin, { type: 'suggestion', subject: '建议二' });
    expect(second.assignee).toBeNull();
    expect(second.queuedAt).not.toBeNull();
    await setStatus(t.admin, first.id, 'resolved');
    expect(await get(second.id)).toMatchObject({ assignee: { id: agentId }, queuedAt: null });
  });
});
