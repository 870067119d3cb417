import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { assertInScope, authorize, can, concealedFields, departmentInScope, inScope, presentField, scopeFilter } from './access.js';
import type { DataScope } from './db-schema.js';
import { uuidv7 } from './ids.js';
import { createTestKefu } from '../testing/harness.js';

type Ctx = Awaited<ReturnType<typeof createTestKefu>>;

describe('access control', () => {
  let ctx: Ctx;
  const d = { root: uuidv7(), a: uuidv7(), a1: uuidv7(), b: uuidv7() };
  const u = { root: uuidv7(), a: uuidv7(), a1: uuidv7(), b: uuidv7(), none: uuidv7() };

  const actor = (userId: string, departmentId: string | null, scope?: DataScope, extra: Partial<Actor> = {}): Actor => ({
    orgId: ctx.orgId,
    userId,
    username: 'x',
    displayName: 'x',
    departmentId,
    locale: 'zh-CN',
    permissions: new Set(['customers.read']),
    scopes: scope ? { users: scope } : {},
    fieldRules: {},
    roleCodes: [],
    ip: '127.0.0.1',
    ...extra,
  });

  const visible = async (a: Actor) => {
    const rows = await ctx.kefu.db
      .selectFrom('users')
      .select('id')
      .where('org_id', '=', ctx.orgId)
      .where('id', 'in', Object.values(u))
      .where(scopeFilter(a, 'users', { ownerColumn: 'users.id', departmentColumn: 'users.department_id' }))
      .execute();
    return rows.map((r) => r.id).sort();
  };

  beforeAll(async () => {
    ctx = await createTestKefu();
    const db = ctx.kefu.db;
    const dept = (id: string, parent: string | null, path: string, name: string) =>
      db.insertInto('departments').values({ org_id: ctx.orgId, id, parent_id: parent, name, path }).execute();
    await dept(d.root, null, `/${d.root}/`, '客服中心');
    await dept(d.a, d.root, `/${d.root}/${d.a}/`, '呼叫中心');
    await dept(d.a1, d.a, `/${d.root}/${d.a}/${d.a1}/`, '一班');
    await dept(d.b, d.root, `/${d.root}/${d.b}/`, '售后服务');
    const user = (id: string, dep: string | null, name: string) =>
      db.insertInto('users').values({ org_id: ctx.orgId, id, username: name, display_name: name, department_id: dep, skills: '[]' }).execute();
    await user(u.root, d.root, 'u_root');
    await user(u.a, d.a, 'u_a');
    await user(u.a1, d.a1, 'u_a1');
    await user(u.b, d.b, 'u_b');
    await user(u.none, null, 'u_none');
  });
  afterAll(async () => ctx.close());

  it('can / authorize check permissions and throw a 403 AppError', () => {
    const a = actor(u.a, d.a);
    expect(can(a, 'customers.read')).toBe(true);
    expect(can(a, ['tickets.read', 'customers.read'])).toBe(true);
    expect(can(a, 'customers.delete')).toBe(false);
    expect(() => authorize(a, 'customers.read')).not.toThrow();
    expect(() => authorize(a, 'customers.delete')).toThrow(expect.objectContaining({ status: 403, code: 'forbidden' }));
  });

  it('self scope (and a missing scope) sees only the actor', async () => {
    expect(await visible(actor(u.a, d.a, 'self'))).toEqual([u.a]);
    expect(await visible(actor(u.a, d.a))).toEqual([u.a]);
  });

  it('department scope sees the actor’s department only', async () => {
    expect(await visible(actor(u.a, d.a, 'department'))).toEqual([u.a].sort());
    expect(await visible(actor(u.root, d.root, 'department'))).toEqual([u.root]);
  });

  it('subtree scope sees the department and everything below it', async () => {
    expect(await visible(actor(u.a, d.a, 'subtree'))).toEqual([u.a, u.a1].sort());
    expect(await visible(actor(u.root, d.root, 'subtree'))).toEqual([u.root, u.a, u.a1, u.b].sort());
    expect(await visible(actor(u.a1, d.a1, 'subtree'))).toEqual([u.a1]);
  });

  it('all scope sees everyone; no department shrinks wider scopes to self', async () => {
    expect(await visible(actor(u.b, d.b, 'all'))).toEqual(Object.values(u).sort());
    expect(await visible(actor(u.none, null, 'subtree'))).toEqual([u.none]);
  });

  it('inScope / assertInScope agree with the query filter and answer 404', async () => {
    const lead = actor(u.a, d.a, 'subtree');
    expect(await inScope(ctx.kefu.db, lead, 'users', { ownerId: u.a1, departmentId: d.a1 })).toBe(true);
    expect(await inScope(ctx.kefu.db, lead, 'users', { ownerId: u.b, departmentId: d.b })).toBe(false);
    expect(await inScope(ctx.kefu.db, actor(u.a, d.a, 'department'), 'users', { ownerId: u.a1, departmentId: d.a1 })).toBe(false);
    // an object the actor owns is always theirs, whatever department it sits in
    expect(await inScope(ctx.kefu.db, actor(u.a, d.a, 'department'), 'users', { ownerId: u.a, departmentId: d.b })).toBe(true);
    await expect(assertInScope(ctx.kefu.db, lead, 'users', { ownerId: u.b, departmentId: d.b }, 'user')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });

  it('departmentInScope limits where objects may be placed', async () => {
    const db = ctx.kefu.db;
    expect(await departmentInScope(db, actor(u.a, d.a, 'subtree'), 'users', d.a1)).toBe(true);
    expect(await departmentInScope(db, actor(u.a, d.a, 'subtree'), 'users', d.b)).toBe(false);
    expect(await departmentInScope(db, actor(u.a, d.a, 'department'), 'users', d.a1)).toBe(false);
    expect(await departmentInScope(db, actor(u.a, d.a, 'self'), 'users', d.a)).toBe(false);
    expect(await departmentInScope(db, actor(u.a, d.a, 'all'), 'users', null)).toBe(true);
  });

  it('presentField shows, masks (the default) or hides', () => {
    const show = actor(u.a, d.a, 'self', { fieldRules: { phone: 'show' } });
    const hide = actor(u.a, d.a, 'self', { fieldRules: { phone: 'hide', email: 'mask' } });
    const none = actor(u.a, d.a);
    expect(presentField(show, 'phone', '13812345678')).toBe('13812345678');
    expect(presentField(none, 'phone', '13812345678')).toBe('138****5678');
    expect(presentField(hide, 'phone', '13812345678')).toBeNull();
    expect(presentField(hide, 'email', 'zhangwei@example.com')).toBe('z***@example.com');
    expect(presentField(none, 'id_number', '110101199003071234')).toBe('110101********1234');
    expect(presentField(none, 'phone', null)).toBeNull();
    expect(concealedFields(show, { phone: '13812345678', email: 'a@b.cn', address: null })).toEqual({ masked: ['email'], hidden: [] });
    expect(concealedFields(hide, { phone: '13812345678', email: 'a@b.cn', address: '' })).toEqual({ masked: ['email'], hidden: ['phone'] });
  });
});
