import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../app.js';
import { createTestKefu } from '../testing/harness.js';
import { invalidateActor } from './auth/actor-cache.js';
import { newSecret, sha256 } from './auth/tokens.js';
import { adminUserId, otherOrg, sessionCookie, userWith } from './http/test-actors.js';
import { uuidv7 } from './ids.js';
import { publishEvent, REALTIME_PATH, type RealtimeMessage } from './realtime.js';

type Client = { ws: WebSocket; messages: RealtimeMessage[]; next(type: string, timeoutMs?: number): Promise<RealtimeMessage>; closed: Promise<number> };

describe('realtime WebSocket', () => {
  let ctx: Awaited<ReturnType<typeof createTestKefu>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let base: string;
  let adminId: string;
  let adminCookie: string;
  let subscriptions = 0;

  beforeAll(async () => {
    ctx = await createTestKefu();
    // Count live bus subscriptions, to see that a closed socket unsubscribes.
    const subscribe = ctx.kefu.events.subscribe.bind(ctx.kefu.events);
    ctx.kefu.events.subscribe = (fn) => {
      subscriptions++;
      const off = subscribe(fn);
      return () => {
        subscriptions--;
        off();
      };
    };
    app = await buildApp({ kefu: ctx.kefu });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}${REALTIME_PATH}`;
    adminId = await adminUserId(ctx.kefu.db, ctx.orgId);
    adminCookie = await sessionCookie(ctx.kefu.db, ctx.orgId, adminId);
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  function connect(headers: Record<string, string>): Promise<Client> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(base, { headers });
      const messages: RealtimeMessage[] = [];
      const waiters: { type: string; resolve: (m: RealtimeMessage) => void }[] = [];
      const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
      ws.on('message', (raw) => {
        const msg = JSON.parse(raw.toString()) as RealtimeMessage;
        messages.push(msg);
        for (const w of waiters.filter((x) => x.type === msg.type)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(msg);
        }
      });
      ws.on('unexpected-response', (_req, res) => reject(Object.assign(new Error('refused'), { status: res.statusCode })));
      ws.on('error', reject);
      const client: Client = {
        ws,
        messages,
        closed,
        next: (type, timeoutMs = 3000) =>
          new Promise((res, rej) => {
            const seen = messages.find((m) => m.type === type);
            if (seen) return res(seen);
            const timer = setTimeout(() => rej(new Error(`no ${type} message`)), timeoutMs);
            waiters.push({ type, resolve: (m) => (clearTimeout(timer), res(m)) });
          }),
      };
      ws.on('open', () => resolve(client));
    });
  }

  it('refuses an anonymous handshake with 401 before upgrading', async () => {
    // (the auth layer's own cache subscribes to the bus on first use)
    await app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: { cookie: adminCookie } });
    const before = subscriptions;
    await expect(connect({})).rejects.toMatchObject({ status: 401 });
    await expect(connect({ cookie: 'kefu_session=forged' })).rejects.toMatchObject({ status: 401 });
    await expect(connect({ authorization: 'Bearer kefu_not-a-token' })).rejects.toMatchObject({ status: 401 });
    expect(subscriptions).toBe(before);
  });

  it('answers a plain GET with 426 Upgrade Required', async () => {
    const res = await app.inject({ method: 'GET', url: REALTIME_PATH, headers: { cookie: adminCookie } });
    expect(res.statusCode).toBe(426);
    expect(res.json().error.code).toBe('upgrade_required');
  });

  it('delivers events of the caller’s organization only, as {type, data, at}', async () => {
    const client = await connect({ cookie: adminCookie });
    expect((await client.next('ready')).data).toEqual({ userId: adminId });
    const stranger = await otherOrg(ctx.kefu.db);
    await publishEvent(ctx.kefu, { orgId: stranger.orgId, type: 'ticket.created', data: { id: 'other-org' } });
    await publishEvent(ctx.kefu, { orgId: ctx.orgId, type: 'ticket.created', data: { id: 'T-1' } });
    const msg = await client.next('ticket.created');
    expect(msg).toEqual({ type: 'ticket.created', data: { id: 'T-1' }, at: expect.any(String) });
    expect(Number.isNaN(Date.parse(msg.at))).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(client.messages.filter((m) => m.type === 'ticket.created').map((m) => (m.data as { id: string }).id)).toEqual(['T-1']);
    client.ws.close();
    expect(await client.closed).toBe(1005);
  });

  it('honours userIds and permission filters, and accepts API tokens', async () => {
    const agent = await userWith(ctx.kefu.db, ctx.orgId, ['tickets.read']);
    const { secret, hash } = newSecret('kefu_');
    await ctx.kefu.db
      .insertInto('api_tokens')
      .values({ org_id: ctx.orgId, id: uuidv7(), user_id: agent.userId, name: 'rt', token_hash: hash, prefix: secret.slice(0, 10) })
      .execute();
    expect(sha256(secret)).toBe(hash);
    const viaToken = await connect({ authorization: `Bearer ${secret}` });
    await viaToken.next('ready');
    await publishEvent(ctx.kefu, { orgId: ctx.orgId, type: 'note', data: { n: 1 }, userIds: [adminId] });
    await publishEvent(ctx.kefu, { orgId: ctx.orgId, type: 'note', data: { n: 2 }, permission: 'audit.read' });
    await publishEvent(ctx.kefu, { orgId: ctx.orgId, type: 'note', data: { n: 3 }, userIds: [agent.userId], permission: 'tickets.read' });
    expect((await viaToken.next('note')).data).toEqual({ n: 3 });
    await new Promise((r) => setTimeout(r, 100));
    expect(viaToken.messages.filter((m) => m.type === 'note')).toHaveLength(1);

    viaToken.ws.send(JSON.stringify({ type: 'ping' }));
    expect((await viaToken.next('pong')).type).toBe('pong');
    viaToken.ws.close();
    await viaToken.closed;
  });

  it('cuts a connection off when its session is revoked, and unsubscribes closed sockets', async () => {
    const user = await userWith(ctx.kefu.db, ctx.orgId, []);
    const client = await connect({ cookie: user.cookie });
    await client.next('ready');
    expect(subscriptions).toBeGreaterThanOrEqual(1);
    const open = subscriptions;
    await ctx.kefu.db.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', user.userId).execute();
    await invalidateActor(ctx.kefu, ctx.orgId, user.userId);
    expect(await client.closed).toBe(4401);
    for (let i = 0; i < 50 && subscriptions >= open; i++) await new Promise((r) => setTimeout(r, 10));
    expect(subscriptions).toBe(open - 1);
  });
});
