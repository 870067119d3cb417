import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../../testing/harness.js';
import { ok, type Call } from '../org/org.fixtures.js';
import { reply } from '../tickets/tickets.fixtures.js';
import { signTestPayload } from './test-adapter.js';

const SECRET = 'channel-test-secret-0123456789';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The platform side of the reference adapter: receives Kefu's signed replies. */
async function platform() {
  const received: { body: { userId: string; text: string }; valid: boolean }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const ts = String(req.headers['x-kefu-timestamp']);
      received.push({ body: JSON.parse(raw.toString('utf8')), valid: req.headers['x-kefu-signature'] === signTestPayload(SECRET, ts, raw) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messageId: `out-${received.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('channels: signed inbound webhooks and replies through the adapter', () => {
  let t: TestApp;
  let admin: Call;
  let peer: Awaited<ReturnType<typeof platform>>;

  beforeAll(async () => {
    peer = await platform();
    t = await createTestApp({ channelTestSecret: SECRET, channelTestOutboundUrl: peer.url });
    admin = as(t.app, t.adminCookie);
  });
  afterAll(async () => {
    await t?.close();
    await peer?.close();
  });

  const inbound = (body: Record<string, unknown>, opts: { secret?: string; ts?: number; channel?: string } = {}) => {
    const raw = JSON.stringify(body);
    const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/channels/${opts.channel ?? 'test'}/inbound`,
      payload: raw,
      headers: { 'content-type': 'application/json', 'x-kefu-timestamp': ts, 'x-kefu-signature': signTestPayload(opts.secret ?? SECRET, ts, raw) },
    });
  };
  const messageByExternal = (id: string) => t.kefu.db.selectFrom('ticket_messages').selectAll().where('external_id', '=', `test:${id}`).execute();

  it('creates the customer and a ticket for a new user; the next message continues that ticket', async () => {
    expect(ok(await inbound({ userId: 'openid-001', messageId: 'm-1', text: '你好，我的订单还没发货', name: '小程' }))).toEqual({ received: 1, duplicates: 0 });
    const identity = await t.kefu.db.selectFrom('channel_identities').selectAll().where('channel', '=', 'test').where('external_id', '=', 'openid-001').executeTakeFirstOrThrow();
    const customer = await t.kefu.db.selectFrom('customers').selectAll().where('id', '=', identity.customer_id).executeTakeFirstOrThrow();
    expect(customer).toMatchObject({ kind: 'individual', name: '小程', created_by: null });
    const [first] = await messageByExternal('m-1');
    const ticket = await t.kefu.db.selectFrom('tickets').selectAll().where('id', '=', first!.ticket_id).executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ customer_id: customer.id, channel: 'api', status: 'new', type: 'inquiry', subject: '你好，我的订单还没发货', created_by: null });
    expect(first).toMatchObject({ kind: 'customer', author_type: 'customer', body_text: '你好，我的订单还没发货' });

    ok(await inbound({ userId: 'openid-001', messageId: 'm-2', text: '订单号 SO-1', attachments: [{ filename: '截图.pdf', contentType: 'application/pdf', base64: PDF.toString('base64') }] }));
    const [second] = await messageByExternal('m-2');
    expect(second!.ticket_id).toBe(ticket.id);
    expect(second!.attachments).toHaveLength(1);
    expect(await t.kefu.db.selectFrom('customers').select('id').where('name', '=', '小程').execute()).toHaveLength(1);
  });

  it('names a customer from the user id when the platform gives no profile', async () => {
    ok(await inbound({ userId: 'openid-anon', messageId: 'a-1', text: '在吗' }));
    const identity = await t.kefu.db.selectFrom('channel_identities').select('customer_id').where('external_id', '=', 'openid-anon').executeTakeFirstOrThrow();
    const customer = await t.kefu.db.selectFrom('customers').select('name').where('id', '=', identity.customer_id).executeTakeFirstOrThrow();
    expect(customer.name).toBe('test:openid-anon');
  });

  it('refuses a bad or stale signature (401) and an unknown channel (404), storing nothing', async () => {
    const bad = await inbound({ userId: 'openid-002', messageId: 'x-1', text: 'forged' }, { secret: 'not-the-secret-at-all-000' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('channel_signature_invalid');
    expect((await inbound({ userId: 'openid-002', messageId: 'x-2', text: 'old' }, { ts: Math.floor(Date.now() / 1000) - 3600 })).statusCode).toBe(401);
    expect((await inbound({ userId: 'openid-002', messageId: 'x-3', text: '?' }, { channel: 'wechat' })).statusCode).toBe(404);
    const unsigned = await t.app.inject({ method: 'POST', url: '/api/v1/channels/test/inbound', payload: '{}', headers: { 'content-type': 'application/json' } });
    expect(unsigned.statusCode).toBe(401);
    expect(await t.kefu.db.selectFrom('channel_identities').select('external_id').where('external_id', '=', 'openid-002').execute()).toHaveLength(0);
    expect(await t.kefu.db.selectFrom('ticket_messages').select('id').where('external_id', 'like', 'test:x-%').execute()).toHaveLength(0);
    const garbled = await inbound({ user: 'no fields' });
    expect(garbled.statusCode).toBe(400);
  });

  it('stores a redelivered message once', async () => {
    ok(await inbound({ userId: 'openid-003', messageId: 'd-1', text: '重复消息' }));
    expect(ok(await inbound({ userId: 'openid-003', messageId: 'd-1', text: '重复消息' }))).toEqual({ received: 1, duplicates: 1 });
    expect(await messageByExternal('d-1')).toHaveLength(1);
    expect(await t.kefu.db.selectFrom('tickets as t').innerJoin('channel_identities as i', 'i.customer_id', 't.customer_id').select('t.id').where('i.external_id', '=', 'openid-003').execute()).toHaveLength(1);
  });

  it('sends an agent’s reply through the adapter to the user, signed', async () => {
    ok(await inbound({ userId: 'openid-004', messageId: 'r-1', text: '怎么退款' }));
    const [m] = await messageByExternal('r-1');
    const sent = ok(await reply(admin, m!.ticket_id, { body: '已为您提交退款申请。' }), 201);
    expect((await t.kefu.db.selectFrom('ticket_messages').select('delivery').where('id', '=', sent.id).executeTakeFirstOrThrow()).delivery).toBe('queued');
    await t.kefu.jobs.drain();
    expect(peer.received).toContainEqual({ body: { userId: 'openid-004', text: '已为您提交退款申请。' }, valid: true });
    const row = await t.kefu.db.selectFrom('ticket_messages').select(['delivery', 'external_id']).where('id', '=', sent.id).executeTakeFirstOrThrow();
    expect(row.delivery).toBe('sent');
    expect(row.external_id).toMatch(/^test:out:out-\d+$/);
  });
});
