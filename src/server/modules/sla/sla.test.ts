import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole, ok, type OrgTest, setupOrg, userAs } from '../org/org.fixtures.js';
import { createCalendar, createPolicy, insertTicket, sh, slaColumnsOf } from './sla.fixtures.js';
import { refreshTicketSla } from './sla.service.js';

describe('SLA refresh and explanation', () => {
  let t: OrgTest;
  let calendarId: string;
  let policyId: string;
  beforeAll(async () => {
    t = await setupOrg();
    // Wednesday 25 November 2026 is a holiday in this calendar.
    calendarId = (await createCalendar(t.admin, '客服中心', ['2026-11-25'])).id;
    policyId = (
      await createPolicy(t.admin, {
        name: '投诉 SLA',
        ticketTypes: ['complaint'],
        calendarId,
        firstResponseMinutes: 60,
        nextResponseMinutes: 120,
        resolutionMinutes: 960,
        warnPercent: 75,
      })
    ).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refreshTicketSla stores the policy, due times, state and next check', async () => {
    // Monday 09:00, replied 09:30, customer wrote 10:00, pending Monday 15:00 → open Tuesday 09:00
    const ticket = await insertTicket(t.kefu.db, t.orgId, {
      createdAt: sh('2026-11-23 09:00'),
      type: 'complaint',
      history: [
        { to: 'open', at: sh('2026-11-23 09:00') },
        { to: 'pending', at: sh('2026-11-23 15:00') },
        { to: 'open', at: sh('2026-11-24 09:00') },
      ],
      messages: [
        { kind: 'customer', at: sh('2026-11-23 09:00') },
        { kind: 'note', at: sh('2026-11-23 09:10') },
        { kind: 'reply', at: sh('2026-11-23 09:30') },
        { kind: 'customer', at: sh('2026-11-23 10:00') },
      ],
    });
    await refreshTicketSla(t.kefu.db, t.orgId, ticket.id, sh('2026-11-24 10:00'));
    const cols = await slaColumnsOf(t.kefu.db, t.orgId, ticket.id);
    // next response: 10:00–12:00 on Monday is 120 minutes → breached at Monday 12:00
    // resolution: Monday 09:00–12:00, 13:00–15:00 (300), paused, Tuesday from 09:00: 660 more → Tuesday is 480, Wednesday a holiday, Thursday 09:00 + 180 → 12:00
    expect(cols).toMatchObject({ sla_policy_id: policyId, sla_state: 'breached' });
    expect(cols.first_response_due_at).toBeNull();
    expect(cols.next_response_due_at).toEqual(sh('2026-11-23 12:00'));
    expect(cols.resolution_due_at).toEqual(sh('2026-11-26 12:00'));
    // the warning and breach of next response are not recorded yet: the ticket stays due for the scan
    expect(cols.sla_next_check_at).toEqual(sh('2026-11-23 11:30'));

    // a later reply and a status change: refreshed again inside the caller's transaction
    await t.kefu.db.transaction().execute(async (tx) => {
      await tx.insertInto('sla_events').values([
        { org_id: t.orgId, id: crypto.randomUUID(), ticket_id: ticket.id, metric: 'next_response', kind: 'warning', due_at: sh('2026-11-23 11:30'), at: new Date() },
        { org_id: t.orgId, id: crypto.randomUUID(), ticket_id: ticket.id, metric: 'next_response', kind: 'breach', due_at: sh('2026-11-23 12:00'), at: new Date() },
      ]).execute();
      await refreshTicketSla(tx, t.orgId, ticket.id, sh('2026-11-24 10:00'));
    });
    // resolution warns at 75 % = 720 minutes: Tuesday 09:00 + 420 → 17:00
    expect((await slaColumnsOf(t.kefu.db, t.orgId, ticket.id)).sla_next_check_at).toEqual(sh('2026-11-24 17:00'));
  });

  it('a ticket no policy matches has no SLA', async () => {
    const ticket = await insertTicket(t.kefu.db, t.orgId, { createdAt: sh('2026-11-23 09:00'), type: 'suggestion' });
    await refreshTicketSla(t.kefu.db, t.orgId, ticket.id, sh('2026-11-23 10:00'));
    expect(await slaColumnsOf(t.kefu.db, t.orgId, ticket.id)).toMatchObject({ sla_policy_id: null, sla_state: 'none', resolution_due_at: null, sla_next_check_at: null });
  });

  it('GET /tickets/:id/sla explains each metric interval by interval, by id or by number', async () => {
    const ticket = await insertTicket(t.kefu.db, t.orgId, {
      createdAt: sh('2026-11-24 17:00'),
      type: 'complaint',
      history: [{ to: 'on_hold', at: sh('2026-11-26 10:00') }],
      messages: [{ kind: 'reply', at: sh('2026-11-26 09:30') }],
    });
    const body = ok(await t.admin({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/sla` }));
    expect(body).toMatchObject({ ticketId: ticket.id, number: ticket.number, policy: { id: policyId, name: '投诉 SLA' }, calendar: { id: calendarId, name: '客服中心' }, timezone: 'Asia/Shanghai' });
    expect(body.metrics.first_response).toMatchObject({ state: 'breached', targetMinutes: 60, metAt: sh('2026-11-26 09:30').toISOString(), breachedAt: sh('2026-11-24 18:00').toISOString(), elapsedMinutes: 90 });
    expect(body.metrics.first_response.intervals).toEqual([
      { start: sh('2026-11-24 17:00').toISOString(), end: sh('2026-11-24 18:00').toISOString(), counted: true, reason: 'working' },
      { start: sh('2026-11-24 18:00').toISOString(), end: sh('2026-11-25 00:00').toISOString(), counted: false, reason: 'outside_hours' },
      { start: sh('2026-11-25 00:00').toISOString(), end: sh('2026-11-26 00:00').toISOString(), counted: false, reason: 'holiday' },
      { start: sh('2026-11-26 00:00').toISOString(), end: sh('2026-11-26 09:00').toISOString(), counted: false, reason: 'outside_hours' },
      { start: sh('2026-11-26 09:00').toISOString(), end: sh('2026-11-26 09:30').toISOString(), counted: true, reason: 'working' },
    ]);
    expect(body.metrics.resolution).toMatchObject({ state: 'paused', dueAt: null, elapsedMinutes: 120 });
    expect(body.metrics.resolution.intervals.at(-1)).toMatchObject({ start: sh('2026-11-26 10:00').toISOString(), counted: false, reason: 'paused_on_hold' });
    expect(body.metrics.next_response).toMatchObject({ state: 'none', targetMinutes: 120 });
    expect(ok(await t.admin({ method: 'GET', url: `/api/v1/tickets/${ticket.number}/sla` })).ticketId).toBe(ticket.id);
  });

  it('explanation: 404 outside the caller’s scope, 403 without tickets.read, 400 for a bad id', async () => {
    const ticket = await insertTicket(t.kefu.db, t.orgId, { createdAt: sh('2026-11-24 09:00'), type: 'complaint' });
    const selfRole = await createRole(t.admin, 'own_tickets', ['tickets.read'], { scopes: { tickets: 'self' } });
    const agent = await userAs(t, 'sla_agent', { roleIds: [selfRole.id], departmentId: t.rootDeptId });
    expect((await agent.call({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/sla` })).statusCode).toBe(404);
    expect((await agent.call({ method: 'GET', url: `/api/v1/tickets/${ticket.number}/sla` })).statusCode).toBe(404);
    await t.kefu.db.updateTable('tickets').set({ assignee_id: agent.id }).where('id', '=', ticket.id).execute();
    expect(ok(await agent.call({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/sla` })).ticketId).toBe(ticket.id);
    const policyOnly = await createRole(t.admin, 'sla_admin_only', ['sla.manage']);
    const manager = await userAs(t, 'sla_manager', { roleIds: [policyOnly.id], departmentId: t.rootDeptId });
    expect((await manager.call({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/sla` })).statusCode).toBe(403);
    expect((await t.admin({ method: 'GET', url: '/api/v1/tickets/not-a-ticket/sla' })).statusCode).toBe(400);
    expect((await t.admin({ method: 'GET', url: '/api/v1/tickets/99999999/sla' })).statusCode).toBe(404);
  });
});
