import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, ok, type OrgTest, setupOrg } from '../org/org.fixtures.js';
import { uuidv7 } from '../../platform/ids.js';
import { MAX_COUNTED_VIEWS } from './ticket-views.service.js';
import { createTicket, deskAgent } from './tickets.fixtures.js';

type View = { id: string; name: string; shared: boolean; mine: boolean; editable: boolean; count: number | null; stale: boolean; version: number; filters: Record<string, string>; ownerName: string | null };

describe('ticket views: saved, shared, with live counts', () => {
  let t: OrgTest;
  let ann: Awaited<ReturnType<typeof deskAgent>>;
  let bob: Awaited<ReturnType<typeof deskAgent>>;
  const views = async (call: OrgTest['admin']) => ok<View[]>(await call({ method: 'GET', url: '/api/v1/ticket-views' }));
  const save = (call: OrgTest['admin'], payload: Record<string, unknown>) => call({ method: 'POST', url: '/api/v1/ticket-views', payload });

  beforeAll(async () => {
    t = await setupOrg();
    ann = await deskAgent(t, 'view_ann');
    bob = await deskAgent(t, 'view_bob');
    await createTicket(t.admin, { subject: '管理员的投诉', type: 'complaint', priority: 'urgent', tags: ['视图'] });
    await createTicket(t.admin, { subject: '分给 ann 的投诉', type: 'complaint', priority: 'urgent', assigneeId: ann.id, tags: ['视图'] });
    await createTicket(t.admin, { subject: '分给 ann 的咨询', assigneeId: ann.id, tags: ['视图'] });
  });
  afterAll(async () => t.close());

  it('saves private and shared views; counts follow each caller’s data scope', async () => {
    const urgent = ok<View>(await save(t.admin, { name: '紧急投诉', shared: true, filters: { view: 'all', type: 'complaint', priority: 'urgent', tag: '视图', sort: 'due' } }), 201);
    expect(urgent).toMatchObject({ name: '紧急投诉', shared: true, mine: true, editable: true, count: 2, stale: false, version: 1 });
    const mineOnly = ok<View>(await save(t.admin, { name: '视图标签', filters: { view: 'all', tag: '视图' } }), 201);
    expect(mineOnly).toMatchObject({ shared: false, count: 3 });
    expect(await auditRows(t, 'ticket_view.create', urgent.id)).toHaveLength(1);

    // the admin sees both, own first
    expect((await views(t.admin)).map((v) => [v.name, v.count])).toEqual([
      ['紧急投诉', 2],
      ['视图标签', 3],
    ]);
    // ann (本人 scope) sees the shared one only, counted over what she may see; not editable by her
    const annViews = await views(ann.call);
    expect(annViews).toEqual([expect.objectContaining({ id: urgent.id, mine: false, editable: false, count: 1, ownerName: expect.any(String) })]);
    // her own private view with the same filters as a list query gives the same number as the list
    const annOwn = ok<View>(await save(ann.call, { name: 'My open', filters: { view: 'all_open', tag: '视图' } }), 201);
    const list = ok(await ann.call({ method: 'GET', url: `/api/v1/tickets?view=all_open&tag=${encodeURIComponent('视图')}` }));
    expect(annOwn.count).toBe(list.items.length);
    expect(annOwn.count).toBe(2);
    // bob sees no ticket, so the shared view counts 0 for him, and ann's private view is not his
    expect((await views(bob.call)).map((v) => [v.name, v.count])).toEqual([['紧急投诉', 0]]);
    expect((await bob.call({ method: 'PATCH', url: `/api/v1/ticket-views/${annOwn.id}`, headers: { 'if-match': '"1"' }, payload: { name: 'x' } })).statusCode).toBe(404);
  });

  it('lets only the owner or a ticket administrator rename or delete a view', async () => {
    const shared = (await views(ann.call)).find((v) => v.name === '紧急投诉')!;
    const denied = await ann.call({ method: 'DELETE', url: `/api/v1/ticket-views/${shared.id}` });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toBe('只有视图创建者或工单管理员可以修改');
    expect((await ann.call({ method: 'PATCH', url: `/api/v1/ticket-views/${shared.id}`, headers: { 'if-match': `"${shared.version}"` }, payload: { name: '改名' } })).statusCode).toBe(403);

    const own = (await views(ann.call)).find((v) => v.name === 'My open')!;
    const renamed = ok<View>(await ann.call({ method: 'PATCH', url: `/api/v1/ticket-views/${own.id}`, headers: { 'if-match': '"1"' }, payload: { name: '我的待办', shared: true } }));
    expect(renamed).toMatchObject({ name: '我的待办', shared: true, version: 2, count: 2 });
    expect((await ann.call({ method: 'PATCH', url: `/api/v1/ticket-views/${own.id}`, headers: { 'if-match': '"1"' }, payload: { name: 'stale' } })).statusCode).toBe(412);
    // now shared: bob sees it, counted in his own scope
    expect((await views(bob.call)).find((v) => v.id === own.id)).toMatchObject({ count: 0, mine: false });
    // the administrator configures tickets, so may change a colleague's shared view
    const byAdmin = (await views(t.admin)).find((v) => v.id === own.id)!;
    expect(byAdmin.editable).toBe(true);
    ok(await t.admin({ method: 'PATCH', url: `/api/v1/ticket-views/${own.id}`, headers: { 'if-match': '"2"' }, payload: { name: '安的待办' } }));
    expect((await ann.call({ method: 'DELETE', url: `/api/v1/ticket-views/${own.id}` })).statusCode).toBe(204);
    expect((await views(ann.call)).some((v) => v.id === own.id)).toBe(false);
    expect(await auditRows(t, 'ticket_view.delete', own.id)).toHaveLength(1);
  });

  it('refuses filters the list would refuse, unknown references and duplicate names (400, per field, localized)', async () => {
    const bad = await save(t.admin, { name: '坏视图', filters: { status: 'new,bogus', sort: 'subject' } });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json().error.details as { path: string[] }[]).map((d) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['body.filters.status.1', 'body.filters.sort']));
    expect((await save(t.admin, { name: 'x', filters: { limit: '10' } })).statusCode).toBe(400);
    expect((await save(t.admin, { name: '  ', filters: {} })).statusCode).toBe(400);
    expect((await save(t.admin, { name: 'x', filters: {}, ownerId: bob.id })).statusCode).toBe(400);
    const gone = await save(t.admin, { name: '不存在的团队', filters: { teamId: uuidv7() } });
    expect(gone.statusCode).toBe(400);
    expect(gone.json().error.details).toEqual([expect.objectContaining({ path: ['body', 'filters', 'teamId'], message: '团队不存在或已停用' })]);
    const dup = await save(t.admin, { name: '紧急投诉', filters: {} });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details[0]).toMatchObject({ path: ['body', 'name'], message: '已有同名视图，请换一个名称' });
  });

  it('lists a view whose filters no longer hold as stale, with no count, and still lets its owner rename or delete it', async () => {
    const id = uuidv7();
    const teamId = uuidv7();
    await t.kefu.db
      .insertInto('saved_views')
      .values([
        { org_id: t.orgId, id, entity: 'ticket', kind: 'view', owner_id: t.adminId, name: '旧的视图', shared: false, definition: { filters: { status: 'archived' } } },
        { org_id: t.orgId, id: uuidv7(), entity: 'ticket', kind: 'view', owner_id: t.adminId, name: '已删团队', shared: false, definition: { filters: { teamId } } },
        { org_id: t.orgId, id: uuidv7(), entity: 'customer', kind: 'view', owner_id: t.adminId, name: '客户视图', shared: true, definition: {} },
      ])
      .execute();
    const list = await views(t.admin);
    expect(list.find((v) => v.name === '旧的视图')).toMatchObject({ stale: true, count: null });
    expect(list.find((v) => v.name === '已删团队')).toMatchObject({ stale: true, count: null });
    expect(list.find((v) => v.name === '紧急投诉')).toMatchObject({ stale: false, count: 2 });
    expect(list.some((v) => v.name === '客户视图')).toBe(false);
    const renamed = ok<View>(await t.admin({ method: 'PATCH', url: `/api/v1/ticket-views/${id}`, headers: { 'if-match': '"1"' }, payload: { name: '旧的视图（待修）' } }));
    expect(renamed).toMatchObject({ stale: true, count: null });
    const fixed = ok<View>(await t.admin({ method: 'PATCH', url: `/api/v1/ticket-views/${id}`, headers: { 'if-match': '"2"' }, payload: { filters: { status: 'new' } } }));
    expect(fixed).toMatchObject({ stale: false, count: expect.any(Number) });
  });

  it(`counts at most ${MAX_COUNTED_VIEWS} views a request; the rest list without a count`, async () => {
    await t.kefu.db
      .insertInto('saved_views')
      .values(Array.from({ length: MAX_COUNTED_VIEWS + 2 }, (_, i) => ({ org_id: t.orgId, id: uuidv7(), entity: 'ticket' as const, kind: 'view' as const, owner_id: bob.id, name: `批量 ${String(i).padStart(2, '0')}`, shared: false, definition: { filters: { view: 'all' } } })))
      .execute();
    const list = await views(bob.call);
    const counted = list.filter((v) => v.count !== null);
    expect(counted).toHaveLength(MAX_COUNTED_VIEWS);
    expect(list.filter((v) => v.count === null && !v.stale).length).toBe(list.length - MAX_COUNTED_VIEWS);
  });
});
