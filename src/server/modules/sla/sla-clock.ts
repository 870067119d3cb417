import type { BusinessCalendar } from '../../../shared/business-time.js';
import type { SlaMetric, SlaState, TicketStatus } from '../../../shared/tickets.js';
import { explainRunning, mergeIntervals, type SlaInterval } from './sla-intervals.js';
import { timelineOf } from './sla-timeline.js';

/**
 * The SLA clock of one ticket (§5.6), computed from its status history, its conversation and a
 * business calendar. Pure: no I/O and no clock — `now` is an input — so a clock can always be
 * recomputed and explained.
 *
 * - first response: from creation to the first public agent reply;
 * - next response: each customer message that follows an agent reply opens a cycle that the
 *   next agent reply closes;
 * - resolution: from creation until resolved or closed; a reopen resumes from the elapsed total.
 * Statuses pending and on_hold pause every running clock; resolving or closing fulfils a pending
 * response. Only working minutes of the calendar count.
 */

export type { IntervalReason, SlaInterval } from './sla-intervals.js';

export type SlaTargets = {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  /** A warning fires when this share (1–99 %) of a target has elapsed. */
  warnPercent: number;
};
export type StatusChange = { toStatus: TicketStatus; at: Date };
export type ConversationEvent = { kind: 'agent_reply' | 'customer_message'; at: Date };
export type MetricState = 'running' | 'paused' | 'met' | 'breached' | 'none';

export type MetricClock = {
  targetMinutes: number | null;
  state: MetricState;
  /** When the (current) cycle started: creation, or the customer message for next response. */
  startedAt: Date | null;
  /** Working minutes counted so far (whole minutes). */
  elapsedMinutes: number;
  /** Projected while running, the missed deadline once breached, null while paused or met. */
  dueAt: Date | null;
  warningAt: Date | null;
  metAt: Date | null;
  breachedAt: Date | null;
  intervals: SlaInterval[];
};

/** A warning or breach instant that has passed; `open` while its cycle still waits to be met. */
export type SlaCrossing = { metric: SlaMetric; kind: 'warning' | 'breach'; at: Date; open: boolean };

export type SlaClock = {
  metrics: Record<SlaMetric, MetricClock>;
  state: SlaState;
  /** The earliest future warning or breach instant of a running metric. */
  nextCheckAt: Date | null;
  /** Every warning and breach that has happened, of every cycle (the scan records them as events). */
  crossed: SlaCrossing[];
};

export type SlaClockInput = {
  targets: SlaTargets;
  calendar: BusinessCalendar;
  createdAt: Date;
  /** In order; the ticket starts as `new` at createdAt. */
  statusHistory: readonly StatusChange[];
  /** In order. */
  events: readonly ConversationEvent[];
  now: Date;
  /** Also list the intervals counted and paused (for the explain view; the scan does not need them). */
  explain?: boolean;
};

type Segment = { start: number; end: number; status: TicketStatus };
type Cycle = { start: number; end: number | null };

const MINUTE = 60_000;
const PAUSE_REASON = { pending: 'paused_pending', on_hold: 'paused_on_hold' } as const;
const isStop = (s: TicketStatus) => s === 'resolved' || s === 'closed';
const isPause = (s: TicketStatus): s is 'pending' | 'on_hold' => s === 'pending' || s === 'on_hold';

/** The ticket's statuses as consecutive segments from creation; the last one never ends. */
function statusSegments(createdAt: number, history: readonly StatusChange[], now: number): Segment[] {
  const segments: Segment[] = [{ start: createdAt, end: Infinity, status: 'new' }];
  for (const change of history) {
    const at = Math.max(change.at.getTime(), createdAt);
    if (at > now) break;
    const last = segments[segments.length - 1];
    if (at === last.start) last.status = change.toStatus;
    else if (change.toStatus !== last.status) {
      last.end = at;
      segments.push({ start: at, end: Infinity, status: change.toStatus });
    }
  }
  return segments;
}

/** Instants at which the ticket became resolved or closed. */
function stopInstants(segments: Segment[]): number[] {
  return segments.filter((s, i) => isStop(s.status) && (i === 0 || !isStop(segments[i - 1].status))).map((s) => s.start);
}

const firstAfter = (list: number[], t: number) => list.find((x) => x > t) ?? null;
const earliest = (...xs: (number | null)[]) => {
  const ok = xs.filter((x): x is number => x !== null);
  return ok.length > 0 ? Math.min(...ok) : null;
};

function responseCycles(createdAt: number, events: readonly ConversationEvent[], stops: number[], now: number) {
  const clamp = (e: ConversationEvent) => Math.max(e.at.getTime(), createdAt);
  const firstReply = events.filter((e) => e.kind === 'agent_reply').map(clamp).find((t) => t <= now) ?? null;
  const first: Cycle = { start: createdAt, end: earliest(firstReply, stops[0] ?? null) };
  const next: Cycle[] = [];
  let replied = false;
  let open: Cycle | null = null;
  for (const e of events) {
    const at = clamp(e);
    if (at > now) break;
    // Resolving or closing the ticket fulfils the response it was waiting for.
    const stop: number | null = open ? firstAfter(stops, open.start) : null;
    if (open && stop !== null && stop <= at) {
      open.end = stop;
      open = null;
    }
    if (e.kind === 'agent_reply') {
      if (open) open.end = at;
      open = null;
      replied = true;
    } else if (replied && !open) {
      open = { start: at, end: null };
      next.push(open);
    }
  }
  if (open) (open as Cycle).end = firstAfter(stops, (open as Cycle).start);
  return { first, next };
}

type CycleResult = MetricClock & { crossed: SlaCrossing[]; nextCheck: number | null };

function runCycle(input: SlaClockInput, segments: Segment[], metric: SlaMetric, target: number, cycle: Cycle): CycleResult {
  const { calendar } = input;
  const timeline = timelineOf(calendar);
  const now = input.now.getTime();
  const targetMs = target * MINUTE;
  const thresholds = [
    { kind: 'warning' as const, ms: Math.floor((targetMs * input.targets.warnPercent) / 100), at: null as number | null },
    { kind: 'breach' as const, ms: targetMs, at: null as number | null },
  ];
  const cycleEnd = cycle.end ?? Infinity;
  const intervals: SlaInterval[] = [];
  let acc = 0;
  for (const seg of segments) {
    const s = Math.max(seg.start, cycle.start);
    const e = Math.min(seg.end, cycleEnd, now);
    if (e <= s) continue;
    if (isPause(seg.status) || isStop(seg.status)) {
      if (input.explain) intervals.push({ start: new Date(s), end: new Date(e), counted: false, reason: isPause(seg.status) ? PAUSE_REASON[seg.status] : 'stopped' });
      continue;
    }
    const ms = timeline.between(s, e);
    for (const th of thresholds) {
      if (th.at === null && acc < th.ms && acc + ms >= th.ms) th.at = timeline.after(s, th.ms - acc);
    }
    acc += ms;
    if (input.explain) intervals.push(...explainRunning(calendar, s, e));
  }
  const open = cycle.end === null;
  const currentStatus = segments[segments.length - 1].status;
  const counting = open && !isPause(currentStatus) && !isStop(currentStatus);
  // Projections: what is still ahead of a clock that runs now.
  const projected = thresholds.map((th) => {
    if (th.at !== null || !counting) return th.at;
    try {
      return timeline.after(now, th.ms - acc);
    } catch {
      return null; // a calendar without working time ahead: no deadline can be given
    }
  });
  const [warnAt, breachAt] = [thresholds[0].at, thresholds[1].at];
  const state: MetricState = breachAt !== null ? 'breached' : !open ? 'met' : counting ? 'running' : 'paused';
  const crossed = thresholds.filter((th) => th.at !== null).map((th) => ({ metric, kind: th.kind, at: new Date(th.at!), open }));
  const future = counting ? projected.filter((x): x is number => x !== null && x > now) : [];
  return {
    targetMinutes: target,
    state,
    startedAt: new Date(cycle.start),
    elapsedMinutes: Math.floor(acc / MINUTE),
    dueAt: state === 'breached' ? new Date(breachAt!) : state === 'running' && projected[1] !== null ? new Date(projected[1]) : null,
    warningAt: state === 'met' || state === 'paused' ? (warnAt === null ? null : new Date(warnAt)) : projected[0] === null ? null : new Date(projected[0]),
    metAt: cycle.end === null ? null : new Date(cycle.end),
    breachedAt: breachAt === null ? null : new Date(breachAt),
    intervals: mergeIntervals(intervals),
    crossed,
    nextCheck: future.length > 0 ? Math.min(...future) : null,
  };
}

const NONE: MetricClock = { targetMinutes: null, state: 'none', startedAt: null, elapsedMinutes: 0, dueAt: null, warningAt: null, metAt: null, breachedAt: null, intervals: [] };

function overallState(metrics: MetricClock[], now: number): SlaState {
  const active = metrics.filter((m) => m.state !== 'none');
  if (active.length === 0) return 'none';
  if (active.some((m) => m.state === 'breached')) return 'breached';
  const running = active.filter((m) => m.state === 'running');
  if (running.some((m) => m.warningAt !== null && m.warningAt.getTime() <= now)) return 'warning';
  if (running.length > 0) return 'ok';
  if (active.some((m) => m.state === 'paused')) return 'paused';
  return 'met';
}

/** Computes every metric of a ticket's SLA at `now`. */
export function computeSlaClock(input: SlaClockInput): SlaClock {
  const now = input.now.getTime();
  const createdAt = Math.min(input.createdAt.getTime(), now);
  const segments = statusSegments(createdAt, input.statusHistory, now);
  const stops = stopInstants(segments);
  const { first, next } = responseCycles(createdAt, input.events, stops, now);
  const resolution: Cycle = { start: createdAt, end: isStop(segments[segments.length - 1].status) ? segments[segments.length - 1].start : null };
  const { firstResponseMinutes, nextResponseMinutes, resolutionMinutes } = input.targets;
  const results: Partial<Record<SlaMetric, CycleResult>> = {};
  const crossed: SlaCrossing[] = [];
  let nextCheck: number | null = null;
  const add = (r: CycleResult) => {
    crossed.push(...r.crossed);
    nextCheck = earliest(nextCheck, r.nextCheck);
  };
  if (firstResponseMinutes) add((results.first_response = runCycle(input, segments, 'first_response', firstResponseMinutes, first)));
  if (resolutionMinutes) add((results.resolution = runCycle(input, segments, 'resolution', resolutionMinutes, resolution)));
  if (nextResponseMinutes) {
    // Every cycle is walked so that an earlier cycle's breach is not lost; the last one is shown.
    next.forEach((cycle, i) => {
      const r = runCycle({ ...input, explain: input.explain && i === next.length - 1 }, segments, 'next_response', nextResponseMinutes, cycle);
      add(r);
      results.next_response = r;
    });
  }
  const strip = (r: CycleResult | undefined, target: number | null): MetricClock => {
    if (!r) return { ...NONE, targetMinutes: target, intervals: [] };
    const { crossed: _c, nextCheck: _n, ...clock } = r;
    return clock;
  };
  const metrics = {
    first_response: strip(results.first_response, firstResponseMinutes),
    next_response: strip(results.next_response, nextResponseMinutes),
    resolution: strip(results.resolution, resolutionMinutes),
  };
  return { metrics, state: overallState(Object.values(metrics), now), nextCheckAt: nextCheck === null ? null : new Date(nextCheck), crossed };
}
