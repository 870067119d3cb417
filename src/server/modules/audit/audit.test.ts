import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../platform/audit.js';
import { startTestApp, type TestApp } from '../config/config.testing.js';

type Item = { seq: number; action: string; actor: { id: string | null; name: string | null }; entity: { type: string | null; id: string | null }; at: string };

describe('audit log API', () => {
  let t: TestApp;
  let auditor: Awaited<ReturnType<TestApp['userWith']>>;
  let agent: Awaited<ReturnType<TestApp['userWith']>>;
  let calendarId: string;

  beforeAll(async () => {
    t = await startTestApp();
    auditor = await t.userWith(['audit.read'], { locale: 'en', name: 'Audrey Auditor' });
    agent = await t.userWith([]);
    const week = [[{ start: '09:00', end: '18:00' }], [], [], [], [], [], []];
    const cal = await t.admin({ method: 'POST', url: '/api/v1/calendars', payload: { name: '审计测试', weeklyHours: week } });
    calendarId = cal.json().id;
    await t.admin({ method: 'PATCH', url: `/api/v1/calendars/${calendarId}`, payload: { name: '审计测试2' }, headers: { 'if-match': '"1"' } });
    await t.admin({ method: 'PUT', url: `/api/v1/calendars/${calendarId}/days/2026-10-01`, payload: { kind: 'holiday', name: '国庆节' } });
    // entries from other actors, written the way other modules write them
    for (let i = 0; i < 5; i++) {
      await t.db.transaction().execute((tx) =>
        recordAudit(tx, { orgId: t.orgId, action: 'user.update', entityType: 'user', entityId: `u-${i}`, actorId: auditor.userId, actorName: '王小明', ip: '10.1.2.3', after: { i } }),
      );
    }
    await t.db.transaction().execute((tx) => recordAudit(tx, { orgId: t.orgId, action: 'user_group.create', entityType: 'user_group', entityId: '100%_off', actorName: 'x' }));
    await t.db.transaction().execute((tx) =>
      recordAudit(tx, { orgId: t.orgId, action: 'contact.update', entityType: 'contact', entityId: 'ct-1', before: { phone: '13812345678', name: '赵六' }, after: { contacts: [{ phone: '13987654321' }] } }),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  const list = async (query = ''): Promise<{ items: Item[]; nextCursor: string | null }> => {
    const res = await auditor({ method: 'GET', url: `/api/v1/audit${query}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('needs audit.read', async () => {
    expect((await agent({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
    expect((await agent({ method: 'GET', url: '/api/v1/audit/verify' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
  });

  it('lists newest first with the full entry shape', async () => {
    const { items } = await list();
    const seqs = items.map((i) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const create = items.find((i) => i.action === 'calendar.create')!;
    expect(create).toMatchObject({
      actor: { id: t.admin.userId, name: '系统管理员' },
      entity: { type: 'calendar', id: calendarId },
      before: null,
      reason: null,
    });
    expect(create).toHaveProperty('ip');
    expect((create as unknown as { after: { name: string } }).after.name).toBe('审计测试');
    expect((create as unknown as { hash: string }).hash).toMatch(/^[0-9a-f]{64}$/);
    const one = await auditor({ method: 'GET', url: `/api/v1/audit/${create.seq}` });
    expect(one.json()).toEqual(create);
    expect((await auditor({ method: 'GET', url: '/api/v1/audit/999999' })).statusCode).toBe(404);
  });

  it('masks personal data in before/after by the reader’s field rules', async () => {
    const masked = (await list('?action=contact.update')).items[0] as unknown as { before: { phone: string; name: string }; after: { contacts: { phone: string }[] } };
    expect(masked.before).toEqual({ phone: '138****5678', name: '赵六' });
    expect(masked.after.contacts[0].phone).toBe('139****4321');
    const full = (await t.admin({ method: 'GET', url: '/api/v1/audit?action=contact.update' })).json().items[0];
    expect(full.before.phone).toBe('13812345678');
  });

  it('pages with a cursor through every entry exactly once', async () => {
    const all = (await list('?limit=200')).items.map((i) => i.seq);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('filters by actor, action, action prefix, entity, time and text', async () => {
    expect((await list(`?actorId=${auditor.userId}`)).items).toHaveLength(5);
    expect((await list('?action=calendar.update')).items.map((i) => i.action)).toEqual(['calendar.update']);
    const prefix = (await list('?action=calendar.')).items.map((i) => i.action);
    expect(new Set(prefix)).toEqual(new Set(['calendar.create', 'calendar.update', 'calendar.day.set']));
    expect((await list('?action=calendar.*')).items).toHaveLength(prefix.length);
    // `user.` is not `user_group.`: the dot is literal, and `_` is no wildcard
    expect(new Set((await list('?action=user.')).items.map((i) => i.action))).toEqual(new Set(['user.update']));
    expect((await list(`?entityType=calendar&entityId=${calendarId}`)).items).toHaveLength(3);
    expect((await list('?q=王小')).items).toHaveLength(5);
    expect((await list('?q=u-3')).items.map((i) => i.entity.id)).toEqual(['u-3']);
    expect((await list('?q=100%25')).items.map((i) => i.entity.id)).toEqual(['100%_off']);
    expect((await list('?q=%25')).items.map((i) => i.entity.id)).toEqual(['100%_off']);
    const newest = (await list('?limit=1')).items[0];
    expect((await list(`?from=${encodeURIComponent(newest.at)}`)).items.map((i) => i.seq)).toContain(newest.seq);
    expect((await list('?to=2000-01-01T00:00:00Z')).items).toEqual([]);
    expect((await list('?from=2999-01-01T00:00:00%2B08:00')).items).toEqual([]);
  });

  it('refuses bad filters', async () => {
    for (const q of ['?from=yesterday', '?actorId=nobody', '?limit=0', '?limit=1000', '?cursor=zzz', '?sort=seq', `?cursor=${Buffer.from('{"v":"x","id":"1"}').toString('base64url')}`]) {
      const res = await auditor({ method: 'GET', url: `/api/v1/audit${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('validation');
    }
  });

  it('lists the distinct actions for a filter', async () => {
    const res = await auditor({ method: 'GET', url: '/api/v1/audit/actions' });
    expect(res.statusCode).toBe(200);
    const actions: string[] = res.json().items;
    expect(actions).toEqual([...actions].sort());
    expect(actions).toEqual(expect.arrayContaining(['calendar.create', 'calendar.day.set', 'calendar.update', 'user.update', 'user_group.create']));
    expect(new Set(actions).size).toBe(actions.length);
  });

  it('verifies the chain, and reports the first broken link after tampering', async () => {
    const ok = await auditor({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(ok.statusCode).toBe(200);
    const good = ok.json();
    expect(good).toMatchObject({ ok: true });
    expect(good.checked).toBeGreaterThanOrEqual(9);
    expect(good.message).toBe(`Audit chain intact: ${good.checked} entries verified`);
    const target = (await list('?action=calendar.update')).items[0].seq;
    await sql`UPDATE audit_log SET after = '{"name":"篡改"}' WHERE org_id = ${t.orgId} AND seq = ${target}`.execute(t.db);
    const bad = (await auditor({ method: 'GET', url: '/api/v1/audit/verify' })).json();
    expect(bad).toMatchObject({ ok: false, firstBrokenSeq: target, reason: 'hash_mismatch' });
    expect(bad.message).toContain(`entry ${target}`);
    const zh = (await t.admin({ method: 'GET', url: '/api/v1/audit/verify' })).json();
    expect(zh.message).toContain(`第 ${target} 条`);
  });
});
