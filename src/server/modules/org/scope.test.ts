import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/auth/password.js';
import { uuidv7 } from '../../platform/ids.js';
import { auditRows, type Call, createDepartment, createRole, createUser, ok, type OrgTest, setupOrg, userAs } from './org.fixtures.js';

/** Data scopes (本人 / 本部门 / 本部门及下级), masking in lists and the audited reveal. */
describe('data scope, masking and reveal', () => {
  let t: OrgTest;
  const ids: Record<string, string> = {};
  let self: { id: string; call: Call };
  let dept: { id: string; call: Call };
  let subtree: { id: string; call: Call };
  let revealer: { id: string; call: Call };
  let otherOrgUserId: string;

  const visible = async (call: Call) =>
    ok<{ items: { username: string }[] }>(await call({ method: 'GET', url: '/api/v1/users?q=s_&limit=200' }))
      .items.map((u) => u.username)
      .sort();

  beforeAll(async () => {
    t = await setupOrg();
    const call = await createDepartment(t.admin, '呼叫中心', t.rootDeptId);
    const team = await createDepartment(t.admin, '话务一组', call.id);
    const after = await createDepartment(t.admin, '售后服务', t.rootDeptId);
    const read = ['org.users.read'];
    const selfRole = await createRole(t.admin, 'agent', read, { scopes: { users: 'self' }, fieldRules: { phone: 'mask' } });
    const deptRole = await createRole(t.admin, 'team_lead', read, { scopes: { users: 'department' } });
    const treeRole = await createRole(t.admin, 'manager', read, { scopes: { users: 'subtree' }, fieldRules: { phone: 'show' } });
    const revealRole = await createRole(t.admin, 'revealer', [...read, 'pii.reveal'], { scopes: { users: 'subtree' }, fieldRules: { email: 'hide' } });
    self = await userAs(t, 's_agent', { roleIds: [selfRole.id], departmentId: call.id, phone: '13800001111' });
    dept = await userAs(t, 's_lead', { roleIds: [deptRole.id], departmentId: call.id, phone: '13800002222' });
    subtree = await userAs(t, 's_manager', { roleIds: [treeRole.id], departmentId: call.id });
    revealer = await userAs(t, 's_revealer', { roleIds: [revealRole.id], departmentId: call.id });
    ids.team = (await createUser(t.admin, 's_team', { departmentId: team.id, phone: '13812345678', email: 'zhangwei@example.com' })).id;
    ids.after = (await createUser(t.admin, 's_after', { departmentId: after.id, phone: '13912345678' })).id;

    // A second organization with its own user, written directly: no API creates organizations.
    const org2 = uuidv7();
    otherOrgUserId = uuidv7();
    await t.kefu.db.insertInto('orgs').values({ id: org2, name: '另一家公司', settings: JSON.stringify({}) }).execute();
    await t.kefu.db.insertInto('audit_heads').values({ org_id: org2 }).execute();
    await t.kefu.db
      .insertInto('users')
      .values({ org_id: org2, id: otherOrgUserId, username: 's_foreign', display_name: '外部', phone: '13700000000', skills: '[]', password_hash: await hashPassword('x') })
      .execute();
  });
  afterAll(async () => t.close());

  it('本人 (self) sees only their own record', async () => {
    expect(await visible(self.call)).toEqual(['s_agent']);
    expect((await self.call({ method: 'GET', url: `/api/v1/users/${dept.id}` })).statusCode).toBe(404);
    ok(await self.call({ method: 'GET', url: `/api/v1/users/${self.id}` }));
  });

  it('本部门 (department) sees their department but not sub-departments', async () => {
    expect(await visible(dept.call)).toEqual(['s_agent', 's_lead', 's_manager', 's_revealer']);
    expect((await dept.call({ method: 'GET', url: `/api/v1/users/${ids.team}` })).statusCode).toBe(404);
  });

  it('本部门及下级 (subtree) sees the department and everything below it', async () => {
    expect(await visible(subtree.call)).toEqual(['s_agent', 's_lead', 's_manager', 's_revealer', 's_team']);
    ok(await subtree.call({ method: 'GET', url: `/api/v1/users/${ids.team}` }));
    const outside = await subtree.call({ method: 'GET', url: `/api/v1/users/${ids.after}` });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('not_found');
  });

  it('a user of another organization is a 404, even for the administrator', async () => {
    expect((await t.admin({ method: 'GET', url: `/api/v1/users/${otherOrgUserId}` })).statusCode).toBe(404);
    expect((await t.admin({ method: 'PATCH', url: `/api/v1/users/${otherOrgUserId}`, headers: { 'if-match': '"1"' }, payload: { displayName: 'x' } })).statusCode).toBe(404);
    expect((await t.admin({ method: 'POST', url: `/api/v1/users/${otherOrgUserId}/reset-password`, payload: { password: 'Another-Pass-2026' } })).statusCode).toBe(404);
    const reveal = await t.admin({ method: 'POST', url: '/api/v1/reveal', payload: { entity: 'user', id: otherOrgUserId, field: 'phone', reason: '核实身份' } });
    expect(reveal.statusCode).toBe(404);
    expect(await visible(t.admin)).not.toContain('s_foreign');
  });

  it('masks phones in lists per field rules; own record and "show" roles see them in full', async () => {
    const asAgent = ok(await self.call({ method: 'GET', url: `/api/v1/users/${self.id}` }));
    expect(asAgent).toMatchObject({ phone: '13800001111', maskedFields: [], hiddenFields: [] });
    const asLead = ok<{ items: any[] }>(await dept.call({ method: 'GET', url: '/api/v1/users?q=s_agent' }));
    expect(asLead.items[0]).toMatchObject({ username: 's_agent', phone: '138****1111', maskedFields: ['phone'] });
    const team = ok(await revealer.call({ method: 'GET', url: `/api/v1/users/${ids.team}` }));
    expect(team).toMatchObject({ phone: '138****5678', email: null, maskedFields: ['phone'], hiddenFields: ['email'] });
    const asManager = ok(await subtree.call({ method: 'GET', url: `/api/v1/users/${ids.team}` }));
    expect(asManager).toMatchObject({ phone: '13812345678', email: 'z***@example.com', maskedFields: ['email'] });
  });

  it('reveals a masked value with a reason and audits it without the value', async () => {
    const res = await revealer.call({ method: 'POST', url: '/api/v1/reveal', payload: { entity: 'user', id: ids.team, field: 'phone', reason: '客户回访需要核对坐席手机号' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ value: '13812345678' });
    const rows = await auditRows(t, 'pii.reveal', ids.team);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: revealer.id, entity_type: 'user', reason: '客户回访需要核对坐席手机号', after: { field: 'phone' } });
    expect(JSON.stringify(rows[0])).not.toContain('13812345678');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('never stores a revealed value for Idempotency-Key replays', async () => {
    const payload = { entity: 'user', id: ids.team, field: 'phone', reason: '工单回拨前核对' };
    for (let i = 0; i < 2; i++) {
      const res = await revealer.call({ method: 'POST', url: '/api/v1/reveal', headers: { 'idempotency-key': 'reveal-1' }, payload });
      expect(res.json()).toEqual({ value: '13812345678' });
    }
    const kept = await t.kefu.db.selectFrom('idempotency_keys').selectAll().execute();
    expect(JSON.stringify(kept)).not.toContain('13812345678');
    // each reveal is its own audited event
    expect(await auditRows(t, 'pii.reveal', ids.team)).toHaveLength(3);
  });

  it('refuses reveals: no permission → 403 (audited), outside scope → 404, hidden field → 403, bad input → 400', async () => {
    const denied = await dept.call({ method: 'POST', url: '/api/v1/reveal', payload: { entity: 'user', id: self.id, field: 'phone', reason: '核对信息' } });
    expect(denied.statusCode).toBe(403);
    const audit = await t.kefu.db.selectFrom('audit_log').selectAll().where('action', '=', 'access.denied').where('actor_id', '=', dept.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ permission: 'pii.reveal' });

    const outside = await revealer.call({ method: 'POST', url: '/api/v1/reveal', payload: { entity: 'user', id: ids.after, field: 'phone', reason: '核对信息' } });
    expect(outside.statusCode).toBe(404);
    const hidden = await revealer.call({ method: 'POST', url: '/api/v1/reveal', payload: { entity: 'user', id: ids.team, field: 'email', reason: '核对信息' } });
    expect(hidden.statusCode).toBe(403);
    expect(hidden.json().error.code).toBe('field_hidden');
    for (const payload of [
      { entity: 'user', id: ids.team, field: 'phone' },
      { entity: 'user', id: ids.team, field: 'phone', reason: ' x ' },
      { entity: 'user', id: ids.team, field: 'phone', reason: '长'.repeat(501) },
      { entity: 'user', id: ids.team, field: 'password_hash', reason: '核对信息' },
      { entity: 'customer_x', id: ids.team, field: 'phone', reason: '核对信息' },
      { entity: 'user', id: ids.team, field: 'id_number', reason: '核对信息' },
    ]) {
      const res = await revealer.call({ method: 'POST', url: '/api/v1/reveal', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    // none of the refusals left a reveal record behind
    expect(await auditRows(t, 'pii.reveal', ids.after)).toHaveLength(0);
  });

  it('limits where a department-scoped manager may place or move users', async () => {
    const role = await createRole(t.admin, 'lead_manager', ['org.users.read', 'org.users.manage'], { scopes: { users: 'department' } });
    const me = await userAs(t, 's_lead_mgr', { roleIds: [role.id], departmentId: (await t.kefu.db.selectFrom('users').select('department_id').where('id', '=', dept.id).executeTakeFirstOrThrow()).department_id });
    const elsewhere = await me.call({ method: 'POST', url: '/api/v1/users', payload: { username: 's_new', displayName: '新人', password: 'Kefu-Test-2026!', roleIds: [], departmentId: t.rootDeptId } });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.code).toBe('out_of_scope');
    // granting a role with rights the manager lacks is refused (no privilege escalation)
    const adminRole = await t.kefu.db.selectFrom('roles').select('id').where('org_id', '=', t.orgId).where('code', '=', 'admin').executeTakeFirstOrThrow();
    const grant = await me.call({ method: 'PATCH', url: `/api/v1/users/${self.id}`, headers: { 'if-match': '"1"' }, payload: { roleIds: [adminRole.id] } });
    expect(grant.statusCode).toBe(403);
    expect(grant.json().error.code).toBe('cannot_grant');
    // and a user holding rights the manager lacks cannot be edited by them
    const revealerRow = await me.call({ method: 'PATCH', url: `/api/v1/users/${revealer.id}`, headers: { 'if-match': '"1"' }, payload: { displayName: '改名' } });
    expect(revealerRow.statusCode).toBe(403);
    expect(revealerRow.json().error.code).toBe('user_outranks_you');
  });
});
