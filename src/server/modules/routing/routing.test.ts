import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../platform/context.js';
import { auditRows, createDepartment, createUser, ok, type OrgTest, setupOrg } from '../org/org.fixtures.js';
import { addMember, agent, createTeam, insertTicket, loadOf, setStatus, ticket } from './routing.fixtures.js';
import { drainTeamQueue, routeTicket, type RoutingNote } from './routing.service.js';

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 9, minute));

describe('routing tickets to teams and agents', () => {
  let t: OrgTest;
  const events: RealtimeEvent[] = [];
  const users: Record<string, string> = {};
  let deptId: string;
  const route = (id: string, minute = 0) => t.kefu.db.transaction().execute((tx) => routeTicket(tx, t.orgId, id, at(minute)));
  const drain = (teamId: string, minute = 30) => t.kefu.db.transaction().execute((tx) => drainTeamQueue(tx, t.orgId, teamId, at(minute)));
  const notes = async (ticketId: string) =>
    (await t.kefu.db.selectFrom('ticket_messages').select(['kind', 'body_text']).where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('id').execute()).map(
      (m) => ({ kind: m.kind, ...(JSON.parse(m.body_text) as RoutingNote) }),
    );

  beforeAll(async () => {
    t = await setupOrg();
    t.kefu.events.subscribe((e) => events.push(e));
    deptId = (await createDepartment(t.admin, '售后服务部', t.rootDeptId)).id;
    for (const name of ['ann', 'bob', 'cat', 'dan']) users[name] = (await createUser(t.admin, `agent_${name}`, { displayName: name, departmentId: deptId })).id;
  });
  afterAll(async () => t.close());

  it('sends a new ticket to the team that names its type and channel before a catch-all team', async () => {
    const catchAll = await createTeam(t.admin, { name: '全部', strategy: 'manual' });
    const complaints = await createTeam(t.admin, { name: '投诉热线', strategy: 'round_robin', ticketTypes: ['complaint'], channels: ['phone'] });
    await addMember(t.admin, complaints.id, users.ann);
    const phone = await insertTicket(t.kefu.db, t.orgId, { type: 'complaint', channel: 'phone' });
    expect(await route(phone.id, 1)).toEqual({ assigneeId: users.ann, teamId: complaints.id, queued: false });
    const row = await ticket(t.kefu.db, phone.id);
    expect(row).toMatchObject({ team_id: complaints.id, assignee_id: users.ann, department_id: deptId, queued_at: null, version: 3 });
    expect(await notes(phone.id)).toEqual([
      expect.objectContaining({ kind: 'system', event: 'routing.assigned', strategy: 'round_robin', assigneeId: users.ann, assigneeName: 'ann', teamName: '投诉热线' }),
    ]);
    // routing again leaves an assigned ticket alone
    expect(await route(phone.id, 2)).toEqual({ assigneeId: users.ann, teamId: complaints.id, queued: false });
    expect(await notes(phone.id)).toHaveLength(1);
    // mail complaints fall through to the catch-all team, which assigns by hand: the ticket waits
    const mail = await insertTicket(t.kefu.db, t.orgId, { type: 'complaint', channel: 'email' });
    expect(await route(mail.id, 3)).toEqual({ assigneeId: null, teamId: catchAll.id, queued: true });
    expect((await ticket(t.kefu.db, mail.id)).queued_at).toEqual(at(3));
    expect((await notes(mail.id))[0]).toMatchObject({ event: 'routing.queued', strategy: 'manual' });
    // no active team at all: nothing happens
    for (const team of [catchAll, complaints]) await t.admin({ method: 'PATCH', url: `/api/v1/teams/${team.id}`, payload: { active: false }, headers: { 'if-match': '"1"' } });
    const orphan = await insertTicket(t.kefu.db, t.orgId, { type: 'inquiry', channel: 'chat' });
    expect(await route(orphan.id)).toEqual({ assigneeId: null, teamId: null, queued: false });
  });

  it('load balancing and skills pick by load ratio and by proficiency', async () => {
    const balanced = await createTeam(t.admin, { name: '均衡组', strategy: 'load_balanced' });
    await addMember(t.admin, balanced.id, users.ann, { capacity: 10 });
    await addMember(t.admin, balanced.id, users.bob, { capacity: 2 });
    const picks: string[] = [];
    for (let i = 0; i < 4; i++) picks.push((await route((await insertTicket(t.kefu.db, t.orgId, { teamId: balanced.id })).id, 10 + i)).assigneeId!);
    // ann 0/10 → ann 1/10 vs bob 0/2 → bob … bob reaches 2/2 = 1.0, ann keeps taking
    expect(picks).toEqual([users.ann, users.bob, users.ann, users.ann]);

    const skilled = await createTeam(t.admin, { name: '维修组', strategy: 'skills' });
    await addMember(t.admin, skilled.id, users.cat, { skills: { repair: 2 } });
    await addMember(t.admin, skilled.id, users.dan, { skills: { repair: 5, 英语: 3 } });
    await addMember(t.admin, skilled.id, users.bob, { skills: { install: 4 } });
    const repair = await insertTicket(t.kefu.db, t.orgId, { teamId: skilled.id, type: 'after_sales', subtype: 'repair' });
    expect((await route(repair.id, 20)).assigneeId).toBe(users.dan);
    expect((await notes(repair.id))[0].requiredSkills).toEqual(['repair']);
    const install = await insertTicket(t.kefu.db, t.orgId, { teamId: skilled.id, type: 'after_sales', subtype: 'install' });
    expect((await route(install.id, 21)).assigneeId).toBe(users.bob);
    const english = await insertTicket(t.kefu.db, t.orgId, { teamId: skilled.id, tags: ['英语', 'install'] });
    // nobody holds both skills: it waits
    expect(await route(english.id, 22)).toMatchObject({ assigneeId: null, queued: true });
    // a member learns English: the drain of the skills team serves the ticket
    await t.admin({ method: 'PATCH', url: `/api/v1/teams/${skilled.id}/members/${users.bob}`, payload: { skills: { install: 4, 英语: 1 } } });
    expect((await ticket(t.kefu.db, english.id)).assignee_id).toBe(users.bob);
  });

  it('queues when everyone is full, lists the queue VIP first and hands it out as room appears', async () => {
    const team = await createTeam(t.admin, { name: '热线', strategy: 'round_robin' });
    await addMember(t.admin, team.id, users.ann, { capacity: 1 });
    await addMember(t.admin, team.id, users.bob, { capacity: 1, available: false });
    const first = await insertTicket(t.kefu.db, t.orgId, { teamId: team.id });
    expect((await route(first.id, 1)).assigneeId).toBe(users.ann);
    const seeds = [
      { subject: 'ordinary-urgent', customerTier: 'ordinary', priority: 'urgent' as const },
      { subject: 'vip-normal', customerTier: 'vip', priority: 'normal' as const },
      { subject: 'key-high', customerTier: 'key', priority: 'high' as const },
      { subject: 'vip-urgent', customerTier: 'vip', priority: 'urgent' as const },
      { subject: 'none-low', customerTier: null, priority: 'low' as const },
    ];
    const waiting: Record<string, string> = {};
    for (const [i, s] of seeds.entries()) {
      const tk = await insertTicket(t.kefu.db, t.orgId, { teamId: team.id, ...s });
      waiting[s.subject] = tk.id;
      expect(await route(tk.id, 2 + i)).toEqual({ assigneeId: null, teamId: team.id, queued: true });
    }
    const order = ['vip-urgent', 'vip-normal', 'key-high', 'ordinary-urgent', 'none-low'];
    const queue = ok(await t.admin({ method: 'GET', url: `/api/v1/teams/${team.id}/queue` }));
    expect(queue.total).toBe(5);
    expect(queue.items.map((i: { subject: string }) => i.subject)).toEqual(order);
    expect(queue.items[0]).toMatchObject({ position: 1, customerTier: 'vip', priority: 'urgent', queuedAt: at(5).toISOString() });

    // ann resolves her ticket: the drain serves the VIP first
    await setStatus(t.kefu.db, [first.id], 'resolved');
    expect(await drain(team.id)).toEqual([expect.objectContaining({ ticketId: waiting['vip-urgent'], assigneeId: users.ann })]);
    // bob comes back with room for two: the next two in queue order go out, to him, at once
    const before = events.length;
    ok(await t.admin({ method: 'PATCH', url: `/api/v1/teams/${team.id}/members/${users.bob}`, payload: { available: true, capacity: 2 } }));
    expect((await ticket(t.kefu.db, waiting['vip-normal'])).assignee_id).toBe(users.bob);
    expect((await ticket(t.kefu.db, waiting['key-high'])).assignee_id).toBe(users.bob);
    expect((await ticket(t.kefu.db, waiting['ordinary-urgent'])).assignee_id).toBeNull();
    await expect.poll(() => events.slice(before).filter((e) => e.type === 'ticket.assigned').map((e) => e.userIds)).toEqual([[users.bob], [users.bob]]);

    const load = ok(await t.admin({ method: 'GET', url: `/api/v1/teams/${team.id}/load` }));
    expect(load.items).toEqual([
      expect.objectContaining({ userId: users.ann, openCount: 1, capacity: 1, available: true }),
      expect.objectContaining({ userId: users.bob, openCount: 2, capacity: 2, available: true }),
    ]);
    const list = ok(await t.admin({ method: 'GET', url: '/api/v1/teams' })).items.find((x: { id: string }) => x.id === team.id);
    expect(list).toMatchObject({ memberCount: 2, capacity: 3, openCount: 3, queuedCount: 2 });
  });

  it('assigns by hand: checks the assignee and team, audits, notifies and serves the old team queue', async () => {
    const team = await createTeam(t.admin, { name: '手工组', strategy: 'round_robin' });
    const other = await createTeam(t.admin, { name: '二线', strategy: 'round_robin' });
    await addMember(t.admin, team.id, users.cat, { capacity: 1 });
    await addMember(t.admin, other.id, users.dan, { capacity: 5 });
    const held = await insertTicket(t.kefu.db, t.orgId, { teamId: team.id });
    await route(held.id, 1);
    const waiting = await insertTicket(t.kefu.db, t.orgId, { teamId: team.id, customerTier: 'vip' });
    expect((await route(waiting.id, 2)).queued).toBe(true);
    const url = `/api/v1/tickets/${held.id}/assign`;
    const fieldCode = async (payload: Record<string, unknown>) => {
      const res = await t.admin({ method: 'POST', url, payload });
      expect(res.statusCode, res.body).toBe(400);
      return `${res.json().error.details[0].path[1]}:${res.json().error.details[0].code}`;
    };
    expect(await fieldCode({})).toBe('assigneeId:routing_assign_empty');
    expect(await fieldCode({ assigneeId: 'nope' })).toBe('assigneeId:invalid_format');
    expect(await fieldCode({ assigneeId: '0190a0a0-0000-7000-8000-000000000000' })).toBe('assigneeId:routing_unknown_assignee');
    expect(await fieldCode({ teamId: '0190a0a0-0000-7000-8000-000000000000' })).toBe('teamId:routing_unknown_team');
    expect(await fieldCode({ teamId: other.id, assigneeId: users.cat })).toBe('assigneeId:routing_assignee_not_member');
    // an agent who may assign but does not see the ticket gets a 404
    const blind = await agent(t, 'blind_dispatcher', ['tickets.read', 'tickets.assign']);
    expect((await blind.call({ method: 'POST', url, payload: { assigneeId: users.dan } })).statusCode).toBe(404);
    expect((await (await agent(t, 'no_assign')).call({ method: 'POST', url, payload: { assigneeId: users.dan } })).statusCode).toBe(403);

    const before = events.length;
    const res = ok(await t.admin({ method: 'POST', url, payload: { teamId: other.id, assigneeId: users.dan } }));
    expect(res).toMatchObject({ id: held.id, teamId: other.id, assigneeId: users.dan, queued: false });
    // cat has room again in the old team: the waiting VIP ticket goes to her
    expect((await ticket(t.kefu.db, waiting.id)).assignee_id).toBe(users.cat);
    await expect.poll(() => events.slice(before).filter((e) => e.type === 'ticket.assigned').map((e) => e.userIds![0]).sort()).toEqual([users.cat, users.dan].sort());
    const [audit] = await auditRows(t, 'ticket.assign', held.id);
    expect(audit).toMatchObject({ before: { teamId: team.id, assigneeId: users.cat }, after: { teamId: other.id, assigneeId: users.dan } });
    expect((await notes(held.id)).at(-1)).toMatchObject({ event: 'routing.assigned', strategy: 'manual', assigneeId: users.dan, byName: expect.any(String) });

    // to a team only: its strategy picks the person
    const toTeam = ok(await t.admin({ method: 'POST', url, payload: { teamId: team.id } }));
    expect(toTeam).toMatchObject({ teamId: team.id, assigneeId: null, queued: true });
    expect(await loadOf(t.kefu.db, team.id)).toEqual({ [users.cat]: 1 });
  });

  it('shows a queue to members and dispatchers only', async () => {
    const team = await createTeam(t.admin, { name: '私密组', strategy: 'manual' });
    const member = await agent(t, 'queue_member');
    const outsider = await agent(t, 'queue_outsider');
    await addMember(t.admin, team.id, member.id);
    expect((await member.call({ method: 'GET', url: `/api/v1/teams/${team.id}/queue` })).statusCode).toBe(200);
    expect((await outsider.call({ method: 'GET', url: `/api/v1/teams/${team.id}/queue` })).statusCode).toBe(404);
    expect((await outsider.call({ method: 'GET', url: `/api/v1/teams/${team.id}/load` })).statusCode).toBe(404);
    expect((await member.call({ method: 'GET', url: `/api/v1/teams/${team.id}/queue?limit=0` })).statusCode).toBe(400);
  });

  it('50 routings at once into a team of 3 × capacity 5: 15 assigned evenly, 35 queued', async () => {
    const team = await createTeam(t.admin, { name: '并发组', strategy: 'round_robin' });
    for (const name of ['ann', 'bob', 'cat']) await addMember(t.admin, team.id, users[name], { capacity: 5 });
    const tickets = [];
    for (let i = 0; i < 50; i++) tickets.push(await insertTicket(t.kefu.db, t.orgId, { teamId: team.id }));
    const results = await Promise.all(tickets.map((tk) => route(tk.id, 40)));
    expect(results.filter((r) => r.assigneeId).length).toBe(15);
    expect(results.filter((r) => r.queued).length).toBe(35);
    expect(await loadOf(t.kefu.db, team.id)).toEqual({ [users.ann]: 5, [users.bob]: 5, [users.cat]: 5 });

    // three VIP tickets arrive last and wait too; then each agent resolves one ticket
    const vips = [];
    for (let i = 0; i < 3; i++) vips.push((await insertTicket(t.kefu.db, t.orgId, { teamId: team.id, customerTier: 'vip' })).id);
    for (const id of vips) expect((await route(id, 45)).queued).toBe(true);
    const assigned = await t.kefu.db.selectFrom('tickets').select(['id', 'assignee_id']).where('team_id', '=', team.id).where('assignee_id', 'is not', null).execute();
    await setStatus(t.kefu.db, [users.ann, users.bob, users.cat].map((u) => assigned.find((a) => a.assignee_id === u)!.id), 'resolved');
    // the drain hands out the VIP tickets before the 35 that waited longer
    const served = await drain(team.id, 50);
    expect(served.map((s) => s.ticketId).sort()).toEqual([...vips].sort());
    expect(new Set(served.map((s) => s.assigneeId)).size).toBe(3);
    expect(await loadOf(t.kefu.db, team.id)).toEqual({ [users.ann]: 5, [users.bob]: 5, [users.cat]: 5 });
  });
});
