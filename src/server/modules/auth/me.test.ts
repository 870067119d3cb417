import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginCookie, type TestApp } from '../../testing/harness.js';
import { auditActions, createUser, login, sessionCookieOf } from './auth.fixtures.js';

describe('/api/v1/me', () => {
  let t: TestApp;
  let cookie: string;
  const creds = { username: 'wangfang', password: 'Wang-Fang-2026' };
  const req = (method: 'GET' | 'PATCH' | 'POST', url: string, payload?: object, c = cookie, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, payload, headers: { cookie: c, ...headers } });

  beforeAll(async () => {
    t = await createTestApp();
    await createUser(t.kefu.db, t.orgId, { ...creds, displayName: '王芳', permissions: ['customers.read', 'tickets.read'], roleCode: 'agent' });
    cookie = await loginCookie(t.app, creds.username, creds.password);
  });
  afterAll(() => t.close());

  it('tells who I am: profile, permissions, scopes, field rules, roles', async () => {
    const res = await req('GET', '/api/v1/me');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      username: 'wangfang',
      displayName: '王芳',
      email: null,
      locale: 'zh-CN',
      permissions: ['customers.read', 'tickets.read'],
      roles: ['agent'],
      totpEnabled: false,
      mfaSetupRequired: false,
      authKind: 'session',
    });
    expect(res.json()).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(res.json())).not.toMatch(/scrypt/);
    const admin = (await req('GET', '/api/v1/me', undefined, t.adminCookie)).json();
    expect(admin.roles).toEqual(['admin']);
    expect(admin.scopes.customers).toBe('all');
    expect(admin.fieldRules.phone).toBe('show');
  });

  it('changes my language and display name; errors follow the new language', async () => {
    const res = await req('PATCH', '/api/v1/me', { locale: 'en', displayName: 'Fang Wang' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ locale: 'en', displayName: 'Fang Wang' });
    const err = await req('POST', '/api/v1/me/password', { currentPassword: creds.password, newPassword: 'short' });
    expect(err.json().error.message).toBe('The password needs at least 8 characters');
    const back = await req('PATCH', '/api/v1/me', { locale: 'zh-CN' });
    expect(back.json().locale).toBe('zh-CN');
    const audits = await auditActions(t.kefu.db, t.orgId, 'user.update_self');
    expect(audits[0].before).toMatchObject({ locale: 'zh-CN', displayName: '王芳' });
  });

  it('refuses mass assignment and bad values with 400', async () => {
    for (const payload of [{ role: 'admin' }, { locale: 'en', roles: ['admin'] }, { status: 'active' }, { username: 'root' }, { locale: 'fr' }, { displayName: '   ' }, { id: '0190e0e0-0000-7000-8000-000000000000' }]) {
      const res = await req('PATCH', '/api/v1/me', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await req('GET', '/api/v1/me')).json().roles).toEqual(['agent']);
  });

  it('honours If-Match when sent (stale → 412)', async () => {
    const current = (await req('GET', '/api/v1/me')).json().version as number;
    const stale = await req('PATCH', '/api/v1/me', { displayName: 'X' }, cookie, { 'if-match': `"${current - 1}"` });
    expect(stale.statusCode).toBe(412);
    const fresh = await req('PATCH', '/api/v1/me', { displayName: '王芳' }, cookie, { 'if-match': `"${current}"` });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).toBe(`"${current + 1}"`);
  });

  it('enforces the password policy', async () => {
    const cases: [string, string][] = [
      ['Ab1-xyz', 'password_too_short'],
      ['A'.repeat(60) + 'b'.repeat(69), 'password_too_long'],
      ['password123', 'password_too_common'],
      ['qwertyuiop', 'password_too_common'],
      ['Woaini1314', 'password_too_common'],
      ['WangFang', 'password_equals_username'],
      [creds.password, 'password_reused'],
    ];
    for (const [newPassword, code] of cases) {
      const res = await req('POST', '/api/v1/me/password', { currentPassword: creds.password, newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      expect(res.json().error.code, newPassword).toBe(code);
    }
  });

  it('changes the password and ends my other sessions, keeping this one', async () => {
    const other = await loginCookie(t.app, creds.username, creds.password);
    expect((await req('GET', '/api/v1/me', undefined, other)).statusCode).toBe(200);
    const res = await req('POST', '/api/v1/me/password', { currentPassword: creds.password, newPassword: '客服中心-新密码-2026' });
    expect(res.statusCode).toBe(204);
    expect((await req('GET', '/api/v1/me', undefined, other)).statusCode).toBe(401);
    expect((await req('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await login(t.app, creds)).statusCode).toBe(401);
    const fresh = await login(t.app, { username: creds.username, password: '客服中心-新密码-2026' });
    expect(fresh.statusCode).toBe(200);
    expect(sessionCookieOf(fresh)).toBeTruthy();
    const audits = await auditActions(t.kefu.db, t.orgId, 'user.password_change');
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0])).not.toContain('新密码');
  });

  it('counts wrong current passwords against the login throttle', async () => {
    await createUser(t.kefu.db, t.orgId, { username: 'guess01', password: 'Guess-One-2026' });
    const c = await loginCookie(t.app, 'guess01', 'Guess-One-2026');
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await req('POST', '/api/v1/me/password', { currentPassword: `nope-${i}`, newPassword: 'Brand-New-2026' }, c)).statusCode);
    expect(codes.slice(0, 10).every((s) => s === 400)).toBe(true);
    const locked = await req('POST', '/api/v1/me/password', { currentPassword: 'Guess-One-2026', newPassword: 'Brand-New-2026' }, c);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  }, 120_000);

  it('needs a session: 401 anonymous', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { locale: 'en' } })).statusCode).toBe(401);
  });
});
