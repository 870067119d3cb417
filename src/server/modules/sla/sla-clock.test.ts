import { describe, expect, it } from 'vitest';
import type { BusinessCalendar, DayOverride } from '../../../shared/business-time.js';
import { computeSlaClock, type ConversationEvent, type SlaClockInput, type SlaTargets, type StatusChange } from './sla-clock.js';

/** Beijing wall time → instant. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const iso = (local: string) => sh(local).toISOString();

const DAY = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
// 2026 National Day: 1–7 October off, Sunday 20 September and Saturday 10 October are make-up workdays (调休).
const overrides: Record<string, DayOverride> = { '2026-09-20': { kind: 'workday', name: '国庆调休' }, '2026-10-10': { kind: 'workday', name: '国庆调休' } };
for (let d = 1; d <= 7; d++) overrides[`2026-10-0${d}`] = { kind: 'holiday', name: '国庆节' };
const calendar: BusinessCalendar = { timezone: 'Asia/Shanghai', weekly: [DAY, DAY, DAY, DAY, DAY, [], []], overrides };

const targets = (t: Partial<SlaTargets>): SlaTargets => ({ firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null, warnPercent: 80, ...t });
const status = (toStatus: StatusChange['toStatus'], at: string): StatusChange => ({ toStatus, at: sh(at) });
const reply = (at: string): ConversationEvent => ({ kind: 'agent_reply', at: sh(at) });
const customer = (at: string): ConversationEvent => ({ kind: 'customer_message', at: sh(at) });

function clock(input: Partial<Omit<SlaClockInput, 'now' | 'createdAt'>> & { created: string; now: string; targets: SlaTargets }) {
  return computeSlaClock({ calendar, statusHistory: [], events: [], explain: true, ...input, createdAt: sh(input.created), now: sh(input.now) });
}
const spans = (list: { start: Date; end: Date; counted: boolean; reason: string }[]) =>
  list.map((i) => `${i.start.toISOString()} ${i.end.toISOString()} ${i.counted ? '+' : '-'} ${i.reason}`);
const span = (a: string, b: string, counted: boolean, reason: string) => `${iso(a)} ${iso(b)} ${counted ? '+' : '-'} ${reason}`;

describe('SLA clock', () => {
  it('skips the weekend: Friday 16:00 + 4 working hours is due Monday 11:00', () => {
    const c = clock({ created: '2026-11-27 16:00', now: '2026-11-28 10:00', targets: targets({ firstResponseMinutes: 240 }) });
    const m = c.metrics.first_response;
    expect(m).toMatchObject({ state: 'running', elapsedMinutes: 120, dueAt: sh('2026-11-30 11:00'), warningAt: sh('2026-11-30 10:12'), metAt: null, breachedAt: null });
    expect(c.state).toBe('ok');
    expect(c.nextCheckAt).toEqual(sh('2026-11-30 10:12'));
    expect(spans(m.intervals)).toEqual([
      span('2026-11-27 16:00', '2026-11-27 18:00', true, 'working'),
      span('2026-11-27 18:00', '2026-11-28 00:00', false, 'outside_hours'),
      span('2026-11-28 00:00', '2026-11-28 10:00', false, 'weekend'),
    ]);
    expect(c.metrics.resolution.state).toBe('none');
  });

  it('a changed policy gives a different due time for the same ticket', () => {
    const base = { created: '2026-11-27 16:00', now: '2026-11-28 10:00' };
    expect(clock({ ...base, targets: targets({ firstResponseMinutes: 240 }) }).metrics.first_response.dueAt).toEqual(sh('2026-11-30 11:00'));
    const longer = clock({ ...base, targets: targets({ firstResponseMinutes: 480, warnPercent: 50 }) }).metrics.first_response;
    expect(longer.dueAt).toEqual(sh('2026-11-30 16:00'));
    expect(longer.warningAt).toEqual(sh('2026-11-30 11:00'));
  });

  it('skips a statutory holiday and counts the 调休 make-up workdays', () => {
    const holiday = clock({ created: '2026-09-30 17:00', now: '2026-10-08 09:30', targets: targets({ resolutionMinutes: 120 }) }).metrics.resolution;
    expect(holiday).toMatchObject({ state: 'running', elapsedMinutes: 90, dueAt: sh('2026-10-08 10:00') });
    expect(spans(holiday.intervals)).toEqual([
      span('2026-09-30 17:00', '2026-09-30 18:00', true, 'working'),
      span('2026-09-30 18:00', '2026-10-01 00:00', false, 'outside_hours'),
      span('2026-10-01 00:00', '2026-10-08 00:00', false, 'holiday'),
      span('2026-10-08 00:00', '2026-10-08 09:00', false, 'outside_hours'),
      span('2026-10-08 09:00', '2026-10-08 09:30', true, 'working'),
    ]);
    // Friday 9 October 17:00 + 2 h: the make-up Saturday counts, due Saturday 10:00 rather than Monday.
    expect(clock({ created: '2026-10-09 17:00', now: '2026-10-09 17:30', targets: targets({ resolutionMinutes: 120 }) }).metrics.resolution.dueAt).toEqual(sh('2026-10-10 10:00'));
    // Saturday 19 September: the Sunday after is a make-up workday.
    expect(clock({ created: '2026-09-19 10:00', now: '2026-09-19 11:00', targets: targets({ resolutionMinutes: 60 }) }).metrics.resolution.dueAt).toEqual(sh('2026-09-20 10:00'));
  });

  it('pauses while pending and resumes across days', () => {
    const history = [status('open', '2026-11-23 10:00'), status('pending', '2026-11-23 15:00'), status('open', '2026-11-24 11:00')];
    const paused = clock({ created: '2026-11-23 09:00', now: '2026-11-23 16:00', statusHistory: history, targets: targets({ resolutionMinutes: 600 }) });
    expect(paused.metrics.resolution).toMatchObject({ state: 'paused', elapsedMinutes: 300, dueAt: null, warningAt: null });
    expect(paused.state).toBe('paused');
    expect(paused.nextCheckAt).toBeNull();

    const resumed = clock({ created: '2026-11-23 09:00', now: '2026-11-24 14:00', statusHistory: history, targets: targets({ resolutionMinutes: 600 }) });
    // without the pause it would have been due Tuesday 11:00
    expect(resumed.metrics.resolution).toMatchObject({ state: 'running', elapsedMinutes: 420, dueAt: sh('2026-11-24 17:00'), warningAt: sh('2026-11-24 15:00') });
    expect(spans(resumed.metrics.resolution.intervals)).toEqual([
      span('2026-11-23 09:00', '2026-11-23 12:00', true, 'working'),
      span('2026-11-23 12:00', '2026-11-23 13:00', false, 'outside_hours'),
      span('2026-11-23 13:00', '2026-11-23 15:00', true, 'working'),
      span('2026-11-23 15:00', '2026-11-24 11:00', false, 'paused_pending'),
      span('2026-11-24 11:00', '2026-11-24 12:00', true, 'working'),
      span('2026-11-24 12:00', '2026-11-24 13:00', false, 'outside_hours'),
      span('2026-11-24 13:00', '2026-11-24 14:00', true, 'working'),
    ]);
    // on hold pauses too, and says so
    const onHold = clock({ created: '2026-11-23 09:00', now: '2026-11-23 10:00', statusHistory: [status('on_hold', '2026-11-23 09:30')], targets: targets({ resolutionMinutes: 600 }) });
    expect(onHold.metrics.resolution.intervals.at(-1)).toMatchObject({ counted: false, reason: 'paused_on_hold' });
  });

  it('resolution stops when resolved and a reopen resumes from the elapsed total', () => {
    const history = [status('open', '2026-11-23 09:00'), status('resolved', '2026-11-23 11:00')];
    const met = clock({ created: '2026-11-23 09:00', now: '2026-11-23 12:00', statusHistory: history, targets: targets({ resolutionMinutes: 480 }) });
    expect(met.metrics.resolution).toMatchObject({ state: 'met', elapsedMinutes: 120, metAt: sh('2026-11-23 11:00'), dueAt: null });
    expect(met.state).toBe('met');

    const reopened = clock({
      created: '2026-11-23 09:00',
      now: '2026-11-25 10:00',
      statusHistory: [...history, status('open', '2026-11-25 09:00')],
      targets: targets({ resolutionMinutes: 480 }),
    });
    expect(reopened.metrics.resolution).toMatchObject({ state: 'running', elapsedMinutes: 180, dueAt: sh('2026-11-25 16:00'), metAt: null });
    expect(reopened.metrics.resolution.intervals).toContainEqual({ start: sh('2026-11-23 11:00'), end: sh('2026-11-25 09:00'), counted: false, reason: 'stopped' });
  });

  it('first response is met by the first agent reply, or fulfilled by resolving', () => {
    const replied = clock({ created: '2026-11-23 09:00', now: '2026-11-23 12:00', events: [customer('2026-11-23 09:05'), reply('2026-11-23 10:30')], targets: targets({ firstResponseMinutes: 60 }) });
    expect(replied.metrics.first_response).toMatchObject({ state: 'breached', metAt: sh('2026-11-23 10:30'), breachedAt: sh('2026-11-23 10:00'), dueAt: sh('2026-11-23 10:00'), elapsedMinutes: 90 });
    expect(replied.crossed).toEqual([
      { metric: 'first_response', kind: 'warning', at: sh('2026-11-23 09:48'), open: false },
      { metric: 'first_response', kind: 'breach', at: sh('2026-11-23 10:00'), open: false },
    ]);
    const solved = clock({ created: '2026-11-23 09:00', now: '2026-11-23 12:00', statusHistory: [status('resolved', '2026-11-23 09:20')], targets: targets({ firstResponseMinutes: 60 }) });
    expect(solved.metrics.first_response).toMatchObject({ state: 'met', metAt: sh('2026-11-23 09:20'), elapsedMinutes: 20 });
    expect(solved.crossed).toEqual([]);
  });

  it('next response: a customer message after an agent reply opens a cycle the next reply closes', () => {
    const events = [
      customer('2026-11-23 09:00'),
      reply('2026-11-23 09:10'),
      customer('2026-11-23 09:30'),
      customer('2026-11-23 09:40'),
      reply('2026-11-23 10:00'),
      customer('2026-11-23 11:30'),
    ];
    const c = clock({ created: '2026-11-23 09:00', now: '2026-11-23 14:00', events, targets: targets({ firstResponseMinutes: 30, nextResponseMinutes: 60 }) });
    expect(c.metrics.first_response).toMatchObject({ state: 'met', metAt: sh('2026-11-23 09:10') });
    // the second cycle: 11:30–12:00 then 13:00–13:30 over lunch
    expect(c.metrics.next_response).toMatchObject({ state: 'breached', startedAt: sh('2026-11-23 11:30'), breachedAt: sh('2026-11-23 13:30'), elapsedMinutes: 90, metAt: null });
    expect(c.state).toBe('breached');
    expect(c.crossed).toEqual([
      { metric: 'next_response', kind: 'warning', at: sh('2026-11-23 13:18'), open: true },
      { metric: 'next_response', kind: 'breach', at: sh('2026-11-23 13:30'), open: true },
    ]);
    expect(c.nextCheckAt).toBeNull();

    // before the customer wrote again: the first cycle (09:30 → 10:00) was met, nothing runs
    const early = clock({ created: '2026-11-23 09:00', now: '2026-11-23 11:00', events: events.slice(0, 5), targets: targets({ nextResponseMinutes: 60 }) });
    expect(early.metrics.next_response).toMatchObject({ state: 'met', startedAt: sh('2026-11-23 09:30'), metAt: sh('2026-11-23 10:00'), elapsedMinutes: 30 });
    // a customer message before any agent reply opens no next-response cycle
    expect(clock({ created: '2026-11-23 09:00', now: '2026-11-23 11:00', events: [customer('2026-11-23 09:30')], targets: targets({ nextResponseMinutes: 60 }) }).metrics.next_response.state).toBe('none');
  });

  it('overall state: warning once a running metric passed its warning instant', () => {
    const c = clock({ created: '2026-11-23 09:00', now: '2026-11-23 09:55', targets: targets({ firstResponseMinutes: 60, resolutionMinutes: 480 }) });
    expect(c.metrics.first_response).toMatchObject({ state: 'running', warningAt: sh('2026-11-23 09:48'), dueAt: sh('2026-11-23 10:00') });
    expect(c.state).toBe('warning');
    expect(c.nextCheckAt).toEqual(sh('2026-11-23 10:00'));
    expect(c.crossed).toEqual([{ metric: 'first_response', kind: 'warning', at: sh('2026-11-23 09:48'), open: true }]);
    // a ticket created outside working hours starts counting at the next working minute
    const night = clock({ created: '2026-11-23 20:00', now: '2026-11-23 23:00', targets: targets({ firstResponseMinutes: 60 }) });
    expect(night.metrics.first_response).toMatchObject({ elapsedMinutes: 0, dueAt: sh('2026-11-24 10:00') });
    expect(clock({ created: '2026-11-23 20:00', now: '2026-11-23 23:00', targets: targets({}) }).state).toBe('none');
  });

  it('the same history gives the same instants whenever it is recomputed', () => {
    const input = { created: '2026-11-23 09:00', statusHistory: [status('pending', '2026-11-23 09:33'), status('open', '2026-11-23 09:41')], targets: targets({ resolutionMinutes: 97 }) };
    const a = clock({ ...input, now: '2026-11-23 09:50' }).metrics.resolution;
    const b = clock({ ...input, now: '2026-11-23 10:20' }).metrics.resolution;
    expect(a.dueAt).toEqual(b.dueAt);
    expect(a.warningAt).toEqual(b.warningAt);
  });
});
