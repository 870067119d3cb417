import type { AddressInfo } from 'node:net';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../testing/harness.js';
import { createCustomer, customerAgent } from '../customers/customers.fixtures.js';
import { ok, type Call, type OrgTest, setupOrg } from '../org/org.fixtures.js';
import { reply, setStatus } from '../tickets/tickets.fixtures.js';

/** The relay that receives the portal's sign-in mails. */
async function mailbox() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => void simpleParser(Buffer.concat(chunks)).then((m) => (received.push(m), cb()), cb));
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { received, port: (server.server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const cookieOf = (res: LightMyRequestResponse) => {
  const c = res.cookies.find((x) => x.name === 'kefu_portal');
  if (!c) throw new Error(`no portal cookie: ${res.statusCode} ${res.body}`);
  return `kefu_portal=${c.value}`;
};

async function until<T>(fn: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('customer portal: sign-in, tickets, replies, rating, public articles', () => {
  let t: OrgTest;
  let admin: Call;
  let box: Awaited<ReturnType<typeof mailbox>>;
  let customerId: string;
  let link: string;
  let portal: Call;
  const anon = (opts: InjectOptions) => t.app.inject(opts);

  beforeAll(async () => {
    box = await mailbox();
    t = await setupOrg({ smtpUrl: `smtp://127.0.0.1:${box.port}`, mailFrom: '客服中心 <support@kefu.test>', publicUrl: 'https://kefu.example.cn' });
    admin = t.admin;
    customerId = (await createCustomer(admin, { name: '欧阳娜娜', email: 'nana@example.cn', phones: [{ value: '13912345678' }] })).id;
  });
  afterAll(async () => {
    await t?.close();
    await box?.close();
  });

  it('an agent invites a customer of their scope; the link signs in once', async () => {
    const invited = ok(await admin({ method: 'POST', url: `/api/v1/customers/${customerId}/portal-invitation`, payload: {} }), 201);
    expect(invited).toMatchObject({ email: 'nana@example.cn', mailed: true });
    expect(invited.link).toMatch(/^\/portal\/sign-in\?token=kl_/);
    link = invited.link;
    const mail = await until(() => box.received.find((m) => m.text?.includes('https://kefu.example.cn/portal/sign-in?token=')));
    expect(mail.subject).toContain('客户服务中心');

    // an agent who does not see the customer cannot invite them; one without an address is asked for one
    const outsider = await customerAgent(t, 'portal_outsider', { scope: 'self' });
    expect((await outsider.call({ method: 'POST', url: `/api/v1/customers/${customerId}/portal-invitation`, payload: {} })).statusCode).toBe(404);
    const noMail = (await createCustomer(admin, { name: '无邮箱客户', phones: [{ value: '13812340000' }] })).id;
    const missing = await admin({ method: 'POST', url: `/api/v1/customers/${noMail}/portal-invitation`, payload: {}, headers: { 'accept-language': 'zh-CN' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('邮箱');
    const taken = await admin({ method: 'POST', url: `/api/v1/customers/${noMail}/portal-invitation`, payload: { email: 'NANA@example.cn' } });
    expect(taken.statusCode).toBe(409);

    const token = decodeURIComponent(link.split('token=')[1]);
    const signedIn = await anon({ method: 'POST', url: '/api/v1/portal/auth/link/consume', payload: { token } });
    expect(signedIn.statusCode).toBe(200);
    portal = as(t.app, cookieOf(signedIn));
    expect(ok(await portal({ method: 'GET', url: '/api/v1/portal/me' }))).toMatchObject({ email: 'nana@example.cn', customerName: '欧阳娜娜', hasPassword: false });
    const again = await anon({ method: 'POST', url: '/api/v1/portal/auth/link/consume', payload: { token }, headers: { 'accept-language': 'en' } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toMatch(/invalid or has expired/);
    // a portal cookie is nobody to the staff API, and no cookie is nobody to the portal
    expect((await portal({ method: 'GET', url: '/api/v1/customers' })).statusCode).toBe(401);
    expect((await anon({ method: 'GET', url: '/api/v1/portal/tickets' })).statusCode).toBe(401);
  });

  it('a customer in the register asks for a link by mail; unknown addresses get the same answer and nothing', async () => {
    await createCustomer(admin, { name: '司马懿', email: 'simayi@example.cn', phones: [{ value: '13700001111' }] });
    const before = box.received.length;
    const known = await anon({ method: 'POST', url: '/api/v1/portal/auth/link', payload: { email: ' SimaYi@Example.cn ' } });
    const unknown = await anon({ method: 'POST', url: '/api/v1/portal/auth/link', payload: { email: 'nobody@example.cn' } });
    expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(known.body).toBe(unknown.body);
    const mail = await until(() => box.received.slice(before).find((m) => m.text?.includes('token=')));
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail.text!)![1]);
    expect(ok(await anon({ method: 'POST', url: '/api/v1/portal/auth/link/consume', payload: { token } }))).toEqual({ signedIn: true });
    const accounts = await t.kefu.db.selectFrom('portal_accounts').select('email').execute();
    expect(accounts.map((a) => a.email).sort()).toEqual(['nana@example.cn', 'simayi@example.cn']);
    // a bad address is a validation error in the reader's language
    const bad = await anon({ method: 'POST', url: '/api/v1/portal/auth/link', payload: { email: 'not-an-address' }, headers: { 'accept-language': 'zh-CN' } });
    expect(bad.statusCode).toBe(400);
    // five links per address in a quarter of an hour; the sixth request is answered alike but issues nothing
    for (let i = 0; i < 5; i++) await anon({ method: 'POST', url: '/api/v1/portal/auth/link', payload: { email: 'flood@example.cn' } });
    await createCustomer(admin, { name: '洪水', email: 'flood@example.cn', phones: [{ value: '13700002222' }] });
    const sixth = await anon({ method: 'POST', url: '/api/v1/portal/auth/link', payload: { email: 'flood@example.cn' } });
    expect(sixth.statusCode).toBe(202);
    expect(await t.kefu.db.selectFrom('portal_accounts').select('id').where('email', '=', 'flood@example.cn').execute()).toEqual([]);
  });

  it('sets a password and signs in with it; wrong passwords and unknown addresses fail alike', async () => {
    const weak = await portal({ method: 'POST', url: '/api/v1/portal/me/password', payload: { password: '123' } });
    expect(weak.statusCode).toBe(400);
    expect(ok(await portal({ method: 'POST', url: '/api/v1/portal/me/password', payload: { password: 'Nana-Portal-2026' } }), 204)).toBeUndefined();
    const good = await anon({ method: 'POST', url: '/api/v1/portal/auth/login', payload: { email: 'nana@example.cn', password: 'Nana-Portal-2026' } });
    expect(good.statusCode).toBe(200);
    const wrong = await anon({ method: 'POST', url: '/api/v1/portal/auth/login', payload: { email: 'nana@example.cn', password: 'wrong-one-123' } });
    const nobody = await anon({ method: 'POST', url: '/api/v1/portal/auth/login', payload: { email: 'ghost@example.cn', password: 'wrong-one-123' } });
    expect([wrong.statusCode, nobody.statusCode]).toEqual([401, 401]);
    expect(wrong.body).toBe(nobody.body);
    const fresh = as(t.app, cookieOf(good));
    expect(ok(await fresh({ method: 'GET', url: '/api/v1/portal/me' })).hasPassword).toBe(true);
    ok(await fresh({ method: 'POST', url: '/api/v1/portal/auth/logout', payload: {} }), 204);
    expect((await fresh({ method: 'GET', url: '/api/v1/portal/me' })).statusCode).toBe(401);
  });

  it('submits a ticket, reads the public reply only, writes back, and rates it once solved', async () => {
    const invalid = await portal({ method: 'POST', url: '/api/v1/portal/tickets', payload: { type: 'value_added', subject: '我', body: '短' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.map((d: { path: string[] }) => d.path.at(-1)).sort()).toEqual(['body', 'subject', 'type']);
    // a schema's own check speaks the reader's language too
    const subtype = await portal({ method: 'POST', url: '/api/v1/portal/tickets', payload: { type: 'inquiry', subtype: 'repair', subject: '发票', body: '请问发票怎么开？' }, headers: { 'accept-language': 'zh-CN' } });
    expect(subtype.statusCode).toBe(400);
    expect(subtype.json().error.details).toEqual([expect.objectContaining({ path: ['body', 'subtype'], message: '只有售后服务请求才选择售后类别' })]);

    const created = ok(await portal({ method: 'POST', url: '/api/v1/portal/tickets', payload: { type: 'after_sales', subtype: 'repair', subject: '冰箱不制冷', body: '上周买的冰箱，冷藏室一直不制冷，温度显示 15 度。' } }), 201);
    expect(created).toMatchObject({ type: 'after_sales', subtype: 'repair', status: expect.stringMatching(/new|open/), canReply: true, canRate: false });
    expect(created.messages).toEqual([expect.objectContaining({ from: 'customer', body: expect.stringContaining('不制冷') })]);
    const staffView = ok(await admin({ method: 'GET', url: `/api/v1/tickets/${created.id}` }));
    expect(staffView).toMatchObject({ channel: 'portal', customer: expect.objectContaining({ id: customerId }) });

    ok(await reply(admin, created.id, { kind: 'note', body: '内部：备件缺货，先别告诉客户' }), 201);
    ok(await reply(admin, created.id, { body: '您好，请提供购买凭证照片，我们安排师傅上门。', statusAfter: 'pending' }), 201);
    const waiting = ok(await portal({ method: 'GET', url: `/api/v1/portal/tickets/${created.id}` }));
    expect(waiting.status).toBe('pending');
    expect(waiting.awaitingCustomer).toBe(true);
    expect(waiting.messages.map((m: { from: string }) => m.from)).toEqual(['customer', 'agent']);
    expect(JSON.stringify(waiting)).not.toContain('备件缺货');

    const answered = ok(await portal({ method: 'POST', url: `/api/v1/portal/tickets/${created.id}/messages`, payload: { body: '凭证已拍照，订单号 20261128001。' } }), 201);
    expect(answered.status).toBe('open');
    expect(answered.messages.at(-1)).toMatchObject({ from: 'customer', authorName: '欧阳娜娜' });
    expect((await portal({ method: 'POST', url: `/api/v1/portal/tickets/${created.id}/rating`, payload: { score: 5 } })).statusCode).toBe(409);

    ok(await setStatus(admin, created.id, 'resolved', '师傅已上门更换温控器'));
    expect((await portal({ method: 'POST', url: `/api/v1/portal/tickets/${created.id}/rating`, payload: { score: 6 } })).statusCode).toBe(400);
    const rated = ok(await portal({ method: 'POST', url: `/api/v1/portal/tickets/${created.id}/rating`, payload: { score: 4, comment: '师傅很专业' } }));
    expect(rated).toMatchObject({ satisfaction: 4, satisfactionComment: '师傅很专业', canRate: true });
    expect(ok(await admin({ method: 'GET', url: `/api/v1/tickets/${created.id}` }))).toMatchObject({ satisfaction: 4, satisfactionComment: '师傅很专业' });

    ok(await setStatus(admin, created.id, 'closed'));
    const closedReply = await portal({ method: 'POST', url: `/api/v1/portal/tickets/${created.id}/messages`, payload: { body: '还有一个问题' }, headers: { 'accept-language': 'zh-CN' } });
    expect(closedReply.statusCode).toBe(409);
    expect(closedReply.json().error.message).toContain('新工单');
    expect((await portal({ method: 'POST', url: `/api/v1/portal/tickets/${created.id}/rating`, payload: { score: 1 } })).statusCode).toBe(409);

    const list = ok(await portal({ method: 'GET', url: '/api/v1/portal/tickets?limit=1' }));
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([created.id]);
  });

  it("a complaint from the portal starts the complaint process; another customer's ticket is not found", async () => {
    const complaint = ok(await portal({ method: 'POST', url: '/api/v1/portal/tickets', payload: { type: 'complaint', subject: '安装师傅迟到三小时', body: '约好上午九点上门，十二点才到，也没有提前通知。' } }), 201);
    const process = await t.kefu.db.selectFrom('complaints').selectAll().where('ticket_id', '=', complaint.id).executeTakeFirst();
    expect(process).toBeDefined();
    const other = (await createCustomer(admin, { name: '别人', phones: [{ value: '13600003333' }] })).id;
    const theirs = ok(await admin({ method: 'POST', url: '/api/v1/tickets', payload: { type: 'inquiry', subject: '别人的问题', customerId: other } }), 201);
    expect((await portal({ method: 'GET', url: `/api/v1/portal/tickets/${theirs.id}` })).statusCode).toBe(404);
    expect((await portal({ method: 'POST', url: `/api/v1/portal/tickets/${theirs.id}/messages`, payload: { body: '插一句' } })).statusCode).toBe(404);
  });

  it('public articles are readable signed out; internal ones are not there at all', async () => {
    const pub = ok(await admin({ method: 'POST', url: '/api/v1/kb/articles', payload: { title: '冰箱不制冷怎么办', body: '先检查**温控旋钮**是否在 0 档。', visibility: 'public', status: 'published' } }), 201);
    const internal = ok(await admin({ method: 'POST', url: '/api/v1/kb/articles', payload: { title: '冰箱备件内部价格表', body: '内部资料', visibility: 'internal', status: 'published' } }), 201);
    const found = ok(await anon({ method: 'GET', url: `/api/v1/portal/articles?q=${encodeURIComponent('冰箱')}` }));
    expect(found.items.map((a: { id: string }) => a.id)).toEqual([pub.id]);
    expect(ok(await anon({ method: 'GET', url: `/api/v1/portal/articles/${pub.id}` })).html).toContain('<strong>温控旋钮</strong>');
    expect((await anon({ method: 'GET', url: `/api/v1/portal/articles/${internal.id}` })).statusCode).toBe(404);
    expect((await anon({ method: 'POST', url: `/api/v1/portal/articles/${pub.id}/vote`, payload: { helpful: true } })).statusCode).toBe(401);
    expect(ok(await portal({ method: 'POST', url: `/api/v1/portal/articles/${pub.id}/vote`, payload: { helpful: true } }))).toMatchObject({ helpfulYes: 1, myVote: true });
  });
});
