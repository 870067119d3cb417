import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie } from '../../testing/harness.js';
import { auditRows, createDepartment, createRole, createUser, ok, type OrgTest, PASSWORD, setupOrg, userAs } from './org.fixtures.js';

describe('users', () => {
  let t: OrgTest;
  let deptId: string;
  let agentRoleId: string;
  beforeAll(async () => {
    t = await setupOrg();
    deptId = (await createDepartment(t.admin, '呼叫中心', t.rootDeptId)).id;
    agentRoleId = (await createRole(t.admin, 'agent', ['customers.read', 'tickets.read'])).id;
  });
  afterAll(async () => t.close());

  it('creates a user with normalized phone, roles, position and skills; audits without the password', async () => {
    const position = ok(await t.admin({ method: 'POST', url: '/api/v1/positions', payload: { code: 'AGENT', name: '客服代表' } }), 201);
    const res = await t.admin({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        username: 'zhangwei',
        displayName: '张伟',
        email: 'zhangwei@example.com',
        phone: '＋８６ １３８ １２３４ ５６７８',
        departmentId: deptId,
        positionId: position.id,
        roleIds: [agentRoleId],
        password: PASSWORD,
        skills: ['普通话', '粤语', '普通话'],
      },
    });
    const user = ok(res, 201);
    expect(res.headers.etag).toBe('"1"');
    expect(user).toMatchObject({
      username: 'zhangwei',
      displayName: '张伟',
      phone: '13812345678', // the administrator's role shows phones in full
      email: 'zhangwei@example.com',
      maskedFields: [],
      departmentId: deptId,
      departmentName: '呼叫中心',
      positionName: '客服代表',
      status: 'active',
      skills: ['普通话', '粤语'],
      locale: 'zh-CN',
      roles: [{ id: agentRoleId, code: 'agent', name: 'agent' }],
      version: 1,
    });
    expect(JSON.stringify(user)).not.toMatch(/password_hash|scrypt|totp_secret/);
    const [audit] = await auditRows(t, 'user.create', user.id);
    expect(audit.after).toMatchObject({ username: 'zhangwei', phone: '13812345678', roleIds: [agentRoleId] });
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    expect(JSON.stringify(audit)).not.toContain('scrypt');
    // the new user can sign in with the password given
    await loginCookie(t.app, 'zhangwei', PASSWORD);
  });

  it('refuses a duplicate username regardless of case with a clear 409', async () => {
    await createUser(t.admin, 'LiNa');
    const res = await t.admin({ method: 'POST', url: '/api/v1/users', payload: { username: 'lina', displayName: '李娜', password: PASSWORD, roleIds: [] } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'username_taken', message: '用户名已被使用（不区分大小写）' });
    expect(res.json().error.details[0]).toMatchObject({ path: ['body', 'username'] });
  });

  it('refuses mass assignment of org_id, id or role', async () => {
    for (const extra of [{ org_id: t.orgId }, { id: '018f0000-0000-7000-8000-000000000000' }, { role: 'admin' }]) {
      const res = await t.admin({ method: 'POST', url: '/api/v1/users', payload: { username: 'mass', displayName: 'x', password: PASSWORD, roleIds: [], ...extra } });
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().error.code).toBe('validation');
    }
    const u = await createUser(t.admin, 'mass_target');
    const patch = await t.admin({ method: 'PATCH', url: `/api/v1/users/${u.id}`, headers: { 'if-match': '"1"' }, payload: { org_id: t.orgId, role: 'admin' } });
    expect(patch.statusCode).toBe(400);
  });

  it('validates phone, email, password policy, references and username shape', async () => {
    const base = { username: 'valid_me', displayName: '王芳', password: PASSWORD, roleIds: [] };
    const phone = await t.admin({ method: 'POST', url: '/api/v1/users', payload: { ...base, phone: '12345678901' } });
    expect(phone.statusCode).toBe(400);
    expect(phone.json().error.details[0]).toMatchObject({ path: ['body', 'phone'], code: 'invalid_phone', message: expect.stringContaining('手机号') });
    const email = await t.admin({ method: 'POST', url: '/api/v1/users', payload: { ...base, email: 'not-an-email' } });
    expect(email.statusCode).toBe(400);
    expect(email.json().error.details[0].path).toEqual(['body', 'email']);
    const short = await t.admin({ method: 'POST', url: '/api/v1/users', payload: { ...base, password: 'abc' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('password_too_short');
    expect(short.json().error.details[0].path).toEqual(['body', 'password']);
    const common = await t.admin({ method: 'POST', url: '/api/v1/users', payload: { ...base, password: '12345678' } });
    expect(common.json().error.code).toBe('password_too_common');
    const role = await t.admin({ method: 'POST', url: '/api/v1/users', payload: { ...base, roleIds: ['018f0000-0000-7000-8000-000000000000'] } });
    expect(role.json().error.code).toBe('unknown_role');
    const dept = await t.admin({ method: 'POST', url: '/api/v1/users', payload: { ...base, departmentId: '018f0000-0000-7000-8000-000000000000' } });
    expect(dept.json().error.code).toBe('unknown_department');
    for (const username of ['a', '有中文', 'bad name', '-dash']) {
      const res = await t.admin({ method: 'POST', url: '/api/v1/users', payload: { ...base, username } });
      expect(res.statusCode, username).toBe(400);
    }
    const landline = ok(await t.admin({ method: 'POST', url: '/api/v1/users', payload: { ...base, phone: '(010) 6234 5678', email: '' } }), 201);
    expect(landline).toMatchObject({ phone: '010-62345678', email: null });
  });

  it('stores an XSS payload in the display name verbatim and returns it as JSON text', async () => {
    const payload = '<script>alert("xss")</script><img src=x onerror=alert(1)>';
    const user = await createUser(t.admin, 'xss_user', { displayName: payload });
    const res = await t.admin({ method: 'GET', url: `/api/v1/users/${user.id}` });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().displayName).toBe(payload);
  });

  it('updates with If-Match: 428 without it, 412 when stale, and audits before/after', async () => {
    const user = await createUser(t.admin, 'wangfang', { displayName: '王芳', phone: '13912345678' });
    const missing = await t.admin({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { displayName: '王芳芳' } });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().error.code).toBe('if_match_required');
    const updated = ok(
      await t.admin({
        method: 'PATCH',
        url: `/api/v1/users/${user.id}`,
        headers: { 'if-match': '"1"' },
        payload: { displayName: '王芳芳', departmentId: deptId, roleIds: [agentRoleId], phone: '+86 139-1234-0000', locale: 'en' },
      }),
    );
    expect(updated).toMatchObject({ displayName: '王芳芳', departmentId: deptId, phone: '13912340000', locale: 'en', version: 2, roles: [{ code: 'agent' }] });
    const stale = await t.admin({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: { 'if-match': '"1"' }, payload: { displayName: '旧版本' } });
    expect(stale.statusCode).toBe(412);
    const [audit] = await auditRows(t, 'user.update', user.id);
    expect(audit.before).toMatchObject({ displayName: '王芳', phone: '13912345678', departmentId: null, roleIds: [] });
    expect(audit.after).toMatchObject({ displayName: '王芳芳', phone: '13912340000', departmentId: deptId, roleIds: [agentRoleId] });
  });

  it('disabling a user ends their sessions at once; enabling lets them sign in again', async () => {
    const u = await userAs(t, 'zhaomin', { roleIds: [agentRoleId] });
    expect((await u.call({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    const disabled = ok(await t.admin({ method: 'PATCH', url: `/api/v1/users/${u.id}`, headers: { 'if-match': '"1"' }, payload: { status: 'disabled' } }));
    expect(disabled.status).toBe('disabled');
    expect((await u.call({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const [audit] = await auditRows(t, 'user.disable', u.id);
    expect(audit.after).toMatchObject({ status: 'disabled', sessionsRevoked: 1 });
    await expect(loginCookie(t.app, 'zhaomin', PASSWORD)).rejects.toThrow();
    ok(await t.admin({ method: 'PATCH', url: `/api/v1/users/${u.id}`, headers: { 'if-match': '"2"' }, payload: { status: 'active' } }));
    await loginCookie(t.app, 'zhaomin', PASSWORD);
  });

  it('protects the last administrator and refuses self-disable', async () => {
    const self = await t.admin({ method: 'PATCH', url: `/api/v1/users/${t.adminId}`, headers: { 'if-match': '"1"' }, payload: { status: 'disabled' } });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('cannot_disable_self');
    const drop = await t.admin({ method: 'PATCH', url: `/api/v1/users/${t.adminId}`, headers: { 'if-match': '"1"' }, payload: { roleIds: [] } });
    expect(drop.statusCode).toBe(409);
    expect(drop.json().error.code).toBe('last_admin');
  });

  it('resets a password: policy applies, old sessions end, the new password works', async () => {
    const u = await userAs(t, 'sunhao', { roleIds: [agentRoleId] });
    const weak = await t.admin({ method: 'POST', url: `/api/v1/users/${u.id}/reset-password`, payload: { password: 'sunhao' } });
    expect(weak.statusCode).toBe(400);
    const res = await t.admin({ method: 'POST', url: `/api/v1/users/${u.id}/reset-password`, payload: { password: 'Brand-New-Pass-88' } });
    expect(res.statusCode).toBe(204);
    expect((await u.call({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    await expect(loginCookie(t.app, 'sunhao', PASSWORD)).rejects.toThrow();
    await loginCookie(t.app, 'sunhao', 'Brand-New-Pass-88');
    const [audit] = await auditRows(t, 'user.password_reset', u.id);
    expect(JSON.stringify(audit)).not.toContain('Brand-New-Pass-88');
  });

  it('lists with cursor pagination, allowlisted sorts and filters', async () => {
    const team = await createDepartment(t.admin, '话务一组', deptId);
    const roleB = await createRole(t.admin, 'lister_b', ['kb.read']);
    for (const [i, name] of ['陈静', '杨帆', '黄晓燕', '周杰', '吴磊'].entries()) {
      await createUser(t.admin, `page_${i}`, { displayName: name, departmentId: i < 3 ? team.id : deptId, roleIds: i === 4 ? [roleB.id] : [] });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/users?q=page_&limit=2&sort=-username${cursor ? `&cursor=${cursor}` : ''}`;
      const page = ok<{ items: any[]; nextCursor: string | null }>(await t.admin({ method: 'GET', url }));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u) => u.username));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['page_4', 'page_3', 'page_2', 'page_1', 'page_0']);

    const byName = ok(await t.admin({ method: 'GET', url: `/api/v1/users?q=${encodeURIComponent('晓燕')}` }));
    expect(byName.items.map((u: any) => u.username)).toEqual(['page_2']);
    const inTeam = ok(await t.admin({ method: 'GET', url: `/api/v1/users?departmentId=${team.id}&sort=created_at` }));
    expect(inTeam.items.map((u: any) => u.username)).toEqual(['page_0', 'page_1', 'page_2']);
    const inTree = ok(await t.admin({ method: 'GET', url: `/api/v1/users?q=page_&departmentId=${deptId}&includeSubDepartments=true` }));
    expect(inTree.items).toHaveLength(5);
    const byRole = ok(await t.admin({ method: 'GET', url: `/api/v1/users?roleId=${roleB.id}` }));
    expect(byRole.items.map((u: any) => u.username)).toEqual(['page_4']);
    const literal = ok(await t.admin({ method: 'GET', url: `/api/v1/users?q=${encodeURIComponent('%')}` }));
    expect(literal.items).toHaveLength(0);
    const disabled = ok(await t.admin({ method: 'GET', url: '/api/v1/users?status=disabled' }));
    expect(disabled.items.every((u: any) => u.status === 'disabled')).toBe(true);

    expect((await t.admin({ method: 'GET', url: '/api/v1/users?sort=password_hash' })).statusCode).toBe(400);
    expect((await t.admin({ method: 'GET', url: '/api/v1/users?cursor=garbage' })).statusCode).toBe(400);
    expect((await t.admin({ method: 'GET', url: '/api/v1/users?limit=1000' })).statusCode).toBe(400);
  });

  it('answers in the user’s language', async () => {
    const role = await createRole(t.admin, 'user_admin_en', ['org.users.manage', 'org.users.read'], { scopes: { users: 'all' } });
    const en = await userAs(t, 'english_admin', { roleIds: [role.id], locale: 'en' });
    const res = await en.call({ method: 'POST', url: '/api/v1/users', payload: { username: 'ZhangWei', displayName: 'x', password: PASSWORD, roleIds: [] } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('This username is already taken (case-insensitive)');
  });
});
