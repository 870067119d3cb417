import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../shared/permissions.js';
import { auditRows, createRole, ok, type OrgTest, setupOrg, userAs } from './org.fixtures.js';

describe('roles and the permission catalogue', () => {
  let t: OrgTest;
  let adminRoleId: string;
  beforeAll(async () => {
    t = await setupOrg();
    adminRoleId = (await t.kefu.db.selectFrom('roles').select('id').where('code', '=', 'admin').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t.close());

  it('serves the catalogue for the role editor', async () => {
    const nobody = await userAs(t, 'plain_user');
    const cat = ok(await nobody.call({ method: 'GET', url: '/api/v1/permissions' }));
    expect(cat.permissions).toEqual([...PERMISSIONS]);
    expect(cat.scopes).toEqual(['self', 'department', 'subtree', 'all']);
    expect(cat.scopedResources).toContain('users');
    expect(cat.maskableFields).toEqual(['phone', 'id_number', 'email', 'address']);
    expect(cat.fieldRules).toEqual(['show', 'mask', 'hide']);
    expect(cat.groups.find((g: any) => g.key === 'tickets').permissions).toContain('tickets.assign');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/permissions' })).statusCode).toBe(401);
  });

  it('creates, reads, updates and deletes a role, auditing each step', async () => {
    const created = await createRole(t.admin, 'qa', ['qa.evaluate', 'tickets.read', 'tickets.read'], {
      name: '质检',
      description: '抽检通话与工单',
      scopes: { tickets: 'all', calls: 'department' },
      fieldRules: { phone: 'mask', id_number: 'hide' },
    });
    const got = ok(await t.admin({ method: 'GET', url: `/api/v1/roles/${created.id}` }));
    expect(got).toMatchObject({
      code: 'qa',
      name: '质检',
      permissions: ['qa.evaluate', 'tickets.read'],
      scopes: { tickets: 'all', calls: 'department' },
      fieldRules: { phone: 'mask', id_number: 'hide' },
      isSystem: false,
      userCount: 0,
      version: 1,
    });
    const list = ok(await t.admin({ method: 'GET', url: '/api/v1/roles' }));
    expect(list.items[0]).toMatchObject({ code: 'admin', isSystem: true, userCount: 1 });
    const updated = ok(
      await t.admin({ method: 'PATCH', url: `/api/v1/roles/${created.id}`, headers: { 'if-match': '"1"' }, payload: { permissions: ['qa.evaluate', 'calls.monitor'], scopes: { calls: 'all' } } }),
    );
    expect(updated).toMatchObject({ permissions: ['calls.monitor', 'qa.evaluate'], scopes: { calls: 'all' }, version: 2 });
    const stale = await t.admin({ method: 'PATCH', url: `/api/v1/roles/${created.id}`, headers: { 'if-match': '"1"' }, payload: { name: 'x' } });
    expect(stale.statusCode).toBe(412);
    expect((await t.admin({ method: 'PATCH', url: `/api/v1/roles/${created.id}`, payload: { name: 'x' } })).statusCode).toBe(428);
    const [audit] = await auditRows(t, 'role.update', created.id);
    expect(audit.before).toMatchObject({ permissions: ['qa.evaluate', 'tickets.read'] });
    expect(audit.after).toMatchObject({ permissions: ['calls.monitor', 'qa.evaluate'] });
    expect((await t.admin({ method: 'DELETE', url: `/api/v1/roles/${created.id}` })).statusCode).toBe(204);
    expect((await t.admin({ method: 'GET', url: `/api/v1/roles/${created.id}` })).statusCode).toBe(404);
    expect(await auditRows(t, 'role.delete', created.id)).toHaveLength(1);
  });

  it('validates codes, permissions, scopes and field rules against the catalogue', async () => {
    const base = { code: 'bad_role', name: '坏角色', permissions: ['tickets.read'] };
    for (const payload of [
      { ...base, permissions: ['tickets.read', 'root.everything'] },
      { ...base, scopes: { tickets: 'universe' } },
      { ...base, scopes: { spaceships: 'all' } },
      { ...base, fieldRules: { phone: 'shout' } },
      { ...base, fieldRules: { salary: 'show' } },
      { ...base, code: 'Bad Code' },
      { ...base, isSystem: true },
    ]) {
      const res = await t.admin({ method: 'POST', url: '/api/v1/roles', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    await createRole(t.admin, 'dup_role', ['kb.read']);
    const dup = await t.admin({ method: 'POST', url: '/api/v1/roles', payload: { code: 'dup_role', name: 'x', permissions: [] } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('role_code_taken');
  });

  it('keeps the system administrator role: no delete, no loss of rights; renaming is fine', async () => {
    const del = await t.admin({ method: 'DELETE', url: `/api/v1/roles/${adminRoleId}` });
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('system_role_locked');
    const fewer = await t.admin({ method: 'PATCH', url: `/api/v1/roles/${adminRoleId}`, headers: { 'if-match': '"1"' }, payload: { permissions: ['tickets.read'] } });
    expect(fewer.statusCode).toBe(409);
    const narrower = await t.admin({ method: 'PATCH', url: `/api/v1/roles/${adminRoleId}`, headers: { 'if-match': '"1"' }, payload: { scopes: { users: 'self' } } });
    expect(narrower.statusCode).toBe(409);
    const renamed = ok(await t.admin({ method: 'PATCH', url: `/api/v1/roles/${adminRoleId}`, headers: { 'if-match': '"1"' }, payload: { name: '超级管理员' } }));
    expect(renamed).toMatchObject({ name: '超级管理员', permissions: [...PERMISSIONS].sort() });
  });

  it('refuses to delete a role still held by users', async () => {
    const role = await createRole(t.admin, 'held_role', ['kb.read']);
    await userAs(t, 'holder', { roleIds: [role.id] });
    const res = await t.admin({ method: 'DELETE', url: `/api/v1/roles/${role.id}` });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'role_in_use', details: { users: 1 } });
  });

  it('a wrong role gets 403, audited as access.denied', async () => {
    const role = await createRole(t.admin, 'agent_only', ['tickets.read']);
    const agent = await userAs(t, 'agent_only', { roleIds: [role.id] });
    const res = await agent.call({ method: 'POST', url: '/api/v1/roles', payload: { code: 'sneaky', name: 'x', permissions: ['org.roles.manage'] } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect((await agent.call({ method: 'GET', url: '/api/v1/roles' })).statusCode).toBe(403);
    const denied = await t.kefu.db.selectFrom('audit_log').selectAll().where('action', '=', 'access.denied').where('actor_id', '=', agent.id).orderBy('seq').execute();
    expect(denied).toHaveLength(2);
    expect(denied[0]).toMatchObject({ entity_id: 'POST /api/v1/roles', after: { permission: 'org.roles.manage' } });
  });

  it('a role manager cannot grant rights beyond their own', async () => {
    const mgrRole = await createRole(t.admin, 'role_mgr', ['org.roles.manage', 'tickets.read', 'tickets.update'], { scopes: { tickets: 'department' }, fieldRules: { phone: 'mask' } });
    const mgr = await userAs(t, 'role_mgr', { roleIds: [mgrRole.id] });
    const grant = (payload: Record<string, unknown>) => mgr.call({ method: 'POST', url: '/api/v1/roles', payload: { name: 'x', ...payload } });
    ok(await grant({ code: 'fine_role', permissions: ['tickets.read'], scopes: { tickets: 'department' } }), 201);
    const perm = await grant({ code: 'perm_role', permissions: ['tickets.read', 'pii.reveal'] });
    expect(perm.statusCode).toBe(403);
    expect(perm.json().error).toMatchObject({ code: 'cannot_grant', details: { permissions: ['pii.reveal'] } });
    const scope = await grant({ code: 'scope_role', permissions: ['tickets.read'], scopes: { tickets: 'all' } });
    expect(scope.json().error).toMatchObject({ code: 'cannot_grant', details: { scopes: ['tickets'] } });
    const field = await grant({ code: 'field_role', permissions: [], fieldRules: { phone: 'show' } });
    expect(field.json().error).toMatchObject({ code: 'cannot_grant', details: { fieldRules: ['phone'] } });
    // editing a role that already holds more is fine as long as nothing new is granted
    const wide = await createRole(t.admin, 'wide_role', ['pii.reveal', 'tickets.read']);
    ok(await mgr.call({ method: 'PATCH', url: `/api/v1/roles/${wide.id}`, headers: { 'if-match': '"1"' }, payload: { name: '宽角色' } }));
  });

  it('a changed role takes effect on its holders’ very next request', async () => {
    const role = await createRole(t.admin, 'reader', ['org.users.read'], { scopes: { users: 'all' } });
    const reader = await userAs(t, 'reader_user', { roleIds: [role.id] });
    expect((await reader.call({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(200);
    ok(await t.admin({ method: 'PATCH', url: `/api/v1/roles/${role.id}`, headers: { 'if-match': '"1"' }, payload: { permissions: ['kb.read'] } }));
    expect((await reader.call({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
    // and a role removed from a user likewise
    const role2 = await createRole(t.admin, 'reader2', ['org.users.read']);
    const u = ok(await t.admin({ method: 'GET', url: `/api/v1/users/${reader.id}` }));
    ok(await t.admin({ method: 'PATCH', url: `/api/v1/users/${reader.id}`, headers: { 'if-match': `"${u.version}"` }, payload: { roleIds: [role.id, role2.id] } }));
    expect((await reader.call({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(200);
    ok(await t.admin({ method: 'PATCH', url: `/api/v1/users/${reader.id}`, headers: { 'if-match': `"${u.version + 1}"` }, payload: { roleIds: [role.id] } }));
    expect((await reader.call({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
  });
});
