import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBusinessCalendar } from './calendars.service.js';
import { startTestApp, type TestApp } from './config.testing.js';

const DAY = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];
const WEEK = [DAY, DAY, DAY, DAY, DAY, [], []];

describe('business calendars API', () => {
  let t: TestApp;
  let viewer: Awaited<ReturnType<TestApp['userWith']>>;
  let defaultId: string;

  beforeAll(async () => {
    t = await startTestApp();
    viewer = await t.userWith([], { locale: 'en' });
    const list = await t.admin({ method: 'GET', url: '/api/v1/calendars' });
    defaultId = list.json().items[0].id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const auditOf = (action: string) =>
    t.db.selectFrom('audit_log').selectAll().where('org_id', '=', t.orgId).where('action', '=', action).orderBy('seq', 'desc').execute();

  it('lists the bootstrap default calendar to any signed-in user', async () => {
    const res = await viewer({ method: 'GET', url: '/api/v1/calendars' });
    expect(res.statusCode).toBe(200);
    const [cal] = res.json().items;
    expect(cal).toMatchObject({ name: '标准工作日历', timezone: 'Asia/Shanghai', isDefault: true, version: 1, weeklyHours: WEEK });
    const one = await viewer({ method: 'GET', url: `/api/v1/calendars/${cal.id}` });
    expect(one.statusCode).toBe(200);
    expect(one.headers.etag).toBe('"1"');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/calendars' })).statusCode).toBe(401);
  });

  it('creates a calendar (audited) and refuses it without the permission', async () => {
    const body = { name: '7×24 热线', timezone: 'Asia/Shanghai', weeklyHours: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]) };
    expect((await viewer({ method: 'POST', url: '/api/v1/calendars', payload: body })).statusCode).toBe(403);
    const res = await t.admin({ method: 'POST', url: '/api/v1/calendars', payload: body });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '7×24 热线', isDefault: false, version: 1 });
    const [entry] = await auditOf('calendar.create');
    expect(entry).toMatchObject({ entity_type: 'calendar', entity_id: res.json().id, actor_name: '系统管理员' });
    expect(entry.after).toMatchObject({ name: '7×24 热线' });
  });

  it('refuses bad input with field-level messages', async () => {
    const bad = async (payload: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const res = await t.admin({ method: 'POST', url: '/api/v1/calendars', payload, headers });
      expect(res.statusCode).toBe(400);
      return res.json().error;
    };
    const tz = await bad({ name: 'x', timezone: 'Mars/Olympus', weeklyHours: WEEK });
    expect(tz.details).toEqual([{ path: ['body', 'timezone'], code: 'invalid_timezone', message: '“Mars/Olympus”不是有效的时区（例如 Asia/Shanghai）' }]);
    const overlap = await bad({ name: 'x', weeklyHours: [[{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }], [], [], [], [], [], []] }, { 'accept-language': 'en' });
    expect(overlap.details[0]).toMatchObject({ path: ['body', 'weeklyHours', 0, 1], code: 'time_overlap' });
    expect(overlap.details[0].message).toContain('11:00–13:00');
    const order = await bad({ name: 'x', weeklyHours: [[{ start: '18:00', end: '09:00' }], [], [], [], [], [], []] });
    expect(order.details[0]).toMatchObject({ path: ['body', 'weeklyHours', 0, 0], code: 'time_order' });
    const format = await bad({ name: 'x', weeklyHours: [[{ start: '9:00', end: '25:00' }], [], [], [], [], [], []] });
    expect(format.details[0].code).toBe('time_format');
    expect((await bad({ name: 'x', weeklyHours: [[], [], [], [], [], [], []] })).details[0].code).toBe('no_working_hours');
    expect((await bad({ name: 'x', weeklyHours: [DAY] })).details[0].path).toEqual(['body', 'weeklyHours']);
    expect((await bad({ name: 'x', weeklyHours: WEEK, org_id: 'x' })).details[0].code).toBe('unrecognized_keys');
    expect((await bad({ name: '', weeklyHours: WEEK })).details[0].path).toEqual(['body', 'name']);
  });

  it('updates with If-Match: 428 without, 412 when stale', async () => {
    const created = (await t.admin({ method: 'POST', url: '/api/v1/calendars', payload: { name: '售后', weeklyHours: WEEK } })).json();
    const url = `/api/v1/calendars/${created.id}`;
    expect((await t.admin({ method: 'PATCH', url, payload: { name: '售后服务' } })).statusCode).toBe(428);
    const ok = await t.admin({ method: 'PATCH', url, payload: { name: '售后服务', timezone: 'Asia/Urumqi' }, headers: { 'if-match': '"1"' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '售后服务', timezone: 'Asia/Urumqi', version: 2 });
    expect(ok.headers.etag).toBe('"2"');
    const stale = await t.admin({ method: 'PATCH', url, payload: { name: 'again' }, headers: { 'if-match': '"1"' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('version_conflict');
    const [entry] = await auditOf('calendar.update');
    expect(entry.before).toMatchObject({ name: '售后', version: 1 });
    expect(entry.after).toMatchObject({ name: '售后服务', version: 2 });
    expect((await t.admin({ method: 'PATCH', url, payload: { timezone: 'Nowhere/City' }, headers: { 'if-match': '"2"' } })).statusCode).toBe(400);
    expect((await t.admin({ method: 'PATCH', url: `/api/v1/calendars/${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}`, payload: { name: 'n' }, headers: { 'if-match': '"1"' } })).statusCode).toBe(404);
  });

  it('keeps exactly one default, switching atomically, and refuses deleting or clearing it', async () => {
    const other = (await t.admin({ method: 'POST', url: '/api/v1/calendars', payload: { name: '华南区', weeklyHours: WEEK } })).json();
    const current = (await t.admin({ method: 'GET', url: `/api/v1/calendars/${defaultId}` })).json();
    const clear = await t.admin({ method: 'PATCH', url: `/api/v1/calendars/${defaultId}`, payload: { isDefault: false }, headers: { 'if-match': `"${current.version}"` } });
    expect(clear.statusCode).toBe(409);
    expect(clear.json().error.code).toBe('calendar_default_required');
    const del = await t.admin({ method: 'DELETE', url: `/api/v1/calendars/${defaultId}` });
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('calendar_is_default');

    const sw = await t.admin({ method: 'PATCH', url: `/api/v1/calendars/${other.id}`, payload: { isDefault: true }, headers: { 'if-match': '"1"' } });
    expect(sw.statusCode).toBe(200);
    const all = (await t.admin({ method: 'GET', url: '/api/v1/calendars' })).json().items;
    expect(all.filter((c: { isDefault: boolean }) => c.isDefault).map((c: { id: string }) => c.id)).toEqual([other.id]);
    expect(all[0].id).toBe(other.id);
    // the previous default was changed too: its version moved and the change is audited
    const old = all.find((c: { id: string }) => c.id === defaultId);
    expect(old.version).toBe(current.version + 1);
    // the old default can now be deleted; the new one cannot
    expect((await t.admin({ method: 'DELETE', url: `/api/v1/calendars/${other.id}` })).statusCode).toBe(409);
    // switch back for the following tests
    const back = await t.admin({ method: 'PATCH', url: `/api/v1/calendars/${defaultId}`, payload: { isDefault: true }, headers: { 'if-match': `"${old.version}"` } });
    expect(back.statusCode).toBe(200);
    // a new calendar created as default takes the flag
    const created = await t.admin({ method: 'POST', url: '/api/v1/calendars', payload: { name: '新默认', weeklyHours: WEEK, isDefault: true } });
    expect(created.json().isDefault).toBe(true);
    const defaults = await t.db.selectFrom('calendars').select('id').where('org_id', '=', t.orgId).where('is_default', '=', true).execute();
    expect(defaults.map((d) => d.id)).toEqual([created.json().id]);
    const restore = (await t.admin({ method: 'GET', url: `/api/v1/calendars/${defaultId}` })).json();
    await t.admin({ method: 'PATCH', url: `/api/v1/calendars/${defaultId}`, payload: { isDefault: true }, headers: { 'if-match': `"${restore.version}"` } });
    expect((await t.admin({ method: 'DELETE', url: `/api/v1/calendars/${created.json().id}`, headers: { 'if-match': '"1"' } })).statusCode).toBe(412);
    expect((await t.admin({ method: 'DELETE', url: `/api/v1/calendars/${created.json().id}` })).statusCode).toBe(204);
    expect((await t.admin({ method: 'GET', url: `/api/v1/calendars/${created.json().id}` })).statusCode).toBe(404);
    const [entry] = await auditOf('calendar.delete');
    expect(entry.before).toMatchObject({ name: '新默认', days: [] });
  });

  it('switches the default safely when two administrators do it at once', async () => {
    const [a, b] = await Promise.all(['甲', '乙'].map(async (name) => (await t.admin({ method: 'POST', url: '/api/v1/calendars', payload: { name, weeklyHours: WEEK } })).json()));
    const results = await Promise.all([a, b].map((c) => t.admin({ method: 'PATCH', url: `/api/v1/calendars/${c.id}`, payload: { isDefault: true }, headers: { 'if-match': '"1"' } })));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const defaults = await t.db.selectFrom('calendars').select('id').where('org_id', '=', t.orgId).where('is_default', '=', true).execute();
    expect(defaults).toHaveLength(1);
    expect([a.id, b.id]).toContain(defaults[0].id);
    const current = (await t.admin({ method: 'GET', url: `/api/v1/calendars/${defaultId}` })).json();
    const back = await t.admin({ method: 'PATCH', url: `/api/v1/calendars/${defaultId}`, payload: { isDefault: true }, headers: { 'if-match': `"${current.version}"` } });
    expect(back.statusCode).toBe(200);
  });

  it('sets, lists and removes day overrides', async () => {
    const base = `/api/v1/calendars/${defaultId}/days`;
    const put = await t.admin({ method: 'PUT', url: `${base}/2026-10-01`, payload: { kind: 'holiday', name: '国庆节' } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节', hours: null });
    const makeup = await t.admin({ method: 'PUT', url: `${base}/2026-09-20`, payload: { kind: 'workday', name: '调休', hours: [{ start: '10:00', end: '16:00' }] } });
    expect(makeup.json().hours).toEqual([{ start: '10:00', end: '16:00' }]);
    // overwrite: same date, new values
    const again = await t.admin({ method: 'PUT', url: `${base}/2026-09-20`, payload: { kind: 'workday', name: '国庆调休', hours: null } });
    expect(again.json()).toEqual({ date: '2026-09-20', kind: 'workday', name: '国庆调休', hours: null });
    const [entry] = await auditOf('calendar.day.set');
    expect(entry.before).toMatchObject({ date: '2026-09-20', name: '调休' });
    expect(entry.after).toMatchObject({ date: '2026-09-20', name: '国庆调休' });
    await t.admin({ method: 'PUT', url: `${base}/2027-01-01`, payload: { kind: 'holiday', name: '元旦' } });
    const year = await viewer({ method: 'GET', url: `${base}?year=2026` });
    expect(year.json().items.map((d: { date: string }) => d.date)).toEqual(['2026-09-20', '2026-10-01']);
    expect((await viewer({ method: 'GET', url: base })).json().items).toHaveLength(3);
    expect((await t.admin({ method: 'DELETE', url: `${base}/2027-01-01` })).statusCode).toBe(204);
    expect((await t.admin({ method: 'DELETE', url: `${base}/2027-01-01` })).statusCode).toBe(404);
    expect((await viewer({ method: 'PUT', url: `${base}/2026-10-02`, payload: { kind: 'holiday' } })).statusCode).toBe(403);
  });

  it('refuses bad days: impossible dates, hours on a holiday, bad kinds, bad ranges', async () => {
    const base = `/api/v1/calendars/${defaultId}/days`;
    const feb30 = await t.admin({ method: 'PUT', url: `${base}/2026-02-30`, payload: { kind: 'holiday' } });
    expect(feb30.statusCode).toBe(400);
    expect(feb30.json().error.details[0]).toMatchObject({ path: ['params', 'date'], code: 'invalid_date' });
    expect((await t.admin({ method: 'PUT', url: `${base}/26-1-1`, payload: { kind: 'holiday' } })).statusCode).toBe(400);
    const hol = await t.admin({ method: 'PUT', url: `${base}/2026-10-02`, payload: { kind: 'holiday', hours: [{ start: '09:00', end: '12:00' }] } });
    expect(hol.json().error.details[0].code).toBe('hours_only_workday');
    expect((await t.admin({ method: 'PUT', url: `${base}/2026-10-02`, payload: { kind: 'weekend' } })).statusCode).toBe(400);
    const overlap = await t.admin({
      method: 'PUT',
      url: `${base}/2026-10-02`,
      payload: { kind: 'workday', hours: [{ start: '09:00', end: '12:00' }, { start: '08:00', end: '10:00' }] },
    });
    expect(overlap.json().error.details[0]).toMatchObject({ path: ['body', 'hours', 1], code: 'time_overlap' });
    expect((await t.admin({ method: 'GET', url: `${base}?year=abc` })).statusCode).toBe(400);
    expect((await t.admin({ method: 'GET', url: `/api/v1/calendars/not-a-uuid/days` })).statusCode).toBe(400);
  });

  it('imports a year of holidays and make-up days all or nothing', async () => {
    const created = (await t.admin({ method: 'POST', url: '/api/v1/calendars', payload: { name: '导入测试', weeklyHours: WEEK } })).json();
    const url = `/api/v1/calendars/${created.id}/days/import`;
    const days = [
      ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2026-10-0${d}`, kind: 'holiday', name: '国庆节' })),
      { date: '2026-09-20', kind: 'workday', name: '国庆节调休' },
      { date: '2026-10-10', kind: 'workday', name: '国庆节调休' },
    ];
    const bad = await t.admin({ method: 'POST', url, payload: { days: [...days, { date: '2026-02-30', kind: 'holiday', name: 'x' }, { date: '2026-10-01', kind: 'holiday', name: 'dup' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { code: string }) => d.code)).toEqual(['invalid_date', 'duplicate_date']);
    expect(bad.json().error.details[1].path).toEqual(['body', 'days', 10, 'date']);
    expect((await t.admin({ method: 'GET', url: `/api/v1/calendars/${created.id}/days` })).json().items).toEqual([]);

    const ok = await t.admin({ method: 'POST', url, payload: { days } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ imported: 9, replaced: 0 });
    expect(ok.json().items[0]).toEqual({ date: '2026-09-20', kind: 'workday', name: '国庆节调休', hours: null });
    // replace: a corrected schedule drops the year's old overrides
    const fixed = await t.admin({ method: 'POST', url, payload: { replace: true, days: [{ date: '2026-10-08', kind: 'holiday', name: '国庆节' }] } });
    expect(fixed.json()).toMatchObject({ imported: 1, replaced: 9 });
    expect((await t.admin({ method: 'GET', url: `/api/v1/calendars/${created.id}/days?year=2026` })).json().items.map((d: { date: string }) => d.date)).toEqual(['2026-10-08']);
    const [entry] = await auditOf('calendar.days.import');
    expect((entry.before as { days: unknown[] }).days).toHaveLength(9);
    expect((await t.admin({ method: 'POST', url, payload: { days: [] } })).statusCode).toBe(400);
  });

  it('previews a due time with the intervals counted, honouring overrides', async () => {
    const created = (await t.admin({ method: 'POST', url: '/api/v1/calendars', payload: { name: '预览', weeklyHours: WEEK } })).json();
    await t.admin({
      method: 'POST',
      url: `/api/v1/calendars/${created.id}/days/import`,
      payload: { days: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2026-10-0${d}`, kind: 'holiday', name: '国庆节' })) },
    });
    const res = await viewer({ method: 'GET', url: `/api/v1/calendars/${created.id}/preview?start=${encodeURIComponent('2026-09-30T17:00:00+08:00')}&minutes=120` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ due: '2026-10-08T02:00:00.000Z', minutes: 120, timezone: 'Asia/Shanghai' });
    expect(res.json().intervals).toEqual([
      { date: '2026-09-30', start: '2026-09-30T09:00:00.000Z', end: '2026-09-30T10:00:00.000Z', from: '13:30', to: '18:00', minutes: 60 },
      { date: '2026-10-08', start: '2026-10-08T01:00:00.000Z', end: '2026-10-08T02:00:00.000Z', from: '09:00', to: '12:00', minutes: 60 },
    ]);
    expect((await viewer({ method: 'GET', url: `/api/v1/calendars/${created.id}/preview?start=yesterday&minutes=5` })).statusCode).toBe(400);
    expect((await viewer({ method: 'GET', url: `/api/v1/calendars/${created.id}/preview?start=2026-01-01T00:00:00Z&minutes=-5` })).statusCode).toBe(400);
    // the same data through the service the SLA engine will use
    const loaded = await loadBusinessCalendar(t.db, t.orgId, created.id, { from: new Date('2026-09-30T00:00:00Z') });
    expect(loaded?.calendar.overrides instanceof Map && loaded.calendar.overrides.size).toBe(7);
    const def = await loadBusinessCalendar(t.db, t.orgId, null);
    expect(def?.id).toBe(defaultId);
  });
});
