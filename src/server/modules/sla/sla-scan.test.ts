import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../platform/context.js';
import { uuidv7 } from '../../platform/ids.js';
import { auditRows, createDepartment, ok, type OrgTest, setupOrg, userAs } from '../org/org.fixtures.js';
import { SLA_SCAN_JOB, scanDueSlas } from './sla-scan.service.js';
import { createPolicy, insertTicket, slaColumnsOf } from './sla.fixtures.js';
import { refreshTicketSla } from './sla.service.js';

const HOUR = 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms);

describe('SLA scan job', () => {
  let t: OrgTest;
  let published: RealtimeEvent[];
  let agentA: string;
  let agentB: { id: string; departmentId: string };
  let agentC: string;
  let teamId: string;
  let calendarId: string;
  beforeAll(async () => {
    t = await setupOrg();
    published = [];
    t.kefu.events.subscribe((e) => published.push(e));
    const dept = await createDepartment(t.admin, '二线', t.rootDeptId);
    agentA = (await userAs(t, 'agent_a', { departmentId: t.rootDeptId })).id;
    agentB = { id: (await userAs(t, 'agent_b', { departmentId: dept.id })).id, departmentId: dept.id };
    agentC = (await userAs(t, 'agent_c', { departmentId: t.rootDeptId })).id;
    teamId = uuidv7();
    await t.kefu.db.insertInto('teams').values({ org_id: t.orgId, id: teamId, name: '投诉组', ticket_types: [], channels: [] }).execute();
    await t.kefu.db.insertInto('team_members').values({ org_id: t.orgId, team_id: teamId, user_id: agentC, skills: '{}' }).execute();
    // every minute counts, so the test does not depend on the hour it runs at
    const allDay = Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]);
    calendarId = ok(await t.admin({ method: 'POST', url: '/api/v1/calendars', payload: { name: '7×24', weeklyHours: allDay } }), 201).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const runScan = async () => {
    await t.kefu.jobs.enqueue(t.kefu.db, SLA_SCAN_JOB, {});
    await t.kefu.jobs.drain();
    await new Promise((r) => setTimeout(r, 10)); // in-process realtime delivery is a microtask away
  };
  const eventsOf = (ticketId: string) => t.kefu.db.selectFrom('sla_events').selectAll().where('ticket_id', '=', ticketId).orderBy('kind').orderBy('metric').execute();

  it('records a breach once and runs its escalations once', async () => {
    await createPolicy(t.admin, {
      name: '投诉',
      ticketTypes: ['complaint'],
      calendarId,
      firstResponseMinutes: 60,
      resolutionMinutes: 600,
      escalations: [
        { on: 'breach', metric: 'first_response', action: 'notify', userIds: [agentB.id] },
        { on: 'breach', action: 'raise_priority' },
        { on: 'breach', metric: 'first_response', action: 'reassign', assigneeId: agentB.id },
        { on: 'warning', metric: 'resolution', action: 'raise_priority' },
      ],
    });
    const created = ago(5 * HOUR);
    const ticket = await insertTicket(t.kefu.db, t.orgId, { createdAt: created, type: 'complaint', assigneeId: agentA, departmentId: t.rootDeptId, history: [{ to: 'open', at: created }] });
    // as the tickets service does after a write: the passed warning and breach make it due at once
    await refreshTicketSla(t.kefu.db, t.orgId, ticket.id, new Date());
    expect((await slaColumnsOf(t.kefu.db, t.orgId, ticket.id)).sla_next_check_at).toEqual(new Date(created.getTime() + 48 * 60_000));

    await runScan();
    const events = await eventsOf(ticket.id);
    expect(events.map((e) => `${e.metric}.${e.kind}`)).toEqual(['first_response.breach', 'first_response.warning']);
    expect(events[0].due_at).toEqual(new Date(created.getTime() + HOUR));
    expect(events[0].actions.map((a: any) => `${a.action}:${a.done}`)).toEqual(['notify:true', 'raise_priority:true', 'reassign:true']);
    // found together with its breach, the warning escalates nothing
    expect(events[1].actions).toEqual([]);
    const cols = await slaColumnsOf(t.kefu.db, t.orgId, ticket.id);
    expect(cols).toMatchObject({ priority: 'high', assignee_id: agentB.id, department_id: agentB.departmentId, version: 3, sla_state: 'breached' });
    // next: the resolution warning at 80 % of 600 minutes
    expect(cols.sla_next_check_at).toEqual(new Date(created.getTime() + 480 * 60_000));
    const lines = await t.kefu.db.selectFrom('ticket_messages').select('body_text').where('ticket_id', '=', ticket.id).where('kind', '=', 'system').orderBy('created_at').execute();
    expect(lines).toHaveLength(2);
    expect(lines[0].body_text).toContain('普通');
    expect(await auditRows(t, 'ticket.sla_escalation', ticket.id)).toHaveLength(2);
    expect(published.filter((e) => e.type === 'sla.breach')).toEqual([
      expect.objectContaining({ orgId: t.orgId, userIds: [agentB.id], data: expect.objectContaining({ ticketId: ticket.id, metric: 'first_response' }) }),
    ]);

    // scanning again changes nothing
    await t.kefu.db.updateTable('tickets').set({ sla_next_check_at: new Date() }).where('id', '=', ticket.id).execute();
    await runScan();
    expect(await eventsOf(ticket.id)).toHaveLength(2);
    expect(await slaColumnsOf(t.kefu.db, t.orgId, ticket.id)).toMatchObject({ priority: 'high', version: 3 });
    expect(published.filter((e) => e.type === 'sla.breach')).toHaveLength(1);
  });

  it('a warning notifies the assignee and the team; a cycle already met records its breach without escalating', async () => {
    await createPolicy(t.admin, {
      name: '咨询',
      ticketTypes: ['inquiry'],
      calendarId,
      firstResponseMinutes: 60,
      nextResponseMinutes: 60,
      escalations: [
        { on: 'warning', action: 'notify' },
        { on: 'breach', action: 'raise_priority' },
      ],
    });
    const warned = await insertTicket(t.kefu.db, t.orgId, { createdAt: ago(50 * 60_000), type: 'inquiry', assigneeId: agentA, teamId, departmentId: t.rootDeptId });
    const late = await insertTicket(t.kefu.db, t.orgId, {
      createdAt: ago(5 * HOUR),
      type: 'inquiry',
      messages: [
        { kind: 'reply', at: ago(5 * HOUR - 60_000) },
        { kind: 'customer', at: ago(4 * HOUR) },
        { kind: 'reply', at: ago(2 * HOUR) },
      ],
    });
    for (const id of [warned.id, late.id]) {
      await t.kefu.db.updateTable('tickets').set({ sla_next_check_at: new Date() }).where('id', '=', id).execute();
    }
    const result = await scanDueSlas(t.kefu.db, (e) => t.kefu.events.publish(e), new Date(), { batchSize: 1 });
    expect(result).toMatchObject({ checked: 2, events: 3, escalations: 1 });
    await new Promise((r) => setTimeout(r, 10));
    const warning = published.find((e) => e.type === 'sla.warning');
    expect(warning?.userIds?.sort()).toEqual([agentA, agentC].sort());
    expect((await eventsOf(warned.id)).map((e) => `${e.metric}.${e.kind}`)).toEqual(['first_response.warning']);
    const cols = await slaColumnsOf(t.kefu.db, t.orgId, warned.id);
    expect(cols.sla_state).toBe('warning');
    expect(cols.sla_next_check_at!.getTime()).toBeGreaterThan(Date.now());
    const lateEvents = await eventsOf(late.id);
    expect(lateEvents.map((e) => `${e.metric}.${e.kind}:${JSON.stringify(e.actions)}`)).toEqual(['next_response.breach:[]', 'next_response.warning:[]']);
    expect(await slaColumnsOf(t.kefu.db, t.orgId, late.id)).toMatchObject({ priority: 'normal', version: 1, sla_next_check_at: null });
  });
});
