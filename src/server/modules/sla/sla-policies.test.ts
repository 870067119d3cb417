import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createRole, ok, type OrgTest, setupOrg, userAs } from '../org/org.fixtures.js';
import { createCalendar, createPolicy, insertTicket, slaColumnsOf } from './sla.fixtures.js';

describe('SLA policies API', () => {
  let t: OrgTest;
  let reader: Awaited<ReturnType<typeof userAs>>;
  let nobody: Awaited<ReturnType<typeof userAs>>;
  beforeAll(async () => {
    t = await setupOrg();
    const readRole = await createRole(t.admin, 'ticket_reader', ['tickets.read']);
    reader = await userAs(t, 'sla_reader', { roleIds: [readRole.id], departmentId: t.rootDeptId });
    nobody = await userAs(t, 'sla_nobody', { departmentId: t.rootDeptId });
  });
  afterAll(async () => {
    await t?.close();
  });

  const details = async (res: { statusCode: number; json(): any }) => {
    expect(res.statusCode).toBe(400);
    return res.json().error.details.map((d: { path: (string | number)[]; code: string }) => `${d.path.join('.')}:${d.code}`);
  };
  const post = (payload: Record<string, unknown>) => t.admin({ method: 'POST', url: '/api/v1/sla-policies', payload });

  it('creates, lists, reads, updates with If-Match and deletes, audited', async () => {
    const cal = await createCalendar(t.admin, 'SLA 日历');
    const created = await post({
      name: 'VIP 投诉',
      ticketTypes: ['complaint', 'complaint'],
      priorities: ['urgent'],
      customerTiers: ['vip'],
      calendarId: cal.id,
      firstResponseMinutes: 30,
      resolutionMinutes: 480,
      escalations: [{ on: 'breach', metric: 'first_response', action: 'notify', userIds: [t.adminId] }, { on: 'warning', action: 'raise_priority' }],
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const body = created.json();
    expect(body).toMatchObject({ name: 'VIP 投诉', ticketTypes: ['complaint'], position: 0, warnPercent: 80, nextResponseMinutes: null, active: true, version: 1 });
    expect(body.escalations).toEqual([{ on: 'breach', metric: 'first_response', action: 'notify', userIds: [t.adminId] }, { on: 'warning', action: 'raise_priority' }]);
    const second = await createPolicy(t.admin, { name: '默认', resolutionMinutes: 960 });
    expect(second.position).toBe(1);

    const list = ok(await reader.call({ method: 'GET', url: '/api/v1/sla-policies' }));
    expect(list.items.map((p: { name: string }) => p.name)).toEqual(['VIP 投诉', '默认']);
    expect(ok(await reader.call({ method: 'GET', url: `/api/v1/sla-policies/${body.id}` })).name).toBe('VIP 投诉');
    expect((await nobody.call({ method: 'GET', url: '/api/v1/sla-policies' })).statusCode).toBe(403);
    expect((await reader.call({ method: 'POST', url: '/api/v1/sla-policies', payload: { name: 'x', resolutionMinutes: 5 } })).statusCode).toBe(403);

    const patch = (payload: Record<string, unknown>, ifMatch?: string) =>
      t.admin({ method: 'PATCH', url: `/api/v1/sla-policies/${body.id}`, payload, headers: ifMatch ? { 'if-match': ifMatch } : {} });
    expect((await patch({ warnPercent: 70 })).statusCode).toBe(428);
    const updated = await patch({ warnPercent: 70, nextResponseMinutes: 60 }, '"1"');
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ warnPercent: 70, nextResponseMinutes: 60, version: 2, firstResponseMinutes: 30 });
    expect((await patch({ warnPercent: 60 }, '"1"')).statusCode).toBe(412);
    expect((await t.admin({ method: 'DELETE', url: `/api/v1/sla-policies/${second.id}`, headers: { 'if-match': '"9"' } })).statusCode).toBe(412);
    expect((await t.admin({ method: 'DELETE', url: `/api/v1/sla-policies/${second.id}` })).statusCode).toBe(204);
    expect((await t.admin({ method: 'GET', url: `/api/v1/sla-policies/${second.id}` })).statusCode).toBe(404);

    expect(await auditRows(t, 'sla_policy.create')).toHaveLength(2);
    const [update] = await auditRows(t, 'sla_policy.update', body.id);
    expect(update.before).toMatchObject({ warnPercent: 80 });
    expect(update.after).toMatchObject({ warnPercent: 70 });
    expect(await auditRows(t, 'sla_policy.delete', second.id)).toHaveLength(1);
  });

  it('refuses bad input with a 400 naming each field', async () => {
    expect(await details(await post({ name: 'x', resolutionMinutes: 60, colour: 'red' }))).toEqual(['body:unrecognized_keys']);
    expect(await details(await post({ name: 'x' }))).toEqual(['body.firstResponseMinutes:target_required']);
    expect(await details(await post({ name: '', resolutionMinutes: 0, warnPercent: 100, ticketTypes: ['refund'] }))).toEqual([
      'body.name:too_small',
      'body.ticketTypes.0:invalid_value',
      'body.resolutionMinutes:too_small',
      'body.warnPercent:too_big',
    ]);
    const ghost = '01900000-0000-7000-8000-000000000000';
    expect(
      await details(
        await post({
          name: 'x',
          resolutionMinutes: 60,
          calendarId: ghost,
          escalations: [
            { on: 'breach', action: 'notify', userIds: [t.adminId, ghost] },
            { on: 'breach', action: 'reassign' },
            { on: 'warning', action: 'reassign', teamId: ghost, assigneeId: ghost },
            { on: 'breach', metric: 'first_response', action: 'raise_priority' },
          ],
        }),
      ),
    ).toEqual([
      'body.calendarId:calendar_not_found',
      'body.escalations.0.userIds.1:user_not_found',
      'body.escalations.1.teamId:reassign_target_required',
      'body.escalations.2.teamId:team_not_found',
      'body.escalations.2.assigneeId:user_not_found',
      'body.escalations.3.metric:metric_without_target',
    ]);
    // each action takes only its own fields; unknown actions are refused
    expect(await details(await post({ name: 'x', resolutionMinutes: 60, escalations: [{ on: 'breach', action: 'raise_priority', userIds: [] }] }))).toEqual([
      'body.escalations.0:unrecognized_keys',
    ]);
    expect(await details(await post({ name: 'x', resolutionMinutes: 60, escalations: [{ on: 'late', action: 'call_boss' }] }))).toEqual(['body.escalations.0.action:invalid_union']);
    const en = await t.admin({ method: 'POST', url: '/api/v1/sla-policies', payload: { name: 'x' }, headers: { 'accept-language': 'en' } });
    expect(en.json().error.details[0].message).toMatch(/first response|至少/);
  });

  it('reorders all policies at once and refuses a partial order', async () => {
    const a = await createPolicy(t.admin, { name: 'A', resolutionMinutes: 100 });
    const b = await createPolicy(t.admin, { name: 'B', resolutionMinutes: 200 });
    const all = ok(await t.admin({ method: 'GET', url: '/api/v1/sla-policies' })).items.map((p: { id: string }) => p.id);
    const reversed = [...all].reverse();
    const res = ok(await t.admin({ method: 'POST', url: '/api/v1/sla-policies/reorder', payload: { ids: reversed } }));
    expect(res.items.map((p: { id: string }) => p.id)).toEqual(reversed);
    expect(res.items.map((p: { position: number }) => p.position)).toEqual(reversed.map((_: string, i: number) => i));
    expect(await details(await t.admin({ method: 'POST', url: '/api/v1/sla-policies/reorder', payload: { ids: [a.id, b.id] } }))).toEqual(['body.ids:reorder_mismatch']);
    expect(await details(await t.admin({ method: 'POST', url: '/api/v1/sla-policies/reorder', payload: { ids: [...reversed, reversed[0]] } }))).toEqual([
      'body.ids:reorder_mismatch',
    ]);
    expect(await auditRows(t, 'sla_policy.reorder')).toHaveLength(1);
  });

  it('a policy change recomputes the open tickets it governs', async () => {
    for (const p of ok(await t.admin({ method: 'GET', url: '/api/v1/sla-policies' })).items) {
      ok(await t.admin({ method: 'DELETE', url: `/api/v1/sla-policies/${p.id}` }), 204);
    }
    const created = new Date(Date.now() - 3600_000);
    const open = await insertTicket(t.kefu.db, t.orgId, { createdAt: created, type: 'after_sales', history: [{ to: 'open', at: created }] });
    const closed = await insertTicket(t.kefu.db, t.orgId, { createdAt: created, type: 'after_sales', history: [{ to: 'closed', at: created }] });
    const policy = await createPolicy(t.admin, { name: '售后', ticketTypes: ['after_sales'], resolutionMinutes: 100_000 });
    const cols = await slaColumnsOf(t.kefu.db, t.orgId, open.id);
    expect(cols).toMatchObject({ sla_policy_id: policy.id, sla_state: 'ok', first_response_due_at: null });
    expect(cols.resolution_due_at!.getTime()).toBeGreaterThan(Date.now());
    expect(cols.version).toBe(1);
    // closed tickets are not open work: left alone
    expect((await slaColumnsOf(t.kefu.db, t.orgId, closed.id)).sla_policy_id).toBeNull();
    ok(await t.admin({ method: 'PATCH', url: `/api/v1/sla-policies/${policy.id}`, payload: { ticketTypes: ['complaint'] }, headers: { 'if-match': '"1"' } }));
    expect(await slaColumnsOf(t.kefu.db, t.orgId, open.id)).toMatchObject({ sla_policy_id: null, sla_state: 'none', resolution_due_at: null, sla_next_check_at: null });
  });
});
