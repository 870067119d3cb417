import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { adminUserId, otherOrg, sessionCookie, userWith } from '../../platform/http/test-actors.js';
import { DELIVER_JOB, emitWebhookEvent } from '../../platform/webhooks/delivery.js';
import { verifyWebhook } from '../../platform/webhooks/signer.js';
import { as, createTestKefu } from '../../testing/harness.js';

type Received = { headers: http.IncomingHttpHeaders; body: string };

/** A local receiver that records requests and answers with the status it is told to. */
async function receiver() {
  const got: Received[] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(state.status, { 'content-type': 'application/json' }).end(JSON.stringify({ received: true }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kefu-hook`;
  return { got, state, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function setup(allowPrivate: boolean) {
  const ctx = await createTestKefu({ webhookAllowPrivate: allowPrivate });
  const app = await buildApp({ kefu: ctx.kefu });
  await app.ready();
  const cookie = await sessionCookie(ctx.kefu.db, ctx.orgId, await adminUserId(ctx.kefu.db, ctx.orgId));
  return { ...ctx, app, api: as(app, cookie), close: async () => (await app.close(), await ctx.close()) };
}

describe('webhooks (private destinations refused)', () => {
  let t: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    t = await setup(false);
  });
  afterAll(async () => t.close());

  it('requires sign-in and the webhooks.manage permission', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/webhooks' })).statusCode).toBe(401);
    const clerk = await userWith(t.kefu.db, t.orgId, ['customers.read']);
    const res = await as(t.app, clerk.cookie)({ method: 'GET', url: '/api/v1/webhooks' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('refuses private, loopback and link-local URLs at creation with a clear message', async () => {
    const cases: [string, string][] = [
      ['http://127.0.0.1/hook', 'webhook_url_private'],
      ['http://localhost/hook', 'webhook_url_private'],
      ['http://169.254.169.254/latest/meta-data', 'webhook_url_private'],
      ['http://[::1]/hook', 'webhook_url_private'],
      ['http://10.0.0.1/hook', 'webhook_url_private'],
      ['http://2130706433/hook', 'webhook_url_private'],
      ['ftp://example.com/hook', 'webhook_url_invalid'],
      ['https://user:secret@example.com/hook', 'webhook_url_credentials'],
    ];
    for (const [url, code] of cases) {
      const res = await t.api({ method: 'POST', url: '/api/v1/webhooks', headers: { 'accept-language': 'en' }, payload: { name: 'x', url, events: ['*'] } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe(code);
      expect(res.json().error.message, url).not.toBe(code);
    }
    const zh = await t.api({ method: 'POST', url: '/api/v1/webhooks', payload: { name: 'x', url: 'http://127.0.0.1/', events: ['*'] } });
    expect(zh.json().error.message).toContain('内网');
    expect(await t.kefu.db.selectFrom('webhooks').select('id').execute()).toHaveLength(0);
  });

  it('validates the body strictly', async () => {
    const base = { name: 'CRM', url: 'https://crm.example.com/hooks', events: ['tickets.created'] };
    for (const payload of [
      { ...base, org_id: '00000000-0000-0000-0000-000000000000' },
      { ...base, secret: 'mine' },
      { ...base, events: [] },
      { ...base, events: ['Tickets Created'] },
      { ...base, name: '' },
      { ...base, url: 'x'.repeat(3000) },
    ]) {
      const res = await t.api({ method: 'POST', url: '/api/v1/webhooks', payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(res.json().error.code).toBe('validation');
    }
  });

  it('creates, shows the secret once, updates with If-Match, lists, isolates tenants and deletes', async () => {
    const created = await t.api({ method: 'POST', url: '/api/v1/webhooks', payload: { name: 'CRM', url: 'https://crm.example.com/hooks', events: ['tickets.*', 'tickets.*'] } });
    expect(created.statusCode).toBe(201);
    const hook = created.json();
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(hook).toMatchObject({ name: 'CRM', url: 'https://crm.example.com/hooks', events: ['tickets.*'], active: true, version: 1 });
    expect(created.headers.etag).toBe('"1"');

    const got = await t.api({ method: 'GET', url: `/api/v1/webhooks/${hook.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json().secret).toBeUndefined();
    const list = await t.api({ method: 'GET', url: '/api/v1/webhooks' });
    expect(list.json().items.map((w: { id: string }) => w.id)).toEqual([hook.id]);
    expect(JSON.stringify(list.json())).not.toContain(hook.secret);

    // the signing secret is kept encrypted at rest
    const stored = await t.kefu.db.selectFrom('webhooks').select('secret').where('id', '=', hook.id).executeTakeFirstOrThrow();
    expect(stored.secret).not.toContain(hook.secret);
    expect(stored.secret).not.toContain(hook.secret.slice(6));

    const audit = await t.kefu.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', hook.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['webhook.create']);
    expect(JSON.stringify(audit)).not.toContain(hook.secret);

    const url = `/api/v1/webhooks/${hook.id}`;
    expect((await t.api({ method: 'PATCH', url, payload: { active: false } })).statusCode).toBe(428);
    const changed = await t.api({ method: 'PATCH', url, headers: { 'if-match': '"1"' }, payload: { active: false, name: 'CRM 2' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ active: false, name: 'CRM 2', version: 2 });
    expect(changed.headers.etag).toBe('"2"');
    const stale = await t.api({ method: 'PATCH', url, headers: { 'if-match': '"1"' }, payload: { active: true } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('version_conflict');
    const badUrl = await t.api({ method: 'PATCH', url, headers: { 'if-match': '"2"' }, payload: { url: 'http://192.168.1.10/' } });
    expect(badUrl.json().error.code).toBe('webhook_url_private');

    const rotated = await t.api({ method: 'POST', url: `${url}/rotate-secret` });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().secret).not.toBe(hook.secret);

    const stranger = await otherOrg(t.kefu.db);
    for (const method of ['GET', 'DELETE'] as const) {
      expect((await as(t.app, stranger.cookie)({ method, url })).statusCode).toBe(404);
    }
    expect((await as(t.app, stranger.cookie)({ method: 'GET', url: '/api/v1/webhooks' })).json().items).toEqual([]);

    expect((await t.api({ method: 'DELETE', url })).statusCode).toBe(204);
    expect((await t.api({ method: 'GET', url })).statusCode).toBe(404);
    expect((await t.api({ method: 'GET', url: '/api/v1/webhooks/not-a-uuid' })).statusCode).toBe(400);
  });

  it('re-checks the destination at delivery time and fails without retrying when it is private', async () => {
    // A webhook stored when private addresses were allowed (or whose DNS changed since).
    const id = '0190a0a0-0000-7000-8000-00000000aa01';
    await t.kefu.db
      .insertInto('webhooks')
      .values({ org_id: t.orgId, id, name: 'internal', url: 'http://127.0.0.1:9/hook', secret: 'whsec_x', events: ['*'] })
      .execute();
    const [deliveryId] = await emitWebhookEvent(t.kefu.db, t.orgId, 'tickets.created', { ticketId: 't1' });
    await t.kefu.jobs.drain();
    const d = await t.kefu.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirstOrThrow();
    expect(d.status).toBe('failed');
    expect(d.last_error).toContain('refused');
    const job = await t.kefu.db.selectFrom('jobs').select(['status', 'attempts']).where('name', '=', DELIVER_JOB).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'failed', attempts: 1 });
  });
});

describe('webhooks delivery (private destinations allowed, KEFU_WEBHOOK_ALLOW_PRIVATE=true)', () => {
  let t: Awaited<ReturnType<typeof setup>>;
  let rx: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    t = await setup(true);
    rx = await receiver();
  });
  afterAll(async () => {
    await rx.close();
    await t.close();
  });

  async function createHook(events: string[], active = true) {
    const res = await t.api({ method: 'POST', url: '/api/v1/webhooks', payload: { name: 'local', url: rx.url, events, active } });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; secret: string };
  }

  it('delivers a signed POST that the receiver can verify', async () => {
    const hook = await createHook(['tickets.*']);
    const ids = await t.kefu.db.transaction().execute((tx) => emitWebhookEvent(tx, t.orgId, 'tickets.created', { ticketId: 'T-1', title: '打印机卡纸' }));
    expect(ids).toHaveLength(1);
    expect(await emitWebhookEvent(t.kefu.db, t.orgId, 'customers.created', { id: 'c' })).toEqual([]);
    await t.kefu.jobs.drain();
    expect(rx.got).toHaveLength(1);
    const req = rx.got[0];
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.headers['x-kefu-event']).toBe('tickets.created');
    expect(req.headers['x-kefu-delivery']).toBe(ids[0]);
    expect(req.headers['x-kefu-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(
      verifyWebhook(hook.secret, { signature: req.headers['x-kefu-signature'] as string, timestamp: req.headers['x-kefu-timestamp'] as string }, req.body),
    ).toBe(true);
    expect(JSON.parse(req.body)).toMatchObject({ id: ids[0], event: 'tickets.created', data: { ticketId: 'T-1', title: '打印机卡纸' } });

    const log = await t.api({ method: 'GET', url: `/api/v1/webhooks/${hook.id}/deliveries` });
    expect(log.statusCode).toBe(200);
    const [d] = log.json().items;
    expect(d).toMatchObject({ id: ids[0], status: 'delivered', attempts: 1, responseStatus: 200, lastError: null });
    expect(d.attemptLog).toEqual([expect.objectContaining({ attempt: 1, responseStatus: 200, error: null })]);

    // after a rotation, deliveries are signed with the new secret only
    const { secret: newSecret } = (await t.api({ method: 'POST', url: `/api/v1/webhooks/${hook.id}/rotate-secret` })).json();
    await t.api({ method: 'POST', url: `/api/v1/webhooks/${hook.id}/test` });
    const ping = rx.got.at(-1)!;
    const sig = { signature: ping.headers['x-kefu-signature'] as string, timestamp: ping.headers['x-kefu-timestamp'] as string };
    expect(verifyWebhook(newSecret, sig, ping.body)).toBe(true);
    expect(verifyWebhook(hook.secret, sig, ping.body)).toBe(false);
    await t.api({ method: 'DELETE', url: `/api/v1/webhooks/${hook.id}` });
  });

  it('retries a failing receiver with backoff, same delivery id, until it answers 2xx', async () => {
    rx.got.length = 0;
    rx.state.status = 500;
    const hook = await createHook(['*']);
    const [deliveryId] = await emitWebhookEvent(t.kefu.db, t.orgId, 'customers.updated', { id: 'c-9' });
    await t.kefu.jobs.drain();
    expect(rx.got).toHaveLength(1);
    const job = await t.kefu.db.selectFrom('jobs').select(['id', 'status', 'attempts', 'run_at']).where('name', '=', DELIVER_JOB).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(job.status).toBe('queued');
    expect(job.attempts).toBe(1);
    expect(new Date(job.run_at).getTime()).toBeGreaterThan(Date.now());
    let d = await t.kefu.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirstOrThrow();
    expect(d).toMatchObject({ status: 'pending', attempts: 1, response_status: 500, last_error: 'HTTP 500' });

    // the backoff has passed and the receiver recovered
    rx.state.status = 204;
    await t.kefu.db.updateTable('jobs').set({ run_at: new Date() }).where('id', '=', job.id).execute();
    await t.kefu.jobs.drain();
    expect(rx.got).toHaveLength(2);
    expect(rx.got[1].headers['x-kefu-delivery']).toBe(deliveryId);
    expect(rx.got[1].body).toBe(rx.got[0].body);
    d = await t.kefu.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirstOrThrow();
    expect(d).toMatchObject({ status: 'delivered', attempts: 2, response_status: 204 });

    const log = (await t.api({ method: 'GET', url: `/api/v1/webhooks/${hook.id}/deliveries?limit=1` })).json();
    expect(log.items[0].attemptLog.map((a: { responseStatus: number }) => a.responseStatus)).toEqual([500, 204]);
    const failedOnly = (await t.api({ method: 'GET', url: `/api/v1/webhooks/${hook.id}/deliveries?status=failed` })).json();
    expect(failedOnly.items).toEqual([]);
    const bad = await t.api({ method: 'GET', url: `/api/v1/webhooks/${hook.id}/deliveries?status=nope` });
    expect(bad.statusCode).toBe(400);
    rx.state.status = 200;
    await t.api({ method: 'DELETE', url: `/api/v1/webhooks/${hook.id}` });
  });

  it('sends a test ping on demand and pages through the delivery log', async () => {
    rx.got.length = 0;
    const hook = await createHook(['tickets.created'], false);
    const ping = await t.api({ method: 'POST', url: `/api/v1/webhooks/${hook.id}/test` });
    expect(ping.statusCode).toBe(200);
    expect(ping.json()).toMatchObject({ event: 'ping', status: 'delivered', attempts: 1, responseStatus: 200 });
    expect(rx.got[0].headers['x-kefu-event']).toBe('ping');
    // inactive webhooks receive no events
    expect(await emitWebhookEvent(t.kefu.db, t.orgId, 'tickets.created', {})).toEqual([]);

    rx.state.status = 503;
    const failed = await t.api({ method: 'POST', url: `/api/v1/webhooks/${hook.id}/test` });
    expect(failed.json()).toMatchObject({ status: 'failed', responseStatus: 503, lastError: 'HTTP 503' });
    rx.state.status = 200;

    const first = (await t.api({ method: 'GET', url: `/api/v1/webhooks/${hook.id}/deliveries?limit=1` })).json();
    expect(first.items).toHaveLength(1);
    expect(first.items[0].status).toBe('failed');
    expect(first.nextCursor).toBeTruthy();
    const second = (await t.api({ method: 'GET', url: `/api/v1/webhooks/${hook.id}/deliveries?limit=1&cursor=${first.nextCursor}` })).json();
    expect(second.items[0].status).toBe('delivered');
    expect(second.nextCursor).toBeNull();
    const forged = Buffer.from(JSON.stringify({ v: 'x', id: "1' OR 1=1" })).toString('base64url');
    const bad = await t.api({ method: 'GET', url: `/api/v1/webhooks/${hook.id}/deliveries?cursor=${forged}` });
    expect(bad.statusCode).toBe(400);
  });
});
