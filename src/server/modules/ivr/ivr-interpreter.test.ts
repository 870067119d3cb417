import { describe, expect, it } from 'vitest';
import type { IvrFlow } from '../../../shared/ivr-flow.js';
import { type IvrCallState, type IvrEvent, type IvrInstruction, type IvrStepResult, newIvrCall } from './ivr-call.js';
import { stepIvr } from './ivr-interpreter.js';
import { flowOf, hotlineFlow } from './ivr.fixtures.js';

const START = Date.UTC(2026, 2, 2, 2, 0, 0); // 10:00 Beijing time, a Monday

/** Drives one call: each event one second after the previous one. */
function call(flow: IvrFlow = hotlineFlow()) {
  let state: IvrCallState = newIvrCall();
  let second = 0;
  return {
    send(event: IvrEvent): IvrStepResult {
      const result = stepIvr({ flow, state, event, now: new Date(START + 1000 * second++) });
      state = result.state;
      return result;
    },
    get state() {
      return state;
    },
  };
}

const spoken = (instructions: IvrInstruction[]) => instructions.flatMap((i) => (i.type === 'play' ? [i.text] : []));
const types = (instructions: IvrInstruction[]) => instructions.map((i) => i.type);
const findOf = <T extends IvrInstruction['type']>(instructions: IvrInstruction[], type: T) =>
  instructions.find((i): i is Extract<IvrInstruction, { type: T }> => i.type === type);

/** A call on the hotline that has reached the main menu within business hours. */
function atMainMenu(callerNumber: string | null = '13800138000') {
  const c = call();
  c.send({ type: 'call_started', callerNumber, calledNumber: '4008001234' });
  if (callerNumber) c.send({ type: 'caller_lookup_result', found: false });
  c.send({ type: 'business_hours_result', open: true });
  return c;
}

describe('stepIvr: the hotline', () => {
  it('greets, identifies the caller and asks about business hours at the time passed in', () => {
    const c = call();
    const first = c.send({ type: 'call_started', callerNumber: '13800138000', calledNumber: '4008001234' });
    expect(spoken(first.instructions)).toEqual(['您好，欢迎致电客服热线。']);
    expect(findOf(first.instructions, 'lookup_caller')).toEqual({ type: 'lookup_caller', nodeId: 'identify', seq: 1, callerNumber: '13800138000' });
    const second = c.send({ type: 'caller_lookup_result', seq: 1, found: false });
    expect(second.instructions).toEqual([{ type: 'check_business_hours', nodeId: 'hours', seq: 2, calendarId: 'cal-main', at: '2026-03-02T02:00:01.000Z' }]);
  });

  it('pressing 2, a ticket number and # reads the ticket status, then offers the menu again', () => {
    const c = atMainMenu();
    const asked = c.send({ type: 'dtmf', digits: '2' });
    expect(spoken(asked.instructions)).toEqual(['请输入工单号，以井号键结束。']);
    expect(findOf(asked.instructions, 'collect_digits')).toMatchObject({ nodeId: 'ask_ticket', minDigits: 6, maxDigits: 12, terminator: '#', timeoutSeconds: 10 });

    // keys arrive one by one or several at a time
    expect(c.send({ type: 'dtmf', digits: '2026' }).instructions).toEqual([]);
    expect(c.send({ type: 'dtmf', digits: '0' }).instructions).toEqual([]);
    expect(c.send({ type: 'dtmf', digits: '5' }).instructions).toEqual([]);
    const lookup = c.send({ type: 'dtmf', digits: '17#' });
    expect(lookup.instructions).toEqual([{ type: 'lookup_ticket_status', nodeId: 'ticket_lookup', seq: c.state.seq, ticketNumber: '20260517' }]);
    expect(c.state.variables.ticket_no).toBe('20260517');

    const told = c.send({ type: 'ticket_status_result', found: true, status: 'in_progress', statusLabel: '处理中' });
    expect(spoken(told.instructions)).toEqual(['您的工单 20260517 当前状态：处理中。', '售后服务请按1，查询工单进度请按2，预约回电请按3，人工服务请按0。']);
    expect(c.state.variables).toMatchObject({ 'ticket.number': '20260517', 'ticket.status': 'in_progress', 'ticket.status_label': '处理中' });
    expect(told.path.map((s) => [s.nodeId, s.exit])).toEqual([
      ['welcome', 'next'],
      ['identify', 'on_not_found'],
      ['hours', 'on_open'],
      ['main_menu', 'option:2'],
      ['ask_ticket', 'next'],
      ['ticket_lookup', 'on_found'],
      ['tell_status', 'next'],
      ['main_menu', null],
    ]);
  });

  it('an unknown ticket number says so and returns to the menu', () => {
    const c = atMainMenu();
    c.send({ type: 'dtmf', digits: '2' });
    c.send({ type: 'dtmf', digits: '999999#' });
    const result = c.send({ type: 'ticket_status_result', found: false });
    expect(spoken(result.instructions)[0]).toBe('没有找到该工单。');
    expect(c.state.nodeId).toBe('main_menu');
  });

  it('a wrong key is re-prompted once, a second wrong key takes the invalid branch', () => {
    const c = atMainMenu();
    const first = c.send({ type: 'dtmf', digits: '7' });
    expect(spoken(first.instructions)).toEqual(['输入有误，请重新选择。', '售后服务请按1，查询工单进度请按2，预约回电请按3，人工服务请按0。']);
    expect(types(first.instructions)).toEqual(['play', 'play', 'collect_digits']);
    expect(c.state.retries.main_menu).toBe(1);

    const second = c.send({ type: 'dtmf', digits: '8' });
    expect(spoken(second.instructions)).toEqual(['输入错误次数过多，为您转接人工服务。']);
    expect(findOf(second.instructions, 'enqueue')).toEqual({ type: 'enqueue', nodeId: 'agent_queue', queueId: 'general', priority: 3 });
    expect(c.state).toMatchObject({ status: 'finished', endReason: 'enqueued', awaiting: null });
    expect(second.path.slice(-3).map((s) => [s.nodeId, s.exit])).toEqual([
      ['main_menu', 'on_invalid'],
      ['too_many_errors', 'next'],
      ['agent_queue', null],
    ]);
  });

  it('silence at the menu: one re-prompt, then the timeout branch', () => {
    const c = atMainMenu();
    const first = c.send({ type: 'timeout' });
    expect(spoken(first.instructions)[0]).toBe('没有听到您的选择。');
    const second = c.send({ type: 'timeout' });
    expect(findOf(second.instructions, 'enqueue')?.queueId).toBe('general');
    expect(second.path.at(-2)).toMatchObject({ nodeId: 'main_menu', exit: 'on_timeout' });
  });

  it('a late timeout for an earlier prompt is ignored', () => {
    const c = atMainMenu();
    const staleSeq = c.state.seq;
    c.send({ type: 'dtmf', digits: '2' });
    const before = c.state;
    const late = c.send({ type: 'timeout', seq: staleSeq });
    expect(late).toMatchObject({ ignored: 'stale', instructions: [] });
    expect(c.state).toBe(before);
  });

  it('digit entry: silence after enough digits ends the entry; too few digits is re-asked, then back to the menu', () => {
    const enough = atMainMenu();
    enough.send({ type: 'dtmf', digits: '2' });
    enough.send({ type: 'dtmf', digits: '1234567' });
    expect(findOf(enough.send({ type: 'timeout' }).instructions, 'lookup_ticket_status')?.ticketNumber).toBe('1234567');

    const short = atMainMenu();
    short.send({ type: 'dtmf', digits: '2' });
    const retry = short.send({ type: 'dtmf', digits: '12#' });
    expect(spoken(retry.instructions)).toEqual(['请输入工单号，以井号键结束。']);
    expect(short.state.digits).toBe('');
    const back = short.send({ type: 'timeout' });
    expect(short.state.nodeId).toBe('main_menu');
    expect(back.path.at(-2)).toMatchObject({ nodeId: 'ask_ticket', exit: 'on_timeout' });
  });

  it('a VIP caller found by the lookup is enqueued with the VIP priority', () => {
    const c = call();
    c.send({ type: 'call_started', callerNumber: '13900139000' });
    c.send({ type: 'caller_lookup_result', found: true, customer: { id: 'cust-1', name: '王先生', tier: 'vip' } });
    expect(c.state.variables).toMatchObject({ 'customer.id': 'cust-1', 'customer.name': '王先生', 'customer.tier': 'vip', 'queue.priority': '8' });
    c.send({ type: 'business_hours_result', open: true });
    const queued = c.send({ type: 'dtmf', digits: '1' });
    expect(spoken(queued.instructions)).toEqual(['正在为您转接售后服务。']);
    expect(findOf(queued.instructions, 'enqueue')).toEqual({ type: 'enqueue', nodeId: 'after_sales_queue', queueId: 'after-sales', priority: 8 });
  });

  it('an ordinary customer keeps the queue node priority', () => {
    const c = call();
    c.send({ type: 'call_started', callerNumber: '13900139000' });
    c.send({ type: 'caller_lookup_result', found: true, customer: { id: 'cust-2', tier: 'ordinary' } });
    c.send({ type: 'business_hours_result', open: true });
    expect(findOf(c.send({ type: 'dtmf', digits: '0' }).instructions, 'enqueue')?.priority).toBe(3);
  });

  it('a withheld number is not looked up', () => {
    const c = call();
    const first = c.send({ type: 'call_started', callerNumber: null });
    expect(types(first.instructions)).toEqual(['play', 'check_business_hours']);
    expect(first.path[1]).toMatchObject({ nodeId: 'identify', exit: 'on_not_found' });
  });

  it('outside business hours the caller is told and sent to voicemail', () => {
    const c = call();
    c.send({ type: 'call_started', callerNumber: '13800138000' });
    c.send({ type: 'caller_lookup_result', found: false });
    const closed = c.send({ type: 'business_hours_result', open: false });
    expect(closed.instructions).toEqual([
      { type: 'play', nodeId: 'closed_notice', text: '现在是非工作时间，请在提示音后留言。' },
      { type: 'voicemail', nodeId: 'voicemail', mailboxId: null, maxSeconds: 120 },
    ]);
    expect(c.state.endReason).toBe('voicemail');
  });

  it('pressing 3 requests a callback on the caller number and ends the call', () => {
    const c = atMainMenu();
    const result = c.send({ type: 'dtmf', digits: '3' });
    expect(types(result.instructions)).toEqual(['play', 'callback_request', 'hangup']);
    expect(findOf(result.instructions, 'callback_request')).toEqual({ type: 'callback_request', nodeId: 'callback', number: '13800138000', queueId: 'callbacks' });
    expect(c.state.endReason).toBe('callback_requested');
  });
});

describe('stepIvr: events that do not apply, and purity', () => {
  it('ignores events before the call starts, after it ends, and of the wrong kind', () => {
    const c = call();
    expect(c.send({ type: 'dtmf', digits: '1' }).ignored).toBe('not_started');
    c.send({ type: 'call_started', callerNumber: '13800138000' });
    expect(c.send({ type: 'call_started', callerNumber: '13800138000' }).ignored).toBe('unexpected');
    expect(c.send({ type: 'business_hours_result', open: true }).ignored).toBe('unexpected');
    expect(c.send({ type: 'dtmf', digits: '1' }).ignored).toBe('unexpected');
    c.send({ type: 'caller_hung_up' });
    expect(c.state).toMatchObject({ status: 'finished', endReason: 'caller_hung_up' });
    expect(c.state.path.at(-1)).toMatchObject({ nodeId: 'identify', exit: 'caller_hung_up' });
    expect(c.send({ type: 'timeout' }).ignored).toBe('finished');
  });

  it('never changes the state passed in', () => {
    const c = atMainMenu();
    const before = c.state;
    const snapshot = structuredClone(before);
    const result = stepIvr({ flow: hotlineFlow(), state: before, event: { type: 'dtmf', digits: '2123456#' }, now: new Date(START) });
    expect(before).toEqual(snapshot);
    expect(result.state).not.toBe(before);
    expect(result.state.nodeId).toBe('ticket_lookup');
  });

  it('hangs up instead of spinning on an unvalidated flow with an automatic loop', () => {
    const flow = flowOf([
      { id: 'a', kind: 'play', start: true, text: '一', next: 'b' },
      { id: 'b', kind: 'play', text: '二', next: 'a' },
    ]);
    const result = call(flow).send({ type: 'call_started', callerNumber: null });
    expect(result.state.endReason).toBe('step_limit');
    expect(result.instructions.at(-1)).toMatchObject({ type: 'hangup', reason: 'step_limit' });
  });

  it('hangs up on an unconnected exit or a flow without a start', () => {
    const dangling = flowOf([{ id: 'a', kind: 'play', start: true, text: '一', next: null }]);
    expect(call(dangling).send({ type: 'call_started', callerNumber: null }).instructions).toEqual([
      { type: 'play', nodeId: 'a', text: '一' },
      { type: 'hangup', nodeId: 'a', reason: 'flow_error' },
    ]);
    const startless = flowOf([{ id: 'a', kind: 'hangup' }]);
    expect(call(startless).send({ type: 'call_started', callerNumber: null }).state.endReason).toBe('flow_error');
  });
});
