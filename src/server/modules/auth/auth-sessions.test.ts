import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createKefu } from '../../kernel.js';
import { invalidateActor } from '../../platform/auth/actor-cache.js';
import { revokeUserSessions } from '../../platform/auth/session.js';
import { sha256 } from '../../platform/auth/tokens.js';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { createUser, login, sessionCookieOf, setSecuritySettings } from './auth.fixtures.js';

describe('sessions', () => {
  let t: TestApp;
  let userId: string;
  const creds = { username: 'agent01', password: 'Agent-One-2026' };
  const signIn = async () => sessionCookieOf(await login(t.app, creds));
  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
  const sessionRow = (cookie: string) => t.kefu.db.selectFrom('sessions').selectAll().where('id', '=', sha256(cookie.split('=')[1])).executeTakeFirstOrThrow();
  const setTimes = (cookie: string, set: { created_at?: Date; last_seen_at?: Date; expires_at?: Date }) =>
    t.kefu.db.updateTable('sessions').set(set).where('id', '=', sha256(cookie.split('=')[1])).execute();

  beforeAll(async () => {
    t = await createTestApp();
    userId = await createUser(t.kefu.db, t.orgId, creds);
  });
  afterAll(() => t.close());

  it('answers 401 without a session or with a made-up one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await me('kefu_session=made-up')).statusCode).toBe(401);
  });

  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const cookie = await signIn();
    expect((await me(cookie)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/kefu_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await sessionRow(cookie)).revoked_at).not.toBeNull();
  });

  it('logout-all ends every session of the user', async () => {
    const a = await signIn();
    const b = await signIn();
    expect((await me(b)).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: { cookie: a } });
    expect(res.statusCode).toBe(200);
    expect(res.json().revoked).toBeGreaterThanOrEqual(2);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
  });

  it('revokeUserSessions + invalidateActor (user disabled elsewhere) end sessions at once', async () => {
    const cookie = await signIn();
    expect((await me(cookie)).statusCode).toBe(200);
    await t.kefu.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', userId).execute();
    expect(await revokeUserSessions(t.kefu.db, t.orgId, userId)).toBeGreaterThanOrEqual(1);
    await invalidateActor(t.kefu, t.orgId, userId);
    expect((await me(cookie)).statusCode).toBe(401);
    await t.kefu.db.updateTable('users').set({ status: 'active' }).where('id', '=', userId).execute();
  });

  it('a disabled user is locked out even while the actor was cached, once invalidated', async () => {
    const cookie = await signIn();
    expect((await me(cookie)).statusCode).toBe(200);
    await t.kefu.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', userId).execute();
    await invalidateActor(t.kefu, t.orgId, userId);
    expect((await me(cookie)).statusCode).toBe(401);
    await t.kefu.db.updateTable('users').set({ status: 'active' }).where('id', '=', userId).execute();
    await invalidateActor(t.kefu, t.orgId, userId);
    expect((await me(cookie)).statusCode).toBe(200);
  });

  it('ends a session idle longer than the idle timeout (default 8 h)', async () => {
    const idle = await signIn();
    await setTimes(idle, { last_seen_at: new Date(Date.now() - 8 * 3_600_000 - 1000) });
    expect((await me(idle)).statusCode).toBe(401);
    const fresh = await signIn();
    await setTimes(fresh, { last_seen_at: new Date(Date.now() - 7 * 3_600_000) });
    expect((await me(fresh)).statusCode).toBe(200);
  });

  it('ends a session past its absolute lifetime (default 7 d) however active', async () => {
    const old = await signIn();
    await setTimes(old, { created_at: new Date(Date.now() - 7 * 86_400_000 - 1000) });
    expect((await me(old)).statusCode).toBe(401);
    const expired = await signIn();
    await setTimes(expired, { expires_at: new Date(Date.now() - 1000) });
    expect((await me(expired)).statusCode).toBe(401);
  });

  it('follows the organization settings for both timeouts', async () => {
    await setSecuritySettings(t.kefu.db, t.orgId, { sessionIdleMinutes: 30, sessionAbsoluteHours: 2 });
    try {
      const idle = await signIn();
      await setTimes(idle, { last_seen_at: new Date(Date.now() - 31 * 60_000) });
      expect((await me(idle)).statusCode).toBe(401);
      const active = await signIn();
      await setTimes(active, { last_seen_at: new Date(Date.now() - 29 * 60_000) });
      expect((await me(active)).statusCode).toBe(200);
      const old = await signIn();
      await setTimes(old, { created_at: new Date(Date.now() - 2 * 3_600_000 - 1000) });
      expect((await me(old)).statusCode).toBe(401);
      // New sessions get the configured absolute expiry.
      const s = await sessionRow(await signIn());
      expect(s.expires_at.getTime() - s.created_at.getTime()).toBe(2 * 3_600_000);
    } finally {
      await setSecuritySettings(t.kefu.db, t.orgId, {});
    }
  });

  it('writes last_seen_at at most once a minute', async () => {
    const cookie = await signIn();
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await setTimes(cookie, { last_seen_at: twoMinutesAgo });
    await me(cookie);
    const first = (await sessionRow(cookie)).last_seen_at;
    expect(first.getTime()).toBeGreaterThan(Date.now() - 5000);
    await setTimes(cookie, { last_seen_at: new Date(Date.now() - 30_000) });
    await invalidateActor(t.kefu, t.orgId, userId);
    await me(cookie);
    const second = (await sessionRow(cookie)).last_seen_at;
    expect(Date.now() - second.getTime()).toBeGreaterThanOrEqual(29_000);
  });

  it('lists my open sessions with the current one flagged, and revokes one of them', async () => {
    const current = await signIn();
    const other = await signIn();
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sessions?limit=200', headers: { cookie: current } });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; current: boolean; ip: string; userAgent: string | null; createdAt: string; lastSeenAt: string }[];
    const mine = items.find((i) => i.current)!;
    expect(mine.id).toBe(sha256(current.split('=')[1]));
    expect(mine.ip).toBe('127.0.0.1');
    expect(items.filter((i) => i.current)).toHaveLength(1);
    const otherId = sha256(other.split('=')[1]);
    expect(items.some((i) => i.id === otherId)).toBe(true);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${otherId}`, headers: { cookie: current } });
    expect(del.statusCode).toBe(204);
    expect((await me(other)).statusCode).toBe(401);
    expect((await me(current)).statusCode).toBe(200);
    // Someone else's session is not found, whatever its id.
    const adminSession = sha256(t.adminCookie.split('=')[1]);
    const foreign = await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${adminSession}`, headers: { cookie: current } });
    expect(foreign.statusCode).toBe(404);
    expect((await me(t.adminCookie)).statusCode).toBe(200);
    const bad = await t.app.inject({ method: 'DELETE', url: '/api/v1/auth/sessions/not-an-id', headers: { cookie: current } });
    expect(bad.statusCode).toBe(400);
  });

  it('pages through sessions with a cursor', async () => {
    const cookie = await signIn();
    await signIn();
    await signIn();
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/auth/sessions?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.app.inject({ method: 'GET', url, headers: { cookie } })).json() as { items: { id: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(1);
      for (const i of page.items) {
        expect(seen.has(i.id)).toBe(false);
        seen.add(i.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('sessions across two server nodes (PostgreSQL)', () => {
  let t: TestApp;
  let nodeB: Awaited<ReturnType<typeof createKefu>>;
  let appB: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    t = await createTestApp();
    nodeB = await createKefu({ ...t.kefu.config, nodeId: 'node-b' });
    appB = await buildApp({ kefu: nodeB });
    await appB.ready();
    await createUser(t.kefu.db, t.orgId, { username: 'roamer', password: 'Roamer-Pass-2026' });
  });
  afterAll(async () => {
    await appB.close();
    await nodeB.close();
    await t.close();
  });

  it('a logout on node A ends the session on node B, whose actor was cached', async () => {
    const cookie = sessionCookieOf(await login(t.app, { username: 'roamer', password: 'Roamer-Pass-2026' }));
    const onB = () => appB.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect((await onB()).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    // NOTIFY delivery is asynchronous; well under the cache lifetime of 5 s.
    const deadline = Date.now() + 2000;
    let status = 200;
    while (Date.now() < deadline && status === 200) {
      status = (await onB()).statusCode;
      if (status === 200) await new Promise((r) => setTimeout(r, 25));
    }
    expect(status).toBe(401);
  });
});
