import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountKey } from '../../platform/auth/throttle.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../testing/harness.js';
import { auditActions, createUser, login, sessionCookieOf } from './auth.fixtures.js';

describe('POST /api/v1/auth/login', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await createUser(t.kefu.db, t.orgId, { username: 'zhangsan', password: 'Zhang-San-2026', displayName: '张三' });
    await createUser(t.kefu.db, t.orgId, { username: 'lisi', password: 'Li-Si-Pass-2026', status: 'disabled' });
    for (const name of ['wangwu', 'zhaoliu', 'sunqi']) await createUser(t.kefu.db, t.orgId, { username: name, password: 'Some-Pass-2026' });
  });
  afterAll(() => t.close());

  it('signs in, answers the user and sets a HttpOnly SameSite=Lax cookie', async () => {
    const res = await login(t.app, { username: 'ZhangSan', password: 'Zhang-San-2026' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: { id: expect.any(String), username: 'zhangsan', displayName: '张三', locale: 'zh-CN' },
      mfaRequired: false,
      mfaSetupRequired: false,
    });
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/^kefu_session=[\w-]{40,};/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Lax');
    expect(header).toContain('Path=/');
    // 'auto' over plain HTTP: no Secure flag, or the browser would drop the cookie.
    expect(header).not.toContain('Secure');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: sessionCookieOf(res) } });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('zhangsan');
    const audits = await auditActions(t.kefu.db, t.orgId, 'auth.login');
    expect(audits.some((a) => a.actor_id === res.json().user.id && a.ip === '127.0.0.1')).toBe(true);
  });

  it('marks the cookie Secure when configured so', async () => {
    t.kefu.config.secureCookies = 'true';
    try {
      const res = await login(t.app, { username: 'zhangsan', password: 'Zhang-San-2026' });
      expect(String(res.headers['set-cookie'])).toContain('Secure');
    } finally {
      t.kefu.config.secureCookies = 'auto';
    }
  });

  it('answers unknown users, wrong passwords and disabled users with the same 401', async () => {
    const wrong = await login(t.app, { username: 'zhangsan', password: 'not-the-password' }, '10.1.0.1');
    const unknown = await login(t.app, { username: 'nobody-here', password: 'not-the-password' }, '10.1.0.2');
    const disabled = await login(t.app, { username: 'lisi', password: 'Li-Si-Pass-2026' }, '10.1.0.3');
    for (const res of [wrong, unknown, disabled]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(wrong.body).toBe(unknown.body);
    expect(disabled.body).toBe(unknown.body);
    expect(unknown.json()).toEqual({ error: { code: 'invalid_credentials', message: '用户名或密码错误' } });
    const failed = await auditActions(t.kefu.db, t.orgId, 'auth.login_failed');
    const byName = (n: string) => failed.find((a) => (a.after as { username: string }).username === n);
    expect(byName('nobody-here')?.actor_id).toBeNull();
    expect(byName('zhangsan')?.actor_id).toBeTruthy();
    expect(byName('lisi')?.after).toMatchObject({ reason: 'disabled' });
  });

  it('answers in English when asked', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' }, headers: { 'accept-language': 'en' }, remoteAddress: '10.1.0.9' });
    expect(res.json().error.message).toBe('Wrong username or password');
  });

  it('refuses unknown fields and bad input with 400', async () => {
    for (const payload of [{ username: 'zhangsan', password: 'Zhang-San-2026', role: 'admin' }, { username: '', password: 'x' }, { username: 'a' }, { username: 1, password: 2 }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation');
    }
  });

  it('locks an account after 10 failures: 100 bad logins end in 429 + Retry-After, identically for unknown users', async () => {
    const run = async (username: string, ip: string) => {
      const answers: { status: number; body: string; retryAfter?: string }[] = [];
      for (let i = 0; i < 100; i++) {
        const res = await login(t.app, { username, password: `wrong-${i}` }, ip);
        answers.push({ status: res.statusCode, body: res.body, retryAfter: res.headers['retry-after'] as string | undefined });
      }
      return answers;
    };
    const known = await run('wangwu', '10.2.0.1');
    const unknown = await run('ghost-user', '10.2.0.2');
    expect(known.slice(0, 10).every((a) => a.status === 401)).toBe(true);
    expect(known.slice(10).every((a) => a.status === 429)).toBe(true);
    const last = known[99];
    expect(JSON.parse(last.body).error.code).toBe('too_many_attempts');
    expect(Number(last.retryAfter)).toBeGreaterThan(800);
    expect(Number(last.retryAfter)).toBeLessThanOrEqual(900);
    expect(unknown.map((a) => [a.status, a.body])).toEqual(known.map((a) => [a.status, a.body]));
    expect(unknown.every((a) => (a.status === 429) === (a.retryAfter !== undefined))).toBe(true);
    // The right password does not get through a lock either.
    const right = await login(t.app, { username: 'wangwu', password: 'Some-Pass-2026' }, '10.2.0.3');
    expect(right.statusCode).toBe(429);
    const throttled = await auditActions(t.kefu.db, t.orgId, 'auth.login_throttled');
    expect(throttled.filter((a) => (a.after as { username: string }).username === 'wangwu').length).toBeGreaterThanOrEqual(90);
  }, 240_000);

  it('limits one client address to 50 failures per window, across usernames', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 55; i++) statuses.push((await login(t.app, { username: `spray-${i}`, password: 'Password-1' }, '10.3.0.1')).statusCode);
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(50).every((s) => s === 429)).toBe(true);
    // Real users from that address are held too; from another address they are not.
    expect((await login(t.app, { username: 'zhaoliu', password: 'Some-Pass-2026' }, '10.3.0.1')).statusCode).toBe(429);
    expect((await login(t.app, { username: 'zhaoliu', password: 'Some-Pass-2026' }, '10.3.0.2')).statusCode).toBe(200);
  }, 240_000);

  it('lets a locked account in once the lock has run out, and resets its counter', async () => {
    for (let i = 0; i < 10; i++) await login(t.app, { username: 'sunqi', password: 'bad' }, `10.4.0.${i + 1}`);
    expect((await login(t.app, { username: 'sunqi', password: 'Some-Pass-2026' }, '10.4.1.1')).statusCode).toBe(429);
    const key = accountKey(t.orgId, 'sunqi').key;
    await t.kefu.db.updateTable('login_throttle').set({ locked_until: new Date(Date.now() - 1000) }).where('key', '=', key).execute();
    const ok = await login(t.app, { username: 'sunqi', password: 'Some-Pass-2026' }, '10.4.1.1');
    expect(ok.statusCode).toBe(200);
    const row = await t.kefu.db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    expect(row).toBeUndefined();
    // A fresh window: one failure does not lock again.
    expect((await login(t.app, { username: 'sunqi', password: 'bad' }, '10.4.1.2')).statusCode).toBe(401);
    expect((await login(t.app, { username: 'sunqi', password: 'Some-Pass-2026' }, '10.4.1.3')).statusCode).toBe(200);
  }, 240_000);

  it('signs the bootstrap administrator in', async () => {
    const res = await login(t.app, { username: 'admin', password: ADMIN_PASSWORD }, '10.5.0.1');
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('admin');
  });
});
