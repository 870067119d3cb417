import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatConversation, ChatMessage, ChatSession } from '../../../shared/chat.js';
import { createCustomer } from '../customers/customers.fixtures.js';
import { auditRows, ok, type Call, type OrgTest, setupOrg } from '../org/org.fixtures.js';

const SESSIONS = '/api/v1/public/chat/sessions';
const MESSAGES = '/api/v1/public/chat/messages';

const valid = { name: '王小明', email: 'xiaoming@example.cn', text: '你好，我上周买的空气净化器滤网在哪里可以买到？型号是 KJ-500，谢谢！' };

type Issue = { path: (string | number)[]; code: string; message: string };

describe('chat widget: an anonymous visitor chats with the service desk', () => {
  let t: OrgTest;
  let admin: Call;
  let ipSeq = 0;
  /** Each call comes from its own address unless given one, so the per-address limits stay out of the way. */
  const start = (payload: unknown, opts: Partial<InjectOptions> = {}) =>
    t.app.inject({ method: 'POST', url: SESSIONS, payload: payload as InjectOptions['payload'], remoteAddress: `10.1.0.${++ipSeq}`, ...opts });
  const poll = (token: string, after?: string) =>
    t.app.inject({ method: 'GET', url: after ? `${MESSAGES}?after=${after}` : MESSAGES, headers: { 'x-kefu-chat': token } });
  const write = (token: string, text: string, opts: Partial<InjectOptions> = {}) =>
    t.app.inject({ method: 'POST', url: MESSAGES, payload: { text }, remoteAddress: `10.2.0.${++ipSeq}`, ...opts, headers: { 'x-kefu-chat': token, ...(opts.headers ?? {}) } });
  const ticketCount = async () => Number((await t.kefu.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await setupOrg();
    admin = t.admin;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses bad fields under their own names, in the reader’s language, and creates nothing', async () => {
    const zh = { 'accept-language': 'zh-CN' };
    const res = await start({ name: '', email: 'not-mail', text: '   ' }, { headers: zh });
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details as Issue[];
    const field = (name: string) => issues.find((i) => i.path.join('.') === `body.${name}`);
    for (const name of ['name', 'email', 'text']) expect(field(name), name).toBeDefined();
    expect(field('text')!.message).toMatch(/[过小少]/);

    const badPhone = (await start({ ...valid, email: undefined, phone: '12345' }, { headers: zh })).json().error.details as Issue[];
    expect(badPhone).toEqual([expect.objectContaining({ path: ['body', 'phone'], message: expect.stringContaining('手机号或固定电话') })]);
    const noContact = (await start({ ...valid, email: '', phone: '' }, { headers: zh })).json().error.details as Issue[];
    expect(noContact.map((i) => i.path.join('.')).sort()).toEqual(['body.email', 'body.phone']);
    expect(noContact[0].message).toContain('邮箱或电话');
    const english = (await start({ ...valid, email: undefined }, { headers: { 'accept-language': 'en' } })).json().error.details as Issue[];
    expect(english[0].message).toMatch(/e-mail address or a phone number/);
    // too long, and fields the widget does not have
    expect((await start({ ...valid, text: '长'.repeat(5001) })).statusCode).toBe(400);
    expect((await start({ ...valid, channel: 'phone' })).statusCode).toBe(400);
    expect(await ticketCount()).toBe(0);
  });

  it('opens a chat ticket with the first message; the agent’s reply shows, the note never does', async () => {
    const customer = await createCustomer(admin, { name: '王小明', email: 'xiaoming@example.cn', phones: [{ value: '13900001111' }] });
    const session = ok<ChatSession>(await start({ ...valid, email: ' XiaoMing@Example.cn ' }), 201);
    expect(session.token).toMatch(/^kc_/);
    expect(session.closed).toBe(false);
    expect(session.messages).toEqual([expect.objectContaining({ from: 'visitor', authorName: '王小明', text: valid.text })]);

    const ticket = await t.kefu.db.selectFrom('tickets').selectAll().where('number', '=', session.ticketNumber).executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ channel: 'chat', type: 'inquiry', customer_id: customer.id, requester_name: '王小明', requester_email: 'xiaoming@example.cn', created_by: null });
    expect(ticket.subject).toBe([...valid.text].slice(0, 60).join(''));
    const stored = await t.kefu.db.selectFrom('ticket_messages').selectAll().where('ticket_id', '=', ticket.id).execute();
    expect(stored).toEqual([expect.objectContaining({ kind: 'customer', channel: 'chat', body_text: valid.text, author_name: '王小明' })]);
    // only the token's hash is kept
    const rows = await t.kefu.db.selectFrom('chat_sessions').selectAll().where('ticket_id', '=', ticket.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(session.token);
    expect(rows[0]!.expires_at.getTime() - rows[0]!.created_at.getTime()).toBe(7 * 86_400_000);
    expect((await auditRows(t, 'chat.start', ticket.id))[0]).toMatchObject({ actor_name: 'chat:xiaoming@example.cn' });

    const first = session.messages[0]!.id;
    const quiet = ok<ChatConversation>(await poll(session.token, first));
    expect(quiet).toMatchObject({ status: 'new', closed: false, messages: [] });

    // the staff API sees a chat ticket; the agent answers and writes a note
    expect(ok(await admin({ method: 'GET', url: `/api/v1/tickets/${ticket.id}` }))).toMatchObject({ channel: 'chat', number: session.ticketNumber });
    const reply = ok<{ id: string }>(await admin({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, payload: { kind: 'reply', body: '您好，滤网可以在官方商城购买，型号 KJ-500-F。', statusAfter: 'pending' } }), 201);
    ok(await admin({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, payload: { kind: 'note', body: '内部备注：客户是老客户' } }), 201);

    const after = ok<ChatConversation>(await poll(session.token, first));
    expect(after.status).toBe('pending');
    expect(after.messages).toEqual([{ id: reply.id, from: 'agent', authorName: expect.any(String), text: '您好，滤网可以在官方商城购买，型号 KJ-500-F。', createdAt: expect.any(String) }]);
    const adminName = (await t.kefu.db.selectFrom('users').select('display_name').where('id', '=', t.adminId).executeTakeFirstOrThrow()).display_name;
    expect(after.messages[0]!.authorName).toBe(adminName);
    // without `after` (or with an id from elsewhere) the whole public conversation comes back
    expect(ok<ChatConversation>(await poll(session.token)).messages.map((m) => m.from)).toEqual(['visitor', 'agent']);
    expect(ok<ChatConversation>(await poll(session.token, '01900000-0000-7000-8000-000000000000')).messages).toHaveLength(2);
    expect(JSON.stringify(ok(await poll(session.token)))).not.toContain('内部备注');

    // the visitor answers: the ticket waiting on them opens again
    const mine = ok<ChatMessage>(await write(session.token, '好的，谢谢！'), 201);
    expect(mine).toMatchObject({ from: 'visitor', authorName: '王小明', text: '好的，谢谢！' });
    const now = ok<ChatConversation>(await poll(session.token, reply.id));
    expect(now.status).toBe('open');
    expect(now.messages.map((m) => m.id)).toEqual([mine.id]);
    const history = await t.kefu.db.selectFrom('ticket_status_history').select(['from_status', 'to_status', 'reason']).where('ticket_id', '=', ticket.id).orderBy('at').execute();
    expect(history.at(-1)).toMatchObject({ from_status: 'pending', to_status: 'open', reason: 'customer_replied' });
  });

  it('a closed chat takes no more messages and says so in the visitor’s language', async () => {
    const session = ok<ChatSession>(await start({ ...valid, email: undefined, phone: '+86 137 0000 9999' }), 201);
    const ticket = await t.kefu.db.selectFrom('tickets').select(['id', 'customer_id', 'requester_phone']).where('number', '=', session.ticketNumber).executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ customer_id: null, requester_phone: '13700009999' });
    await t.kefu.db.updateTable('tickets').set({ status: 'closed' }).where('id', '=', ticket.id).execute();
    const res = await write(session.token, '还在吗？', { headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'chat_ticket_closed', message: expect.stringContaining('新的会话') });
    expect(ok<ChatConversation>(await poll(session.token))).toMatchObject({ status: 'closed', closed: true });
  });

  it('an unknown, malformed or expired token is 401', async () => {
    expect((await poll('kc_not-a-real-token')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: MESSAGES })).statusCode).toBe(401);
    const bad = await write('nonsense', '你好', { headers: { 'accept-language': 'en' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toMatchObject({ code: 'chat_session_invalid', message: expect.stringMatching(/start a new chat/) });

    const session = ok<ChatSession>(await start(valid), 201);
    await t.kefu.db.updateTable('chat_sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('expires_at', '>', new Date()).execute();
    expect((await poll(session.token)).statusCode).toBe(401);
    expect((await write(session.token, '你好')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `${MESSAGES}?after=x`, headers: { 'x-kefu-chat': session.token } })).statusCode).toBe(400);
  });

  it('takes five new chats per address in a quarter of an hour; the sixth is 429 and creates nothing', async () => {
    const from = { remoteAddress: '192.0.2.80' };
    for (let i = 0; i < 5; i++) ok(await start({ ...valid, text: `第 ${i + 1} 个会话` }, from), 201);
    const before = await ticketCount();
    const sixth = await start({ ...valid, text: '第 6 个会话' }, { ...from, headers: { 'accept-language': 'zh-CN' } });
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(800);
    expect(sixth.json().error.code).toBe('too_many_attempts');
    expect(await ticketCount()).toBe(before);
    // another address is not held up
    ok(await start(valid, { remoteAddress: '192.0.2.81' }), 201);
  });

  it('takes sixty messages a minute per address; the next is 429 with the wait', async () => {
    const session = ok<ChatSession>(await start(valid), 201);
    const from = { remoteAddress: '192.0.2.90' };
    for (let i = 0; i < 60; i++) ok(await write(session.token, `消息 ${i + 1}`, from), 201);
    const next = await write(session.token, '第 61 条', from);
    expect(next.statusCode).toBe(429);
    const wait = Number(next.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(ok<ChatConversation>(await poll(session.token)).messages).toHaveLength(61);
  });
});
