import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECOMMENDED_STANDARDS } from '../../../shared/service-metrics.js';
import { insertTicket } from '../automations/automations.fixtures.js';
import { auditRows, createRole, ok, type OrgTest, setupOrg, userAs } from '../org/org.fixtures.js';

/** Beijing wall time → instant. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('service standards', () => {
  let t: OrgTest;
  beforeAll(async () => {
    t = await setupOrg();
    const weekdays = [...Array.from({ length: 5 }, () => [{ start: '09:00', end: '18:00' }]), [], []];
    ok(await t.admin({ method: 'POST', url: '/api/v1/calendars', payload: { name: '工作日 9-18', weeklyHours: weekdays, isDefault: true } }), 201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('loads the recommended standards once, and manages them with audit', async () => {
    const loaded = ok(await t.admin({ method: 'POST', url: '/api/v1/service-standards/load-recommended' }));
    expect(loaded.added).toBe(RECOMMENDED_STANDARDS.length);
    expect(ok(await t.admin({ method: 'POST', url: '/api/v1/service-standards/load-recommended' })).added).toBe(0);
    const list = ok(await t.admin({ method: 'GET', url: '/api/v1/service-standards' })).items;
    const email = list.find((s: { channel: string; metric: string }) => s.channel === 'email' && s.metric === 'first_response_hours');
    expect(email).toMatchObject({ target: 4, goalPercent: 90, active: true, version: 1 });
    const patched = ok(await t.admin({ method: 'PATCH', url: `/api/v1/service-standards/${email.id}`, payload: { goalPercent: 80 }, headers: { 'if-match': '"1"' } }));
    expect(patched).toMatchObject({ goalPercent: 80, version: 2 });
    expect(ok(await t.admin({ method: 'PATCH', url: `/api/v1/service-standards/${email.id}`, payload: { goalPercent: 90 }, headers: { 'if-match': '"2"' } })).goalPercent).toBe(90);
    expect((await t.admin({ method: 'POST', url: '/api/v1/service-standards', payload: { channel: 'email', metric: 'first_response_hours', target: 3 } })).statusCode).toBe(409);
    const bad = await t.admin({ method: 'POST', url: '/api/v1/service-standards', payload: { channel: 'email', metric: 'answer_seconds', target: 15 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toEqual(['body', 'channel']);
    const bad2 = await t.admin({ method: 'POST', url: '/api/v1/service-standards', payload: { channel: 'fax', metric: 'csat_percent', target: -1 } });
    expect(bad2.json().error.details.map((d: { path: string[] }) => d.path.join('.'))).toEqual(['body.channel', 'body.target']);
    const chat = ok(await t.admin({ method: 'POST', url: '/api/v1/service-standards', payload: { channel: 'chat', metric: 'first_response_hours', target: 1 } }), 201);
    expect((await t.admin({ method: 'DELETE', url: `/api/v1/service-standards/${chat.id}` })).statusCode).toBe(204);
    expect(await auditRows(t, 'service_standard.load_recommended')).toHaveLength(1);
    expect(await auditRows(t, 'service_standard.delete', chat.id)).toHaveLength(1);
    const role = await createRole(t.admin, 'sla_admin', ['sla.manage']);
    const slaAdmin = await userAs(t, 'std_sla', { roleIds: [role.id], departmentId: t.rootDeptId });
    expect(ok(await slaAdmin.call({ method: 'GET', url: '/api/v1/service-standards' })).items).toHaveLength(RECOMMENDED_STANDARDS.length);
    const nobody = await userAs(t, 'std_nobody', { departmentId: t.rootDeptId });
    expect((await nobody.call({ method: 'GET', url: '/api/v1/service-standards' })).statusCode).toBe(403);
  });

  it('reports actuals against each standard from known tickets', async () => {
    const db = t.kefu.db;
    const o = t.orgId;
    // email, 4 working hours (Mon–Fri 09:00–18:00)
    await insertTicket(db, o, { channel: 'email', createdAt: sh('2026-03-02 10:00'), firstResponseAt: sh('2026-03-02 12:00'), resolvedAt: sh('2026-03-02 20:00'), satisfaction: 5, ratedAt: sh('2026-03-03 09:00') }); // 2 wh ✓, 10 h ✓
    await insertTicket(db, o, { channel: 'email', createdAt: sh('2026-03-02 17:00'), firstResponseAt: sh('2026-03-03 11:00'), resolvedAt: sh('2026-03-03 12:00'), satisfaction: 4, ratedAt: sh('2026-03-03 13:00') }); // 1 + 2 = 3 wh ✓ (18 clock hours), 19 h ✓
    await insertTicket(db, o, { channel: 'email', createdAt: sh('2026-03-03 09:00'), firstResponseAt: sh('2026-03-03 15:00'), resolvedAt: sh('2026-03-05 09:00'), satisfaction: 2, ratedAt: sh('2026-03-05 10:00') }); // 6 wh ✗, 48 h ✗
    await insertTicket(db, o, { channel: 'email', createdAt: sh('2026-03-04 10:00') }); // unanswered long past the target ✗, unresolved ✗
    // portal, 2 working hours
    await insertTicket(db, o, { channel: 'portal', createdAt: sh('2026-03-05 14:00'), firstResponseAt: sh('2026-03-05 15:30'), satisfaction: 5, ratedAt: sh('2026-03-06 10:00') }); // 1.5 wh ✓, unresolved ✗
    // created before the period: only its rating (given in the period) counts
    await insertTicket(db, o, { channel: 'email', createdAt: sh('2026-02-20 10:00'), firstResponseAt: sh('2026-02-20 10:30'), resolvedAt: sh('2026-02-21 10:00'), satisfaction: 4, ratedAt: sh('2026-03-03 10:00') });
    // rated after the period: not counted
    await insertTicket(db, o, { channel: 'email', createdAt: sh('2026-02-20 10:00'), satisfaction: 1, ratedAt: sh('2026-03-10 10:00') });

    const from = sh('2026-03-02 00:00').toISOString();
    const to = sh('2026-03-09 00:00').toISOString();
    const report = ok(await t.admin({ method: 'GET', url: `/api/v1/service-standards/report?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` }));
    expect(report).toMatchObject({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), calendar: '工作日 9-18' });
    const by = (channel: string, metric: string) => report.items.find((i: any) => i.standard.channel === channel && i.standard.metric === metric);
    expect(by('email', 'first_response_hours')).toMatchObject({ status: 'not_met', sample: 4, withinTarget: 2, actual: 50, average: 3.7, unit: 'working_hours' });
    expect(by('portal', 'first_response_hours')).toMatchObject({ status: 'met', sample: 1, withinTarget: 1, actual: 100, average: 1.5 });
    expect(by('web_form', 'first_response_hours')).toMatchObject({ status: 'no_data', noDataReason: 'no_cases', sample: 0, actual: null });
    // 5 tickets created in the period: 10 h ✓, 19 h ✓, 48 h ✗, two unresolved ✗; mean over the resolved (10 + 19 + 48) / 3
    expect(by('all', 'resolution_hours')).toMatchObject({ status: 'not_met', sample: 5, withinTarget: 2, actual: 40, average: 25.7, unit: 'hours' });
    // rated in the period: 5, 4, 2, 5, 4 → four of five satisfied
    expect(by('all', 'csat_percent')).toMatchObject({ status: 'not_met', sample: 5, actual: 80, kind: 'rate', direction: 'min' });
    for (const metric of ['answer_seconds', 'abandon_rate']) expect(by('phone', metric)).toMatchObject({ status: 'no_data', noDataReason: 'not_recorded', sample: null, actual: null });

    const bad = await t.admin({ method: 'GET', url: `/api/v1/service-standards/report?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}` });
    expect(bad.statusCode).toBe(400);
  });
});
