import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnIdCheckChar } from '../../../../shared/cn-id-number.js';
import { uuidv7 } from '../../../platform/ids.js';
import { auditRows, createDepartment, ok, type Call } from '../../org/org.fixtures.js';
import { createCustomer, customerAgent, type CustomerTest, search, setupCustomers } from '../customers.fixtures.js';
import { CORE_PARTICIPANTS } from './merge-participants.js';

const ID_BASE = '44030519850505123';
const ID = ID_BASE + cnIdCheckChar(ID_BASE);
const TABLES = CORE_PARTICIPANTS.map(([, table]) => table);

describe('customers: merge, preview and undo', () => {
  let t: CustomerTest;
  let s: { id: string; version: number };
  let m: { id: string; version: number };
  let other: { id: string };
  let mergeId: string;
  let before: Awaited<ReturnType<typeof state>>;

  /** Both cards exactly as stored (minus version and updated_at), who owns each related row, the phone index. */
  async function state(ids: string[]) {
    const rows = await sql<{ j: Record<string, unknown> }>`SELECT to_jsonb(c) - 'version' - 'updated_at' AS j FROM customers c WHERE c.id = ANY(${ids}::uuid[]) ORDER BY c.id`.execute(t.kefu.db);
    const owners: Record<string, Record<string, string>> = {};
    for (const table of TABLES) {
      const res = await sql<{ id: string; customer_id: string }>`SELECT id, customer_id FROM ${sql.table(table)} WHERE customer_id = ANY(${ids}::uuid[])`.execute(t.kefu.db);
      owners[table] = Object.fromEntries(res.rows.map((r) => [r.id, r.customer_id]));
    }
    const phones = await t.kefu.db.selectFrom('customer_phones').select(['customer_id', 'phone']).where('customer_id', 'in', ids).orderBy('customer_id').orderBy('phone').execute();
    return { rows: rows.rows.map((r) => r.j), owners, phones };
  }

  const merge = (call: Call, payload: Record<string, unknown>) => call({ method: 'POST', url: '/api/v1/customers/merge', payload });

  beforeAll(async () => {
    t = await setupCustomers();
    ok(await t.admin({ method: 'POST', url: '/api/v1/custom-fields', payload: { entity: 'customer', key: 'level', label: '会员等级', type: 'select', options: [{ value: 'gold', label: '金卡' }, { value: 'silver', label: '银卡' }] } }), 201);
    s = await createCustomer(t.admin, { name: '合并留存', phones: [{ value: '13600000001' }], tags: ['VIP'], custom: { level: 'gold' } });
    m = await createCustomer(t.admin, {
      name: '合并并入',
      gender: 'female',
      phones: [{ value: '13600000002' }],
      email: 'merged@example.com',
      idNumber: ID,
      tags: ['老客户', 'VIP'],
      custom: { level: 'silver' },
      preferences: { likes: '喝茶' },
      remark: '周末联系',
    });
    other = await createCustomer(t.admin, { name: '同号他人', phones: [{ value: '13600000002' }] });
    const on = (path: string, payload: Record<string, unknown>, id = m.id) => t.admin({ method: 'POST', url: `/api/v1/customers/${id}/${path}`, payload });
    ok(await on('contacts', { name: '王经理' }), 201);
    ok(await on('orders', { orderNo: 'SO-M-1', orderedAt: '2026-01-05T10:00:00+08:00', amountFen: 12000 }), 201);
    ok(await on('invoices', { invoiceNo: 'INV-M-1', issuedAt: '2026-01-06', dueAt: '2026-02-06', amountFen: 12000 }), 201);
    ok(await on('payments', { paidAt: '2026-01-20T10:00:00+08:00', amountFen: 12000 }), 201);
    ok(await on('status', { status: 'new', reason: '首单' }), 200);
    ok(await on('notes', { text: '客户来电咨询' }), 204);
    ok(await on('orders', { orderNo: 'SO-S-1', orderedAt: '2026-01-07T10:00:00+08:00', amountFen: 500 }, s.id), 201);
    await t.kefu.db.insertInto('customer_consents').values({ org_id: t.orgId, id: uuidv7(), customer_id: m.id, purpose: '营销短信', channel: 'phone', granted: true }).execute();
    m = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${m.id}` }));
  });
  afterAll(async () => t.close());

  it('previews every field with a suggestion, personal data masked, and the records that would move', async () => {
    const agent = await customerAgent(t, 'merge_viewer', { scope: 'all', permissions: ['customers.read', 'customers.merge'] });
    const preview = ok(await agent.call({ method: 'GET', url: `/api/v1/customers/merge-preview?survivorId=${s.id}&mergedId=${m.id}` }));
    const byField = Object.fromEntries(preview.fields.map((f: { field: string }) => [f.field, f]));
    expect(byField.name).toMatchObject({ survivor: '合并留存', merged: '合并并入', same: false, suggested: 'survivor' });
    expect(byField.email).toMatchObject({ survivor: null, suggested: 'merged' });
    expect(byField.email.merged).not.toBe('merged@example.com');
    expect(byField.idNumber.merged).not.toContain(ID.slice(6, 14));
    expect(byField.phones).toMatchObject({ suggested: 'union', survivor: [{ value: '136****0001' }], union: [{ value: '136****0001' }, { value: '136****0002' }] });
    expect(byField.tags).toMatchObject({ suggested: 'union', union: ['VIP', '老客户'] });
    expect(byField['custom.level']).toMatchObject({ survivor: 'gold', merged: 'silver', suggested: 'survivor' });
    expect(byField['preferences.likes']).toMatchObject({ survivor: null, merged: '喝茶', suggested: 'merged' });
    expect(byField.lifecycleStatus).toMatchObject({ survivor: 'potential', merged: 'new' });
    expect(byField.owner.survivor).toMatchObject({ name: expect.any(String) });
    const counts = Object.fromEntries(preview.related.map((r: { name: string; count: number }) => [r.name, r.count]));
    expect(counts).toMatchObject({ contacts: 1, orders: 1, invoices: 1, payments: 1, consents: 1, status_history: 2 });
    expect(counts.timeline).toBeGreaterThanOrEqual(5);
    expect(preview.merged).toMatchObject({ id: m.id, version: m.version });
  });

  it('merges: chosen values, phones and tags united, every related record moved, audited', async () => {
    before = await state([s.id, m.id]);
    const res = ok(await merge(t.admin, { survivorId: s.id, mergedId: m.id, choices: { 'custom.level': 'merged', gender: 'survivor', lifecycleStatus: 'merged' }, version: { survivor: s.version, merged: m.version } }));
    mergeId = res.mergeId;
    expect(res.moved).toMatchObject({ contacts: 1, orders: 1, invoices: 1, payments: 1, consents: 1, status_history: 2 });
    expect(res.survivor).toMatchObject({
      name: '合并留存',
      gender: null,
      email: 'merged@example.com',
      tags: ['VIP', '老客户'],
      custom: { level: 'silver' },
      preferences: { likes: '喝茶' },
      remark: '周末联系',
      lifecycleStatus: 'new',
      version: s.version + 1,
    });
    expect(res.survivor.phones.map((p: { value: string }) => p.value)).toEqual(['13600000001', '13600000002']);
    const after = await state([s.id, m.id]);
    for (const table of TABLES) {
      expect(Object.values(after.owners[table]).every((owner) => owner === s.id), table).toBe(true);
      expect(Object.keys(after.owners[table]).length).toBeGreaterThanOrEqual(Object.keys(before.owners[table]).length);
    }
    const history = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${s.id}/status-history` }));
    expect(history[0]).toMatchObject({ from: 'potential', to: 'new', reason: '客户合并' });
    const mergedRow = await t.kefu.db.selectFrom('customers').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(mergedRow.merged_into_id).toBe(s.id);
    expect(after.phones.filter((p) => p.customer_id === m.id)).toEqual([]);
    const [audit] = await auditRows(t, 'customer.merge', s.id);
    expect(JSON.stringify(audit)).not.toContain(ID);
    expect(JSON.stringify(audit)).not.toContain('id_number_enc');
    expect(audit.after).toMatchObject({ mergeId, choices: { 'custom.level': 'merged' } });
    const timeline = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${s.id}/timeline` }));
    expect(timeline.items[0]).toMatchObject({ kind: 'merge', title: '合并并入' });
    expect(timeline.items.map((i: { kind: string }) => i.kind)).toContain('note');
  });

  it('the merged customer leaves the register and the duplicates page; search finds the survivor by its phone', async () => {
    const register = ok(await t.admin({ method: 'GET', url: '/api/v1/customers?limit=200' }));
    expect(register.items.map((i: { id: string }) => i.id)).not.toContain(m.id);
    expect(await search(t.admin, '13600000002')).toEqual(expect.arrayContaining(['合并留存']));
    expect(await search(t.admin, '13600000002')).not.toContain('合并并入');
    const dups = ok(await t.admin({ method: 'GET', url: '/api/v1/customers/duplicates?reason=phone' }));
    const members = dups.items.flatMap((g: { members: { id: string }[] }) => g.members.map((x) => x.id));
    expect(members).not.toContain(m.id);
    expect(members).toEqual(expect.arrayContaining([s.id, other.id]));
    // the merged card still opens (for undo), and refuses edits
    expect(ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${m.id}` })).mergedIntoId).toBe(s.id);
  });

  it('refuses impossible merges: itself, already merged, into a merged customer, stale versions, unknown fields, out of scope', async () => {
    const self = await merge(t.admin, { survivorId: s.id, mergedId: s.id });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('merge_same_customer');
    const again = await merge(t.admin, { survivorId: s.id, mergedId: m.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('customer_merged');
    const c = await createCustomer(t.admin, { name: '另一位客户' });
    expect((await merge(t.admin, { survivorId: m.id, mergedId: c.id })).statusCode).toBe(409);
    const stale = await merge(t.admin, { survivorId: c.id, mergedId: other.id, version: { survivor: c.version + 1, merged: 1 } });
    expect(stale.statusCode).toBe(412);
    const unknown = await merge(t.admin, { survivorId: c.id, mergedId: other.id, choices: { password_hash: 'merged', name: 'union' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.map((d: { code: string }) => d.code).sort()).toEqual(['merge_invalid_choice', 'merge_unknown_field']);
    const extra = await merge(t.admin, { survivorId: c.id, mergedId: other.id, org_id: 'x' });
    expect(extra.statusCode).toBe(400);
    const dept = await createDepartment(t.admin, '合并外部', t.rootDeptId);
    const agent = await customerAgent(t, 'merge_self', { scope: 'self', departmentId: dept.id, permissions: ['customers.read', 'customers.create', 'customers.merge'] });
    const mine = await createCustomer(agent.call, { name: '代理自己的' });
    expect((await merge(agent.call, { survivorId: mine.id, mergedId: c.id })).statusCode).toBe(404);
    expect((await agent.call({ method: 'GET', url: `/api/v1/customers/merge-preview?survivorId=${mine.id}&mergedId=${c.id}` })).statusCode).toBe(404);
    const reader = await customerAgent(t, 'merge_reader', { scope: 'all' });
    expect((await merge(reader.call, { survivorId: c.id, mergedId: other.id })).statusCode).toBe(403);
  });

  it('two merges racing on the same pair: one wins, the other gets 409', async () => {
    const a = await createCustomer(t.admin, { name: '竞争甲' });
    const b = await createCustomer(t.admin, { name: '竞争乙' });
    const results = await Promise.all([merge(t.admin, { survivorId: a.id, mergedId: b.id }), merge(t.admin, { survivorId: b.id, mergedId: a.id })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.kefu.db.selectFrom('customers').select(['id', 'merged_into_id']).where('id', 'in', [a.id, b.id]).execute();
    expect(rows.filter((r) => r.merged_into_id !== null)).toHaveLength(1);
  });

  it('undo restores both cards and exactly the moved records; a second undo is refused', async () => {
    // a record created on the survivor after the merge stays with it
    const late = ok(await t.admin({ method: 'POST', url: `/api/v1/customers/${s.id}/orders`, payload: { orderNo: 'SO-LATE', orderedAt: '2026-03-01T10:00:00+08:00', amountFen: 100 } }), 201);
    const listed = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${m.id}/merges` }));
    expect(listed[0]).toMatchObject({ id: mergeId, role: 'merged', canUndo: true, survivorName: '合并留存', mergedName: '合并并入' });
    const res = ok(await t.admin({ method: 'POST', url: `/api/v1/customer-merges/${mergeId}/undo` }));
    expect(res.merged).toMatchObject({ mergedIntoId: null, email: 'merged@example.com' });
    const after = await state([s.id, m.id]);
    expect(after.rows).toEqual(before.rows);
    expect(after.phones).toEqual(before.phones);
    for (const table of TABLES) {
      const restored = Object.fromEntries(Object.keys(before.owners[table]).map((id) => [id, after.owners[table][id]]));
      expect(restored, table).toEqual(before.owners[table]);
    }
    expect(after.owners.customer_orders[late.id]).toBe(s.id);
    const versions = await t.kefu.db.selectFrom('customers').select(['id', 'version']).where('id', 'in', [s.id, m.id]).execute();
    expect(Object.fromEntries(versions.map((v) => [v.id, v.version]))).toEqual({ [s.id]: s.version + 2, [m.id]: m.version + 2 });
    expect(await search(t.admin, '13600000002')).toEqual(expect.arrayContaining(['合并并入', '同号他人']));
    expect(await search(t.admin, '13600000002')).not.toContain('合并留存');
    const [audit] = await auditRows(t, 'customer.merge_undo', s.id);
    expect(audit.after).toMatchObject({ mergeId });
    const second = await t.admin({ method: 'POST', url: `/api/v1/customer-merges/${mergeId}/undo` });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('merge_already_undone');
    expect(second.json().error.message).toBe('该合并已经撤销过了');
  });

  it('a later merge involving either customer must be undone first', async () => {
    const [p, q, r, x] = await Promise.all(['链甲', '链乙', '链丙', '链丁'].map((name) => createCustomer(t.admin, { name })));
    const first = ok(await merge(t.admin, { survivorId: q.id, mergedId: p.id })).mergeId;
    const later = ok(await merge(t.admin, { survivorId: r.id, mergedId: q.id })).mergeId;
    const blocked = await t.admin({ method: 'POST', url: `/api/v1/customer-merges/${first}/undo` });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toMatchObject({ code: 'merge_undo_blocked', details: { blockedBy: later } });
    const merges = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${q.id}/merges` }));
    expect(merges.map((v: { id: string; canUndo: boolean; role: string }) => [v.id, v.role, v.canUndo])).toEqual([
      [later, 'merged', true],
      [first, 'survivor', false],
    ]);
    ok(await t.admin({ method: 'POST', url: `/api/v1/customer-merges/${later}/undo` }));
    ok(await t.admin({ method: 'POST', url: `/api/v1/customer-merges/${first}/undo` }));
    // another merge into the same survivor blocks too
    const one = ok(await merge(t.admin, { survivorId: q.id, mergedId: p.id })).mergeId;
    ok(await merge(t.admin, { survivorId: q.id, mergedId: x.id }));
    expect((await t.admin({ method: 'POST', url: `/api/v1/customer-merges/${one}/undo` })).statusCode).toBe(409);
    expect((await t.admin({ method: 'POST', url: `/api/v1/customer-merges/${uuidv7()}/undo` })).statusCode).toBe(404);
  });
});
