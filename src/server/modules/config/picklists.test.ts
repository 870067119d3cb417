import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './config.testing.js';
import { DEFAULT_PICKLISTS, seedDefaultPicklists } from './default-picklists.js';

type Node = { id: string; code: string; label: string; labelEn: string | null; active: boolean; version: number; parentId: string | null; children: Node[] };

describe('picklists API', () => {
  let t: TestApp;
  let viewer: Awaited<ReturnType<TestApp['userWith']>>;
  beforeAll(async () => {
    t = await startTestApp();
    viewer = await t.userWith([]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const items = async (code: string, includeInactive = false): Promise<Node[]> =>
    (await t.admin({ method: 'GET', url: `/api/v1/picklists/${code}/items${includeInactive ? '?includeInactive=true' : ''}` })).json().items;
  const find = (nodes: Node[], code: string): Node | undefined => {
    for (const n of nodes) {
      if (n.code === code) return n;
      const hit = find(n.children, code);
      if (hit) return hit;
    }
    return undefined;
  };

  it('seeds the default lists for a new organization, with English labels', async () => {
    const res = await viewer({ method: 'GET', url: '/api/v1/picklists' });
    expect(res.statusCode).toBe(200);
    const lists = res.json().items;
    expect(lists.map((l: { code: string }) => l.code)).toEqual(['churn_reason', 'complaint_cause', 'disposition', 'not_ready_reason', 'ticket_category']);
    expect(lists.find((l: { code: string }) => l.code === 'ticket_category')).toMatchObject({ hierarchical: true, nameEn: 'Ticket categories', itemCount: 27 });
    const cats = await items('ticket_category');
    expect(cats.map((c) => c.label)).toEqual(['咨询', '投诉', '售后', '增值', '建议']);
    expect(find(cats, 'after_sales.repair')).toMatchObject({ label: '维修', labelEn: 'Repair' });
    expect((await items('complaint_cause')).map((c) => c.label)).toEqual(['产品质量', '服务态度', '信息不对称', '期望值过高', '其他']);
    expect((await items('churn_reason')).map((c) => c.label)).toEqual(['自然流失', '恶意流失', '竞争流失', '过失流失']);
    expect((await items('not_ready_reason')).map((c) => c.label)).toEqual(['小休', '培训', '会议', '午餐', '事后处理']);
    for (const list of DEFAULT_PICKLISTS) {
      const walk = (nodes: Node[]): boolean => nodes.every((n) => !!n.labelEn && walk(n.children));
      expect(walk(await items(list.code))).toBe(true);
    }
    // seeding again adds nothing
    await t.db.transaction().execute((tx) => seedDefaultPicklists(tx, t.orgId));
    expect((await viewer({ method: 'GET', url: '/api/v1/picklists' })).json().items.find((l: { code: string }) => l.code === 'ticket_category').itemCount).toBe(27);
  });

  it('adds items to a tree and a flat list; refuses bad parents and codes', async () => {
    const cats = await items('ticket_category');
    const complaint = find(cats, 'complaint')!;
    const res = await t.admin({ method: 'POST', url: '/api/v1/picklists/ticket_category/items', payload: { code: 'complaint.privacy', label: '隐私泄露', labelEn: 'Privacy', parentId: complaint.id } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'complaint.privacy', parentId: complaint.id, sort: 60, version: 1, children: [] });
    expect(find(await items('ticket_category'), 'complaint')!.children.at(-1)!.code).toBe('complaint.privacy');
    const [entry] = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'picklist_item.create').execute();
    expect(entry.after).toMatchObject({ picklist: 'ticket_category', code: 'complaint.privacy' });

    const generated = await t.admin({ method: 'POST', url: '/api/v1/picklists/disposition/items', payload: { label: '客户挂机' } });
    expect(generated.statusCode).toBe(201);
    expect(generated.json().code).toMatch(/^i_[0-9a-f]{10}$/);

    const dup = await t.admin({ method: 'POST', url: '/api/v1/picklists/disposition/items', payload: { code: 'resolved', label: '重复' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('picklist_item_code_taken');
    const flat = await t.admin({ method: 'POST', url: '/api/v1/picklists/disposition/items', payload: { label: 'x', parentId: complaint.id } });
    expect(flat.json().error.code).toBe('picklist_not_hierarchical');
    const otherList = await t.admin({ method: 'POST', url: '/api/v1/picklists/ticket_category/items', payload: { label: 'x', parentId: find(await items('disposition'), 'resolved')!.id } });
    expect(otherList.json().error.code).toBe('picklist_parent_invalid');
    const badCode = await t.admin({ method: 'POST', url: '/api/v1/picklists/disposition/items', payload: { code: 'Bad Code', label: 'x' } });
    expect(badCode.json().error.details[0].code).toBe('invalid_item_code');
    expect((await t.admin({ method: 'POST', url: '/api/v1/picklists/nope/items', payload: { label: 'x' } })).statusCode).toBe(404);
    expect((await viewer({ method: 'POST', url: '/api/v1/picklists/disposition/items', payload: { label: 'x' } })).statusCode).toBe(403);
    expect((await t.admin({ method: 'POST', url: '/api/v1/picklists/disposition/items', payload: { label: '' } })).statusCode).toBe(400);
  });

  it('limits tree depth', async () => {
    let parentId = find(await items('ticket_category'), 'suggestion')!.id;
    for (let level = 2; level <= 5; level++) {
      const r = await t.admin({ method: 'POST', url: '/api/v1/picklists/ticket_category/items', payload: { code: `deep.${level}`, label: `L${level}`, parentId } });
      expect(r.statusCode).toBe(201);
      parentId = r.json().id;
    }
    const tooDeep = await t.admin({ method: 'POST', url: '/api/v1/picklists/ticket_category/items', payload: { label: 'L6', parentId } });
    expect(tooDeep.statusCode).toBe(400);
    expect(tooDeep.json().error.code).toBe('picklist_too_deep');
  });

  it('edits, moves and deactivates items with If-Match; deactivation hides the subtree', async () => {
    const cats = await items('ticket_category');
    const inquiry = find(cats, 'inquiry')!;
    const product = find(cats, 'inquiry.product')!;
    const url = `/api/v1/picklists/ticket_category/items/${product.id}`;
    expect((await t.admin({ method: 'PATCH', url, payload: { label: '产品信息' } })).statusCode).toBe(428);
    const renamed = await t.admin({ method: 'PATCH', url, payload: { label: '产品信息' }, headers: { 'if-match': `"${product.version}"` } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ label: '产品信息', version: product.version + 1 });
    expect((await t.admin({ method: 'PATCH', url, payload: { label: 'stale' }, headers: { 'if-match': `"${product.version}"` } })).statusCode).toBe(412);

    // a cycle: moving a parent under its own child
    const cycle = await t.admin({ method: 'PATCH', url: `/api/v1/picklists/ticket_category/items/${inquiry.id}`, payload: { parentId: product.id }, headers: { 'if-match': `"${inquiry.version}"` } });
    expect(cycle.json().error.code).toBe('picklist_parent_invalid');
    // move product under after_sales
    const afterSales = find(cats, 'after_sales')!;
    const moved = await t.admin({ method: 'PATCH', url, payload: { parentId: afterSales.id }, headers: { 'if-match': `"${product.version + 1}"` } });
    expect(moved.json().parentId).toBe(afterSales.id);

    const off = await t.admin({ method: 'PATCH', url: `/api/v1/picklists/ticket_category/items/${inquiry.id}`, payload: { active: false }, headers: { 'if-match': `"${inquiry.version}"` } });
    expect(off.statusCode).toBe(200);
    expect(off.json().children.every((c: Node) => !c.active)).toBe(true);
    expect(find(await items('ticket_category'), 'inquiry')).toBeUndefined();
    const all = await items('ticket_category', true);
    expect(find(all, 'inquiry.price')!.active).toBe(false);
    const [entry] = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'picklist_item.update').orderBy('seq', 'desc').execute();
    expect((entry.after as { deactivatedDescendants: string[] }).deactivatedDescendants).toContain('inquiry.price');

    // a child cannot come back under an inactive parent
    const price = find(all, 'inquiry.price')!;
    const back = await t.admin({ method: 'PATCH', url: `/api/v1/picklists/ticket_category/items/${price.id}`, payload: { active: true }, headers: { 'if-match': `"${price.version}"` } });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe('picklist_parent_inactive');
    expect((await t.admin({ method: 'PATCH', url: `/api/v1/picklists/ticket_category/items/${price.id}`, payload: { active: 'no' }, headers: { 'if-match': '"1"' } })).statusCode).toBe(400);
  });

  it('reorders the children of one parent', async () => {
    const reasons = await items('churn_reason', true);
    const reversed = reasons.map((r) => r.id).reverse();
    const res = await t.admin({ method: 'POST', url: '/api/v1/picklists/churn_reason/items/reorder', payload: { ids: reversed } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: Node) => r.label)).toEqual(['过失流失', '竞争流失', '恶意流失', '自然流失']);
    expect((await items('churn_reason')).map((r) => r.id)).toEqual(reversed);
    const missing = await t.admin({ method: 'POST', url: '/api/v1/picklists/churn_reason/items/reorder', payload: { ids: reversed.slice(1) } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('picklist_reorder_mismatch');
    const doubled = await t.admin({ method: 'POST', url: '/api/v1/picklists/churn_reason/items/reorder', payload: { ids: [...reversed.slice(1), reversed[1]] } });
    expect(doubled.json().error.code).toBe('picklist_reorder_mismatch');
    const [entry] = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'picklist_item.reorder').execute();
    expect(entry.after).toMatchObject({ order: ['negligence', 'competitive', 'malicious', 'natural'] });
  });

  it('creates and renames picklists', async () => {
    const res = await t.admin({ method: 'POST', url: '/api/v1/picklists', payload: { code: 'visit_result', name: '回访结果', nameEn: 'Visit results' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'visit_result', hierarchical: false, version: 1 });
    expect((await t.admin({ method: 'POST', url: '/api/v1/picklists', payload: { code: 'visit_result', name: 'x' } })).statusCode).toBe(409);
    expect((await t.admin({ method: 'POST', url: '/api/v1/picklists', payload: { code: 'Visit', name: 'x' } })).json().error.details[0].code).toBe('invalid_key');
    const renamed = await t.admin({ method: 'PATCH', url: '/api/v1/picklists/visit_result', payload: { name: '回访结论' }, headers: { 'if-match': '"1"' } });
    expect(renamed.json()).toMatchObject({ name: '回访结论', version: 2 });
    expect((await t.admin({ method: 'PATCH', url: '/api/v1/picklists/visit_result', payload: { name: 'x' }, headers: { 'if-match': '"1"' } })).statusCode).toBe(412);
    const one = await viewer({ method: 'GET', url: '/api/v1/picklists/visit_result' });
    expect(one.json()).toMatchObject({ code: 'visit_result', items: [] });
    expect((await viewer({ method: 'GET', url: '/api/v1/picklists/unknown' })).statusCode).toBe(404);
  });
});
