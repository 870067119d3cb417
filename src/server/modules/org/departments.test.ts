import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createDepartment, createRole, ok, type OrgTest, setupOrg, userAs } from './org.fixtures.js';

describe('departments', () => {
  let t: OrgTest;
  beforeAll(async () => {
    t = await setupOrg();
  });
  afterAll(async () => t.close());

  const list = async () => ok<{ items: any[] }>(await t.admin({ method: 'GET', url: '/api/v1/departments' })).items;
  const byId = async (id: string) => (await list()).find((d) => d.id === id);

  it('creates a tree with materialized paths and lists it flat with member counts', async () => {
    const call = await createDepartment(t.admin, '呼叫中心', t.rootDeptId, { code: 'CALL', sort: 1 });
    const team = await createDepartment(t.admin, '话务一组', call.id);
    const items = await list();
    const root = items.find((d) => d.id === t.rootDeptId);
    expect(root).toMatchObject({ parentId: null, memberCount: 1, path: `/${t.rootDeptId}/` });
    expect(items.find((d) => d.id === call.id)).toMatchObject({ parentId: t.rootDeptId, code: 'CALL', sort: 1, path: `/${t.rootDeptId}/${call.id}/`, memberCount: 0 });
    expect(team.path).toBe(`/${t.rootDeptId}/${call.id}/${team.id}/`);
  });

  it('moves a department with its subtree in one step and rewrites every path', async () => {
    const a = await createDepartment(t.admin, '售后服务', t.rootDeptId);
    const a1 = await createDepartment(t.admin, '上门维修', a.id);
    const a2 = await createDepartment(t.admin, '退换货', a1.id);
    const b = await createDepartment(t.admin, '大客户部', t.rootDeptId);
    const res = await t.admin({ method: 'PATCH', url: `/api/v1/departments/${a.id}`, headers: { 'if-match': `"${a.version}"` }, payload: { parentId: b.id, name: '大客户售后' } });
    const moved = ok(res);
    expect(res.headers.etag).toBe(`"${a.version + 1}"`);
    expect(moved).toMatchObject({ parentId: b.id, name: '大客户售后', path: `/${t.rootDeptId}/${b.id}/${a.id}/`, version: a.version + 1 });
    expect((await byId(a1.id)).path).toBe(`/${t.rootDeptId}/${b.id}/${a.id}/${a1.id}/`);
    expect((await byId(a2.id)).path).toBe(`/${t.rootDeptId}/${b.id}/${a.id}/${a1.id}/${a2.id}/`);
    const [audit] = await auditRows(t, 'department.move', a.id);
    expect(audit.before).toMatchObject({ parentId: t.rootDeptId, name: '售后服务' });
    expect(audit.after).toMatchObject({ parentId: b.id, name: '大客户售后', movedDepartments: 3 });

    // moving back to the top level works too
    const top = ok(await t.admin({ method: 'PATCH', url: `/api/v1/departments/${a.id}`, headers: { 'if-match': `"${moved.version}"` }, payload: { parentId: null } }));
    expect(top.path).toBe(`/${a.id}/`);
    expect((await byId(a2.id)).path).toBe(`/${a.id}/${a1.id}/${a2.id}/`);
  });

  it('refuses moves that would create a cycle, and leaves the tree unchanged', async () => {
    const x = await createDepartment(t.admin, '技术支持', t.rootDeptId);
    const x1 = await createDepartment(t.admin, '二线支持', x.id);
    const x2 = await createDepartment(t.admin, '三线支持', x1.id);
    for (const parentId of [x.id, x1.id, x2.id]) {
      const res = await t.admin({ method: 'PATCH', url: `/api/v1/departments/${x.id}`, headers: { 'if-match': `"${x.version}"` }, payload: { parentId } });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'department_cycle', message: '不能把部门移动到它自身或它的下级部门之下' });
      expect(res.json().error.details[0].path).toEqual(['body', 'parentId']);
    }
    expect((await byId(x2.id)).path).toBe(`/${t.rootDeptId}/${x.id}/${x1.id}/${x2.id}/`);
    expect((await byId(x.id)).version).toBe(x.version);
  });

  it('refuses an unknown parent, a duplicate sibling name and bad input', async () => {
    const unknown = await t.admin({ method: 'POST', url: '/api/v1/departments', payload: { name: '无', parentId: '018f0000-0000-7000-8000-000000000000' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('unknown_department');
    await createDepartment(t.admin, '在线客服', t.rootDeptId);
    const dup = await t.admin({ method: 'POST', url: '/api/v1/departments', payload: { name: '在线客服', parentId: t.rootDeptId } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('department_name_taken');
    for (const payload of [{ name: '' }, { name: 'a\nb' }, { name: 'x'.repeat(65) }, { name: '好', org_id: t.orgId }, { name: '好', path: '/x/' }]) {
      const res = await t.admin({ method: 'POST', url: '/api/v1/departments', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('refuses to delete a department with children or members, then soft-deletes an empty one', async () => {
    const parent = await createDepartment(t.admin, '质检组', t.rootDeptId);
    const child = await createDepartment(t.admin, '录音抽检', parent.id);
    const withChild = await t.admin({ method: 'DELETE', url: `/api/v1/departments/${parent.id}` });
    expect(withChild.statusCode).toBe(409);
    expect(withChild.json().error).toMatchObject({ code: 'department_has_children', details: { children: 1 } });
    await userAs(t, 'qa_member', { departmentId: child.id });
    const withMember = await t.admin({ method: 'DELETE', url: `/api/v1/departments/${child.id}` });
    expect(withMember.statusCode).toBe(409);
    expect(withMember.json().error).toMatchObject({ code: 'department_has_members', details: { members: 1 }, message: '该部门下还有员工，请先把他们调到其他部门' });

    const empty = await createDepartment(t.admin, '培训组', t.rootDeptId);
    expect((await t.admin({ method: 'DELETE', url: `/api/v1/departments/${empty.id}`, headers: { 'if-match': '"99"' } })).statusCode).toBe(412);
    expect((await t.admin({ method: 'DELETE', url: `/api/v1/departments/${empty.id}` })).statusCode).toBe(204);
    expect(await byId(empty.id)).toBeUndefined();
    expect((await t.admin({ method: 'GET', url: `/api/v1/departments/${empty.id}` })).statusCode).toBe(404);
    const row = await t.kefu.db.selectFrom('departments').select('deleted_at').where('id', '=', empty.id).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect(await auditRows(t, 'department.delete', empty.id)).toHaveLength(1);
  });

  it('requires If-Match on PATCH (428) and a current version (412)', async () => {
    const d = await createDepartment(t.admin, '回访组', t.rootDeptId);
    const missing = await t.admin({ method: 'PATCH', url: `/api/v1/departments/${d.id}`, payload: { name: '回访一组' } });
    expect(missing.statusCode).toBe(428);
    ok(await t.admin({ method: 'PATCH', url: `/api/v1/departments/${d.id}`, headers: { 'if-match': `"${d.version}"` }, payload: { name: '回访一组' } }));
    const stale = await t.admin({ method: 'PATCH', url: `/api/v1/departments/${d.id}`, headers: { 'if-match': `"${d.version}"` }, payload: { name: '回访二组' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('version_conflict');
  });

  it('lets readers list but not change departments; refusals are audited', async () => {
    const role = await createRole(t.admin, 'dept_reader', ['org.departments.read']);
    const reader = await userAs(t, 'dept_reader', { roleIds: [role.id] });
    ok(await reader.call({ method: 'GET', url: '/api/v1/departments' }));
    const res = await reader.call({ method: 'POST', url: '/api/v1/departments', payload: { name: '越权部门', parentId: t.rootDeptId } });
    expect(res.statusCode).toBe(403);
    const denied = await t.kefu.db.selectFrom('audit_log').selectAll().where('action', '=', 'access.denied').where('actor_id', '=', reader.id).execute();
    expect(denied).toHaveLength(1);
    expect(denied[0].after).toMatchObject({ permission: 'org.departments.manage' });
    const nobody = await userAs(t, 'no_rights');
    expect((await nobody.call({ method: 'GET', url: '/api/v1/departments' })).statusCode).toBe(403);
  });
});
