import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBusinessMinutes } from '../../../shared/business-time.js';
import type { RealtimeEvent } from '../../platform/context.js';
import { createCustomer } from '../customers/customers.fixtures.js';
import { loadBusinessCalendar } from '../config/calendars.service.js';
import { auditRows, ok, type OrgTest, setupOrg } from '../org/org.fixtures.js';
import { createTicket, deskAgent } from '../tickets/tickets.fixtures.js';
import { DueCalculator } from './complaint-limits.js';
import { scanLateSteps } from './complaints.scan.js';
import { openComplaint } from './complaints.service.js';

const complete = (call: OrgTest['admin'], id: string, step: string, payload: Record<string, unknown> = {}) =>
  call({ method: 'POST', url: `/api/v1/tickets/${id}/complaint/steps/${step}/complete`, payload });

describe('complaints: the seven-step process (§5.4)', () => {
  let t: OrgTest;
  let events: RealtimeEvent[];
  beforeAll(async () => {
    t = await setupOrg();
    events = [];
    t.kefu.events.subscribe((e) => events.push(e));
    // a working week of 09:00–17:00, Asia/Shanghai
    const weekday = [{ start: '09:00', end: '17:00' }];
    ok(await t.admin({ method: 'POST', url: '/api/v1/calendars', payload: { name: '工作日', weeklyHours: [weekday, weekday, weekday, weekday, weekday, [], []], isDefault: true } }), 201);
  });
  afterAll(async () => t?.close());

  const openFor = async (subject: string, extra: Record<string, unknown> = {}) => {
    const ticket = await createTicket(t.admin, { type: 'complaint', subject, description: '快递延误三天，包装破损', ...extra });
    const complaint = ok(await t.admin({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/complaint` }));
    return { ticket, complaint };
  };

  it('runs the process end to end in order: steps, owners, due times, ticket closed, timeline and audit', async () => {
    const customer = await createCustomer(t.admin, { name: '李秀英', phones: [{ value: '13812345678' }] });
    const { ticket, complaint } = await openFor('快递延误投诉', { customerId: customer.id, requesterName: '李秀英' });
    expect(complaint).toMatchObject({ ticketId: ticket.id, currentStep: 'receive', severity: 'general', complainantName: '李秀英', matter: '快递延误三天，包装破损', late: false });
    expect(complaint.steps.map((s: any) => s.step)).toEqual(['receive', 'register', 'investigate', 'handle', 'survey', 'follow_up', 'close']);
    expect(complaint.steps[0]).toMatchObject({ owner: { id: t.adminId }, limitMinutes: 60 });
    expect(complaint.steps[0].dueAt).not.toBeNull();
    expect(complaint.steps[1].dueAt).toBeNull();
    // opening again is a no-op
    expect(await t.kefu.db.transaction().execute((tx) => openComplaint(tx, t.orgId, ticket.id, new Date()))).toBe(false);

    ok(await complete(t.admin, ticket.id, 'receive', { note: '电话接收' }));
    const patched = ok(await t.admin({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}/complaint`, headers: { 'if-match': '"2"' }, payload: { severity: 'serious', complainantPhone: '13812345678' } }));
    expect(patched).toMatchObject({ severity: 'serious', complainantPhone: '13812345678', version: 3 });
    // the register step's clock now runs on the serious limit (60 working minutes)
    const reg = patched.steps[1];
    expect(reg.limitMinutes).toBe(60);
    const cal = (await loadBusinessCalendar(t.kefu.db, t.orgId, null))!.calendar;
    expect(reg.dueAt).toBe(addBusinessMinutes(cal, new Date(reg.startedAt), 60).toISOString());
    expect((await t.admin({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}/complaint`, headers: { 'if-match': '"2"' }, payload: { matter: 'x' } })).statusCode).toBe(412);

    ok(await complete(t.admin, ticket.id, 'register', { occurredAt: '2026-11-20T10:00:00+08:00' }));
    ok(await complete(t.admin, ticket.id, 'investigate', { rootCause: 'service', rootCauseDetail: '快递员未按约定时间派送' }));
    ok(await complete(t.admin, ticket.id, 'handle', { measures: '补发新品并致歉', compensationFen: 5000, recoveryNote: '赠送 50 元优惠券', customerInformedAt: '2026-11-21T15:00:00+08:00' }));
    ok(await complete(t.admin, ticket.id, 'survey', { score: 4, comment: '处理及时' }));
    ok(await complete(t.admin, ticket.id, 'follow_up', { note: '回访客户，已收到补发商品' }));
    const closed = ok(await complete(t.admin, ticket.id, 'close'));
    expect(closed).toMatchObject({ currentStep: 'done', rootCause: 'service', compensationFen: 5000, surveyScore: 4, ticketStatus: 'closed', occurredAt: '2026-11-20T02:00:00.000Z' });
    expect(closed.steps.every((s: any) => s.completedAt && s.completedBy?.id === t.adminId)).toBe(true);
    const history = ok(await t.admin({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/status-history` }));
    expect(history.map((h: any) => h.to)).toEqual(['new', 'resolved', 'closed']);
    expect((await complete(t.admin, ticket.id, 'close')).statusCode).toBe(409);
    expect((await t.admin({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}/complaint`, headers: { 'if-match': `"${closed.version}"` }, payload: { matter: 'x' } })).statusCode).toBe(409);

    const timeline = ok(await t.admin({ method: 'GET', url: `/api/v1/customers/${customer.id}/timeline?limit=50` }));
    const complaintEvents = timeline.items.filter((e: any) => String(e.detail?.event ?? '').startsWith('complaint.'));
    expect(complaintEvents).toHaveLength(8);
    expect(await auditRows(t, 'complaint.step_complete', ticket.id)).toHaveLength(7);
    expect(await auditRows(t, 'complaint.update', ticket.id)).toHaveLength(1);
    expect(events.filter((e) => e.type === 'complaint.updated' && (e.data as any).ticketId === ticket.id)).toHaveLength(7);
  });

  it('refuses out-of-order completion with a 409 naming the step that waits', async () => {
    const { ticket } = await openFor('顺序测试');
    const res = await complete(t.admin, ticket.id, 'investigate', { rootCause: 'other', rootCauseDetail: 'x' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'complaint_step_out_of_order', message: '请先完成「接收」，再处理「调查与分析」' });
    ok(await complete(t.admin, ticket.id, 'receive'));
    expect((await complete(t.admin, ticket.id, 'receive')).json().error.code).toBe('complaint_step_done');
    const c = ok(await t.admin({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/complaint` }));
    expect(c.currentStep).toBe('register');
  });

  it('refuses bad input with localized messages and field paths', async () => {
    const { ticket } = await openFor('输入校验', { description: '' });
    ok(await complete(t.admin, ticket.id, 'receive'));
    // register needs the complainant and the matter
    const reg = await complete(t.admin, ticket.id, 'register', {});
    expect(reg.statusCode).toBe(400);
    expect(Object.fromEntries(reg.json().error.details.map((d: any) => [d.path.join('.'), d.message]))).toEqual({ 'body.complainantName': '请填写投诉人', 'body.matter': '请填写投诉事项' });
    ok(await complete(t.admin, ticket.id, 'register', { complainantName: '赵六', matter: '客服态度差' }));
    const bad = await complete(t.admin, ticket.id, 'investigate', { rootCause: 'weather', rootCauseDetail: '', extra: 1 });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: any) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['body.rootCause', 'body.rootCauseDetail']));
    expect(bad.json().error.details.every((d: any) => /[\u4e00-\u9fa5]/.test(d.message))).toBe(true);
    ok(await complete(t.admin, ticket.id, 'investigate', { rootCause: 'expectation', rootCauseDetail: '客户期望当天到货' }));
    const fen = await complete(t.admin, ticket.id, 'handle', { measures: '致歉', compensationFen: 12.5, customerInformedAt: 'yesterday' });
    expect(fen.json().error.details.map((d: any) => d.path.join('.')).sort()).toEqual(['body.compensationFen', 'body.customerInformedAt']);
    const en = await t.admin({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/complaint/steps/survey/complete`, headers: { 'accept-language': 'en' }, payload: { score: 3 } });
    expect(en.statusCode).toBe(409);
    expect(en.json().error.code).toBe('complaint_step_out_of_order');
    const owner = await t.admin({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/complaint/steps/handle/owner`, payload: { ownerId: '0190a0a0-0000-7000-8000-000000000000' } });
    expect(owner.json().error.details[0]).toMatchObject({ path: ['body', 'ownerId'], message: '负责人不存在或已停用' });
    expect((await t.admin({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/complaint/steps/bogus/complete`, payload: {} })).statusCode).toBe(400);
    const inquiry = await createTicket(t.admin, { subject: '普通咨询' });
    expect((await t.admin({ method: 'POST', url: `/api/v1/tickets/${inquiry.id}/complaint` })).statusCode).toBe(409);
    expect((await t.admin({ method: 'GET', url: `/api/v1/tickets/${inquiry.id}/complaint` })).statusCode).toBe(404);
  });

  it('computes step due times in working hours on the default calendar, across a weekend', async () => {
    const calc = new DueCalculator(t.kefu.db, t.orgId);
    // Friday 16:00 Shanghai + 2 working hours = Monday 10:00
    expect((await calc.due('general', 'register', new Date('2026-11-27T16:00:00+08:00'))).toISOString()).toBe(new Date('2026-11-30T10:00:00+08:00').toISOString());
    // Saturday: the clock only starts on Monday 09:00; 24 working hours = three 8-hour days
    expect((await calc.due('general', 'investigate', new Date('2026-11-28T11:00:00+08:00'))).toISOString()).toBe(new Date('2026-12-02T17:00:00+08:00').toISOString());
    // limits are editable per severity
    const limits = ok(await t.admin({ method: 'PUT', url: '/api/v1/complaints/time-limits', payload: { limits: [{ severity: 'critical', step: 'register', minutes: 240 }] } }));
    expect(limits.items.find((l: any) => l.severity === 'critical' && l.step === 'register')).toMatchObject({ minutes: 240, defaultMinutes: 30 });
    const fresh = new DueCalculator(t.kefu.db, t.orgId);
    expect((await fresh.due('critical', 'register', new Date('2026-11-27T16:00:00+08:00'))).toISOString()).toBe(new Date('2026-11-30T12:00:00+08:00').toISOString());
    expect(await auditRows(t, 'complaint.time_limits')).toHaveLength(1);
    const bad = await t.admin({ method: 'PUT', url: '/api/v1/complaints/time-limits', payload: { limits: [{ severity: 'critical', step: 'register', minutes: 0 }] } });
    expect(bad.json().error.details[0].path).toEqual(['body', 'limits', 0, 'minutes']);
  });

  it('marks a late step once and tells its owner once; the list shows who is late', async () => {
    const agent = await deskAgent(t, 'late_owner');
    const { ticket } = await openFor('超时测试');
    ok(await t.admin({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/complaint/steps/receive/owner`, payload: { ownerId: agent.id } }));
    await t.kefu.db.updateTable('complaint_steps').set({ due_at: new Date(Date.now() - 60_000) }).where('ticket_id', '=', ticket.id).where('step', '=', 'receive').execute();
    const published: RealtimeEvent[] = [];
    const publish = async (e: RealtimeEvent) => void published.push(e);
    await scanLateSteps(t.kefu.db, publish, new Date());
    await scanLateSteps(t.kefu.db, publish, new Date());
    const mine = published.filter((e) => (e.data as any).ticketId === ticket.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ type: 'complaint.step_late', userIds: [agent.id], data: { step: 'receive', number: ticket.number } });
    expect(await auditRows(t, 'complaint.step_late', ticket.id)).toHaveLength(1);

    const late = ok(await t.admin({ method: 'GET', url: '/api/v1/complaints?late=true' }));
    expect(late.items.map((i: any) => i.ticketId)).toEqual([ticket.id]);
    expect(late.items[0]).toMatchObject({ currentStep: 'receive', late: true, owner: { id: agent.id, name: 'late_owner' }, stepsDone: 0, lateSteps: 1 });
    const byOwner = ok(await t.admin({ method: 'GET', url: `/api/v1/complaints?ownerId=${agent.id}` }));
    expect(byOwner.items.map((i: any) => i.ticketId)).toEqual([ticket.id]);
    const view = ok(await t.admin({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/complaint` }));
    expect(view.late).toBe(true);
    expect(view.steps[0].late).toBe(true);
    // finished late, it stays counted as late
    ok(await complete(t.admin, ticket.id, 'receive'));
    const filtered = ok(await t.admin({ method: 'GET', url: '/api/v1/complaints?step=register&severity=general&limit=2' }));
    expect(filtered.items.length).toBeLessThanOrEqual(2);
    expect(filtered.items.every((i: any) => i.currentStep === 'register')).toBe(true);
    expect((await t.admin({ method: 'GET', url: '/api/v1/complaints?step=nowhere' })).statusCode).toBe(400);
  });

  it('counts complaints by root cause, severity and step, with late counts and time per step', async () => {
    const stats = ok(await t.admin({ method: 'GET', url: '/api/v1/complaints/stats' }));
    const count = (list: any[], key: string, value: string) => list.find((x) => x[key] === value)?.count;
    expect(stats.total).toBe(4);
    expect(count(stats.byRootCause, 'rootCause', 'service')).toBe(1);
    expect(count(stats.byRootCause, 'rootCause', 'expectation')).toBe(1);
    expect(count(stats.byRootCause, 'rootCause', 'unknown')).toBe(2);
    expect(count(stats.bySeverity, 'severity', 'serious')).toBe(1);
    expect(count(stats.byStep, 'step', 'done')).toBe(1);
    const receive = stats.steps.find((s: any) => s.step === 'receive');
    expect(receive).toMatchObject({ completed: 4, completedLate: 1 });
    expect(receive.avgHours).toBeGreaterThanOrEqual(0);
    expect(stats.late).toBe(1);
    const empty = ok(await t.admin({ method: 'GET', url: '/api/v1/complaints/stats?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z' }));
    expect(empty.total).toBe(0);
    expect((await t.admin({ method: 'GET', url: '/api/v1/complaints/stats?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z' })).statusCode).toBe(400);
  });

  it('keeps agents to their scope: a complaint on a ticket they cannot see is 404 and not listed', async () => {
    const outsider = await deskAgent(t, 'outsider', { permissions: ['tickets.read', 'tickets.update', 'complaints.handle'] });
    const { ticket } = await openFor('别人的投诉');
    expect((await outsider.call({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/complaint` })).statusCode).toBe(404);
    expect((await complete(outsider.call, ticket.id, 'receive')).statusCode).toBe(404);
    expect(ok(await outsider.call({ method: 'GET', url: '/api/v1/complaints' })).items).toEqual([]);
    expect(ok(await outsider.call({ method: 'GET', url: '/api/v1/complaints/stats' })).total).toBe(0);
    // without complaints.handle an agent reads but does not work the process
    const reader = await deskAgent(t, 'reader', { scope: 'all' });
    ok(await reader.call({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/complaint` }));
    expect((await complete(reader.call, ticket.id, 'receive')).statusCode).toBe(403);
  });

  it('names the ticket’s customer as the complainant when the ticket names no requester', async () => {
    const customer = await createCustomer(t.admin, { name: '周晓梅', phones: [{ value: '13712345678' }] });
    const { complaint } = await openFor('客户名下的投诉', { customerId: customer.id });
    expect(complaint.complainantName).toBe('周晓梅');
    const { complaint: named } = await openFor('请求人投诉', { customerId: customer.id, requesterName: '周先生' });
    expect(named.complainantName).toBe('周先生');
  });
});
