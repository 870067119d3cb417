import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../platform/context.js';
import { uuidv7 } from '../../platform/ids.js';
import { auditRows, createRole, ok, type OrgTest, setupOrg, userAs } from '../org/org.fixtures.js';
import { createTicket } from '../tickets/tickets.fixtures.js';
import { AUTOMATIONS_SCHEDULE_JOB } from './automations.jobs.js';
import { createRule, insertTicket } from './automations.fixtures.js';

const HOUR = 3_600_000;
const ago = (h: number) => new Date(Date.now() - h * HOUR);

describe('automations', () => {
  let t: OrgTest;
  let teamId: string;
  let agentId: string;
  let published: RealtimeEvent[];
  beforeAll(async () => {
    t = await setupOrg();
    published = [];
    t.kefu.events.subscribe((e) => published.push(e));
    agentId = (await userAs(t, 'auto_agent', { departmentId: t.rootDeptId, displayName: '王客服' })).id;
    teamId = uuidv7();
    await t.kefu.db.insertInto('teams').values({ org_id: t.orgId, id: teamId, name: 'VIP 组', ticket_types: [], channels: [] }).execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  const messages = (ticketId: string) =>
    t.kefu.db.selectFrom('ticket_messages').select(['kind', 'author_type', 'author_name', 'body_text']).where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('id').execute();
  const rule = (id: string) => t.kefu.db.selectFrom('automations').select(['run_count', 'last_run_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const ticketRow = (id: string) => t.kefu.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const disable = (id: string) => t.admin({ method: 'POST', url: `/api/v1/automations/${id}/disable`, payload: {} });

  it('a trigger on create sets the priority, adds a tag and leaves a system line', async () => {
    const r = await createRule(t.admin, {
      name: '投诉邮件加急',
      kind: 'trigger',
      events: ['created'],
      conditions: { all: [{ field: 'subject', op: 'contains', value: '投诉' }, { field: 'channel', op: 'is', value: 'email' }] },
      actions: [{ type: 'set_priority', priority: 'urgent' }, { type: 'add_tag', tag: '加急' }],
    });
    expect(r).toMatchObject({ kind: 'trigger', position: 0, active: true, runCount: 0, version: 1 });
    const hit = await createTicket(t.admin, { subject: '投诉：发货太慢', channel: 'email' });
    const miss = await createTicket(t.admin, { subject: '咨询发票', channel: 'email' });
    expect(hit).toMatchObject({ priority: 'urgent', tags: ['加急'] });
    expect(miss).toMatchObject({ priority: 'normal', tags: [] });
    const lines = (await messages(hit.id)).filter((m) => m.kind === 'system' && m.author_name === '投诉邮件加急');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.body_text).toBe('自动化「投诉邮件加急」：优先级改为紧急；添加标签「加急」');
    expect((await messages(miss.id)).some((m) => m.author_name === '投诉邮件加急')).toBe(false);
    const stats = await rule(r.id);
    expect(stats.run_count).toBe(1);
    expect(stats.last_run_at).not.toBeNull();
    const [audit] = await auditRows(t, 'automation.run', hit.id);
    expect(audit.after).toMatchObject({ automationId: r.id, event: 'created' });
    ok(await disable(r.id));
  });

  it('a trigger on create can choose the team before routing', async () => {
    const r = await createRule(t.admin, {
      name: 'VIP 进 VIP 组',
      kind: 'trigger',
      events: ['created'],
      conditions: { all: [{ field: 'tags', op: 'contains', value: 'vip' }] },
      actions: [{ type: 'assign_team', teamId }],
    });
    const ticket = await createTicket(t.admin, { subject: '会员咨询', tags: ['VIP'] });
    expect((await ticketRow(ticket.id)).team_id).toBe(teamId);
    ok(await disable(r.id));
  });

  it('a trigger on update fires on an edit, assigns, notes and notifies after commit', async () => {
    const r = await createRule(t.admin, {
      name: '升级为高优先级',
      kind: 'trigger',
      events: ['updated'],
      conditions: { all: [{ field: 'priority', op: 'in', value: ['high', 'urgent'] }, { field: 'assignee_id', op: 'is', value: 'none' }] },
      actions: [
        { type: 'assign_user', userId: agentId },
        { type: 'add_note', body: '高优先级工单已自动分派' },
        { type: 'notify', message: '有高优先级工单', userIds: [agentId] },
      ],
    });
    const ticket = await createTicket(t.admin, { subject: '设备故障' });
    expect((await rule(r.id)).run_count).toBe(0);
    const patched = ok(await t.admin({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, payload: { priority: 'high' }, headers: { 'if-match': `"${ticket.version}"` } }));
    expect(patched.priority).toBe('high');
    const row = await ticketRow(ticket.id);
    expect(row.assignee_id).toBe(agentId);
    const msgs = await messages(ticket.id);
    expect(msgs.filter((m) => m.kind === 'note' && m.author_type === 'system').map((m) => m.body_text)).toEqual(['高优先级工单已自动分派']);
    expect(msgs.some((m) => m.kind === 'system' && m.body_text.includes('分派给 王客服'))).toBe(true);
    published.length = 0;
    await t.kefu.jobs.drain();
    await new Promise((res) => setTimeout(res, 10));
    expect(published.find((e) => e.type === 'automation.notify')).toMatchObject({ userIds: [agentId], data: { ticketId: ticket.id, message: '有高优先级工单' } });
    expect((await rule(r.id)).run_count).toBe(1);
    // the condition no longer holds (assigned): a second edit does not fire it
    ok(await t.admin({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, payload: { subject: '设备故障（二次）' }, headers: { 'if-match': `"${row.version}"` } }));
    expect((await rule(r.id)).run_count).toBe(1);
    ok(await disable(r.id));
  });

  it('does not loop: each trigger fires at most once per event, and its own changes fire nothing', async () => {
    const down = await createRule(t.admin, {
      name: '降级',
      kind: 'trigger',
      events: ['updated'],
      conditions: { all: [{ field: 'priority', op: 'is', value: 'high' }] },
      actions: [{ type: 'set_priority', priority: 'low' }, { type: 'add_note', body: '降级' }],
    });
    const up = await createRule(t.admin, {
      name: '升级',
      kind: 'trigger',
      events: ['updated'],
      conditions: { all: [{ field: 'priority', op: 'is', value: 'low' }] },
      actions: [{ type: 'set_priority', priority: 'high' }],
    });
    const ticket = await createTicket(t.admin, { subject: '循环测试' });
    ok(await t.admin({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, payload: { priority: 'high' }, headers: { 'if-match': `"${ticket.version}"` } }));
    expect((await ticketRow(ticket.id)).priority).toBe('high');
    expect((await rule(down.id)).run_count).toBe(1);
    expect((await rule(up.id)).run_count).toBe(1);
    expect((await messages(ticket.id)).filter((m) => m.kind === 'system' && (m.author_name === '降级' || m.author_name === '升级'))).toHaveLength(2);
    ok(await disable(down.id));
    ok(await disable(up.id));
  });

  it('a time-based rule acts once per matching ticket from the job', async () => {
    const stale = await insertTicket(t.kefu.db, t.orgId, { createdAt: ago(80), status: 'pending', statusAt: ago(50), assigneeId: agentId });
    const fresh = await insertTicket(t.kefu.db, t.orgId, { createdAt: ago(80), status: 'pending', statusAt: ago(10) });
    const closed = await insertTicket(t.kefu.db, t.orgId, { createdAt: ago(80), status: 'closed', statusAt: ago(50) });
    const r = await createRule(t.admin, {
      name: '待回复超 48 小时',
      kind: 'schedule',
      conditions: { all: [{ field: 'status', op: 'is', value: 'pending' }, { field: 'hours_in_status', op: 'gt', value: 48 }] },
      actions: [{ type: 'add_tag', tag: '超时待回复' }, { type: 'notify', message: '客户超过 48 小时未回复' }],
    });
    const preview = ok(await t.admin({ method: 'POST', url: `/api/v1/automations/${r.id}/preview`, payload: {} }));
    expect(preview.count).toBe(1);
    expect(preview.items[0].id).toBe(stale);
    published.length = 0;
    for (let i = 0; i < 2; i++) {
      await t.kefu.jobs.enqueue(t.kefu.db, AUTOMATIONS_SCHEDULE_JOB, {});
      await t.kefu.jobs.drain();
    }
    await new Promise((res) => setTimeout(res, 10));
    expect((await ticketRow(stale)).tags).toEqual(['超时待回复']);
    expect((await ticketRow(fresh)).tags).toEqual([]);
    expect((await ticketRow(closed)).tags).toEqual([]);
    expect((await rule(r.id)).run_count).toBe(1);
    const runs = await t.kefu.db.selectFrom('automation_runs').selectAll().where('automation_id', '=', r.id).execute();
    expect(runs.map((x) => x.ticket_id)).toEqual([stale]);
    expect((await messages(stale)).filter((m) => m.kind === 'system')).toHaveLength(1);
    expect(published.filter((e) => e.type === 'automation.notify').map((e) => e.userIds)).toEqual([[agentId]]);
    // the tag changed the ticket, yet it is not acted on again
    await t.kefu.jobs.enqueue(t.kefu.db, AUTOMATIONS_SCHEDULE_JOB, {});
    await t.kefu.jobs.drain();
    expect((await rule(r.id)).run_count).toBe(1);
    ok(await disable(r.id));
  });

  it('previews unsaved conditions over open tickets', async () => {
    const a = await insertTicket(t.kefu.db, t.orgId, { createdAt: ago(30), channel: 'portal', subject: '门户：退款进度' });
    await insertTicket(t.kefu.db, t.orgId, { createdAt: ago(1), channel: 'portal', subject: '门户：退款进度' });
    const res = ok(
      await t.admin({
        method: 'POST',
        url: '/api/v1/automations/preview',
        payload: { conditions: { all: [{ field: 'channel', op: 'in', value: ['portal', 'web_form'] }, { field: 'hours_since_created', op: 'gt', value: 24 }, { field: 'category_id', op: 'is_empty' }], any: [] } },
      }),
    );
    expect(res).toMatchObject({ count: 1, items: [{ id: a }] });
  });

  it('manages rules: list, update with If-Match, enable, reorder, delete; audited; needs automations.manage', async () => {
    const a = await createRule(t.admin, { name: 'A', kind: 'trigger', events: ['created'], conditions: {}, actions: [{ type: 'add_tag', tag: 'a' }], active: false });
    const list = ok(await t.admin({ method: 'GET', url: '/api/v1/automations' }));
    const triggers = list.items.filter((x: { kind: string }) => x.kind === 'trigger');
    expect(triggers.at(-1)).toMatchObject({ id: a.id, active: false });
    const patch = (payload: Record<string, unknown>, v?: string) => t.admin({ method: 'PATCH', url: `/api/v1/automations/${a.id}`, payload, headers: v ? { 'if-match': v } : {} });
    expect((await patch({ name: 'A2' })).statusCode).toBe(428);
    expect(ok(await patch({ name: 'A2', events: ['created', 'updated'] }, '"1"'))).toMatchObject({ name: 'A2', events: ['created', 'updated'], version: 2 });
    expect((await patch({ name: 'A3' }, '"1"')).statusCode).toBe(412);
    expect(ok(await t.admin({ method: 'POST', url: `/api/v1/automations/${a.id}/enable`, payload: {} }))).toMatchObject({ active: true, version: 3 });
    const ids = triggers.map((x: { id: string }) => x.id);
    const reordered = ok(await t.admin({ method: 'POST', url: '/api/v1/automations/reorder', payload: { ids: [a.id, ...ids.filter((i: string) => i !== a.id)] } }));
    expect(reordered.items.find((x: { id: string }) => x.id === a.id).position).toBe(0);
    expect((await t.admin({ method: 'POST', url: '/api/v1/automations/reorder', payload: { ids: [a.id] } })).statusCode).toBe(400);
    expect((await t.admin({ method: 'DELETE', url: `/api/v1/automations/${a.id}` })).statusCode).toBe(204);
    expect((await t.admin({ method: 'GET', url: `/api/v1/automations/${a.id}` })).statusCode).toBe(404);
    expect(await auditRows(t, 'automation.enable', a.id)).toHaveLength(1);
    expect(await auditRows(t, 'automation.delete', a.id)).toHaveLength(1);
    const role = await createRole(t.admin, 'ticket_only', ['tickets.read']);
    const reader = await userAs(t, 'auto_reader', { roleIds: [role.id], departmentId: t.rootDeptId });
    expect((await reader.call({ method: 'GET', url: '/api/v1/automations' })).statusCode).toBe(403);
  });

  it('refuses an invalid rule with a 400 naming each field', async () => {
    const details = async (payload: Record<string, unknown>) => {
      const res = await t.admin({ method: 'POST', url: '/api/v1/automations', payload });
      expect(res.statusCode).toBe(400);
      return res.json().error.details.map((d: { path: (string | number)[]; code: string }) => `${d.path.join('.')}:${d.code}`);
    };
    expect(
      await details({
        name: 'x',
        kind: 'trigger',
        events: ['created'],
        conditions: { all: [{ field: 'subject', op: 'gt', value: 3 }, { field: 'eval', op: 'is', value: '1' }] },
        actions: [{ type: 'set_priority', priority: 'asap' }, { type: 'exec', command: 'rm' }],
      }),
    ).toEqual(['body.conditions.all.0.op:op_not_allowed', 'body.conditions.all.1.field:field_unknown', 'body.actions.0.priority:value_invalid', 'body.actions.1.type:action_unknown']);
    expect(await details({ name: 'x', kind: 'trigger', actions: [{ type: 'add_tag', tag: 'a' }] })).toEqual(['body.events:events_required']);
    expect(await details({ name: 'x', kind: 'schedule', actions: [{ type: 'add_tag', tag: 'a' }] })).toEqual(['body.conditions:conditions_required']);
    const ghost = '01900000-0000-7000-8000-000000000000';
    expect(await details({ name: 'x', kind: 'trigger', events: ['created'], actions: [{ type: 'assign_team', teamId: ghost }, { type: 'reply_template', cannedReplyId: ghost }] })).toEqual([
      'body.actions.0.teamId:team_not_found',
      'body.actions.1.cannedReplyId:reply_not_found',
    ]);
    expect(await details({ name: 'x', kind: 'trigger', events: ['created'], actions: [], script: 'x' })).toEqual(['body:unrecognized_keys']);
    const res = await t.admin({ method: 'POST', url: '/api/v1/automations', payload: { name: 'x', kind: 'trigger', events: ['created'], conditions: { all: [{ field: 'subject', op: 'gt', value: 3 }] }, actions: [{ type: 'add_tag', tag: 'a' }] } });
    expect(res.json().error.details[0].message).toContain('subject');
  });

  it('replies with a canned reply on creation', async () => {
    const reply = await t.kefu.db
      .insertInto('canned_replies')
      .values({ org_id: t.orgId, id: uuidv7(), title: '受理回执', body: '您好，您的工单 {{ticket.number}} 已受理。', ticket_types: [] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await createRule(t.admin, { name: '自动回执', kind: 'trigger', events: ['created'], conditions: { all: [{ field: 'channel', op: 'is', value: 'web_form' }] }, actions: [{ type: 'reply_template', cannedReplyId: reply.id }] });
    const ticket = await createTicket(t.admin, { subject: '网页留言', channel: 'web_form' });
    const replies = (await messages(ticket.id)).filter((m) => m.kind === 'reply');
    expect(replies.map((m) => m.body_text)).toEqual([`您好，您的工单 ${ticket.number} 已受理。`]);
    ok(await disable(r.id));
  });
});
