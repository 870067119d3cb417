import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createDepartment, createRole, createUser, ok, userAs } from '../../org/org.fixtures.js';
import { createCustomer, type CustomerTest, setupCustomers } from '../customers.fixtures.js';

describe('customers: ownership transfer (§2.9)', () => {
  let t: CustomerTest;
  let salesId: string;
  let serviceId: string;
  beforeAll(async () => {
    t = await setupCustomers();
    salesId = (await createDepartment(t.admin, '销售部', t.rootDeptId)).id;
    serviceId = (await createDepartment(t.admin, '客服部', t.rootDeptId)).id;
  });
  afterAll(async () => t.close());

  /** A person owning `n` customers (created oldest first), then disabled: they left. */
  async function leaver(username: string, n: number, departmentId = salesId) {
    const user = await createUser(t.admin, username, { departmentId });
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await createCustomer(t.admin, { name: `${username}客户${i}`, ownerId: user.id })).id);
    ok(await t.admin({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: { 'if-match': '"1"' }, payload: { status: 'disabled' } }));
    return { id: user.id, customerIds: ids };
  }

  const owners = async (ids: string[]) =>
    t.kefu.db.selectFrom('customers').select(['id', 'owner_id', 'department_id', 'version']).where('id', 'in', ids).execute();

  it('previews and hands every customer of a disabled owner to one person, with timeline and one audit entry', async () => {
    const from = await leaver('zhang_left', 3);
    const to = await createUser(t.admin, 'li_takes', { departmentId: serviceId });
    const preview = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/transfer-preview?fromOwnerId=${from.id}` }));
    expect(preview).toMatchObject({ fromOwner: { id: from.id, displayName: 'zhang_left', status: 'disabled', departmentId: salesId }, counts: { customers: 3 } });

    const result = ok(await t.admin({ method: 'POST', url: '/api/v1/customers/transfer', payload: { fromOwnerId: from.id, toOwnerId: to.id, reason: '张三离职' } }));
    expect(result).toEqual({ fromOwnerId: from.id, counts: { customers: 3 }, recipients: [{ userId: to.id, displayName: 'li_takes', departmentId: serviceId, counts: { customers: 3 } }] });
    for (const row of await owners(from.customerIds)) expect(row).toMatchObject({ owner_id: to.id, department_id: serviceId, version: 2 });

    const timeline = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${from.customerIds[0]}/timeline` }));
    expect(timeline.items[0]).toMatchObject({ kind: 'owner', detail: { from: from.id, to: to.id, transfer: true, reason: '张三离职' } });
    const audit = await auditRows(t, 'customer.transfer', from.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ reason: '张三离职', after: { mode: 'user', counts: { customers: 3 } } });
    expect(ok(await t.admin({ method: 'GET', url: `/api/v1/customers/transfer-preview?fromOwnerId=${from.id}` })).counts).toEqual({ customers: 0 });
  });

  it('spreads over several people round-robin (even split ±1) and over a department’s active members', async () => {
    const from = await leaver('wang_left', 10);
    const a = await createUser(t.admin, 'rr_a', { departmentId: serviceId });
    const b = await createUser(t.admin, 'rr_b', { departmentId: salesId });
    const c = await createUser(t.admin, 'rr_c', { departmentId: serviceId });
    const result = ok(await t.admin({ method: 'POST', url: '/api/v1/customers/transfer', payload: { fromOwnerId: from.id, toUserIds: [a.id, b.id, c.id], reason: '离职交接' } }));
    expect(result.counts).toEqual({ customers: 10 });
    expect(result.recipients.map((r: { counts: { customers: number } }) => r.counts.customers)).toEqual([4, 3, 3]);
    const rows = await owners(from.customerIds);
    const byOwner = (id: string) => rows.filter((r) => r.owner_id === id);
    expect([byOwner(a.id).length, byOwner(b.id).length, byOwner(c.id).length]).toEqual([4, 3, 3]);
    // each customer moves into its new owner's department; dealt oldest first in the given order
    expect(byOwner(b.id).every((r) => r.department_id === salesId)).toBe(true);
    expect(rows.find((r) => r.id === from.customerIds[0])!.owner_id).toBe(a.id);
    expect(rows.find((r) => r.id === from.customerIds[1])!.owner_id).toBe(b.id);
    expect(await auditRows(t, 'customer.transfer', from.id)).toHaveLength(1);
    const ownerEntries = await t.kefu.db.selectFrom('customer_timeline').select('customer_id').where('kind', '=', 'owner').where('customer_id', 'in', from.customerIds).execute();
    expect(ownerEntries).toHaveLength(10);

    const team = await createDepartment(t.admin, '大客户组', serviceId);
    const m1 = await createUser(t.admin, 'team_1', { departmentId: team.id });
    const m2 = await createUser(t.admin, 'team_2', { departmentId: team.id });
    const gone = await createUser(t.admin, 'team_3', { departmentId: team.id });
    ok(await t.admin({ method: 'PATCH', url: `/api/v1/users/${gone.id}`, headers: { 'if-match': '"1"' }, payload: { status: 'disabled' } }));
    const from2 = await leaver('zhao_left', 5);
    const split = ok(await t.admin({ method: 'POST', url: '/api/v1/customers/transfer', payload: { fromOwnerId: from2.id, toDepartmentId: team.id, reason: '整组接手' } }));
    expect(split.recipients.map((r: { userId: string; counts: { customers: number } }) => [r.userId, r.counts.customers])).toEqual([[m1.id, 3], [m2.id, 2]]);
    expect((await owners(from2.customerIds)).every((r) => r.department_id === team.id)).toBe(true);
  });

  it('refuses recipients and owners outside the caller’s scope, and bad targets', async () => {
    const role = await createRole(t.admin, 'sales_manager', ['customers.read', 'customers.transfer'], { scopes: { customers: 'subtree' } });
    const manager = await userAs(t, 'sales_mgr', { roleIds: [role.id], departmentId: salesId });
    const from = await leaver('qian_left', 2);
    const inside = await createUser(t.admin, 'sales_mate', { departmentId: salesId });
    const outside = await createUser(t.admin, 'service_mate', { departmentId: serviceId });

    const refused = await manager.call({ method: 'POST', url: '/api/v1/customers/transfer', payload: { fromOwnerId: from.id, toUserIds: [inside.id, outside.id], reason: '交接' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details[0]).toMatchObject({ path: ['body', 'toUserIds', '1'], code: 'recipient_out_of_scope' });
    const toDept = await manager.call({ method: 'POST', url: '/api/v1/customers/transfer', payload: { fromOwnerId: from.id, toDepartmentId: serviceId, reason: '交接' } });
    expect(toDept.statusCode).toBe(403);
    expect((await owners(from.customerIds)).every((r) => r.owner_id === from.id)).toBe(true);

    const foreign = await leaver('sun_left', 1, serviceId);
    expect((await manager.call({ method: 'GET', url: `/api/v1/customers/transfer-preview?fromOwnerId=${foreign.id}` })).statusCode).toBe(404);
    expect((await manager.call({ method: 'POST', url: '/api/v1/customers/transfer', payload: { fromOwnerId: foreign.id, toOwnerId: inside.id, reason: 'x' } })).statusCode).toBe(404);

    const bad = async (payload: Record<string, unknown>, code: string) => {
      const res = await manager.call({ method: 'POST', url: '/api/v1/customers/transfer', payload: { fromOwnerId: from.id, reason: '交接', ...payload } });
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error.details[0].code).toBe(code);
    };
    await bad({ toOwnerId: inside.id, toUserIds: [inside.id] }, 'transfer_target_required');
    await bad({}, 'transfer_target_required');
    await bad({ toOwnerId: from.id }, 'transfer_unknown_recipient');
    await bad({ toOwnerId: foreign.id }, 'transfer_unknown_recipient');
    expect((await manager.call({ method: 'POST', url: '/api/v1/customers/transfer', payload: { fromOwnerId: from.id, toOwnerId: inside.id } })).statusCode).toBe(400);

    const done = ok(await manager.call({ method: 'POST', url: '/api/v1/customers/transfer', payload: { fromOwnerId: from.id, toOwnerId: inside.id, reason: '交接' } }));
    expect(done.counts).toEqual({ customers: 2 });
    expect(await auditRows(t, 'customer.transfer', from.id)).toHaveLength(1);

    const agent = await userAs(t, 'plain_agent', { roleIds: [], departmentId: salesId });
    expect((await agent.call({ method: 'GET', url: `/api/v1/customers/transfer-preview?fromOwnerId=${from.id}` })).statusCode).toBe(403);
  });
});
