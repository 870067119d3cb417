import { type Kysely, sql } from 'kysely';
import { type BusinessCalendar, businessMinutesBetween } from '../../../shared/business-time.js';
import { meets, METRIC_DEFS, pct, type ServiceStandardDto, type StandardResult } from '../../../shared/service-metrics.js';
import type { DB } from '../../platform/db-schema.js';
import { loadBusinessCalendar } from '../config/calendars.service.js';

/**
 * Measures one service standard over a period from the tickets (§5.10), by the formulas of
 * shared/service-metrics.ts. Phone metrics have no recorded data yet and say so.
 */

export type ReportContext = { db: Kysely<DB>; orgId: string; from: Date; to: Date; now: Date; calendar?: { name: string | null; calendar: BusinessCalendar } };

const ROUND_THE_CLOCK: BusinessCalendar = { timezone: 'Asia/Shanghai', weekly: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]) };
const round1 = (n: number) => Math.round(n * 10) / 10;

async function calendarOf(ctx: ReportContext) {
  if (!ctx.calendar) {
    const loaded = await loadBusinessCalendar(ctx.db, ctx.orgId, null, { from: ctx.from });
    ctx.calendar = loaded ? { name: loaded.name, calendar: loaded.calendar } : { name: null, calendar: ROUND_THE_CLOCK };
  }
  return ctx.calendar;
}

function ticketsOf(ctx: ReportContext, channel: string) {
  let q = ctx.db
    .selectFrom('tickets')
    .select(['created_at', 'first_response_at', 'resolved_at'])
    .where('org_id', '=', ctx.orgId)
    .where('deleted_at', 'is', null)
    .where('merged_into_id', 'is', null)
    .where('created_at', '>=', ctx.from)
    .where('created_at', '<', ctx.to);
  if (channel !== 'all') q = q.where('channel', '=', channel as never);
  return q.execute();
}

/** One case each: the time taken when it happened, else the time elapsed so far (counted only once past the target). */
function perCase(target: number, cases: { took: number | null; elapsed: number }[]) {
  let sample = 0;
  let within = 0;
  let sum = 0;
  let done = 0;
  for (const c of cases) {
    if (c.took !== null) {
      sample++;
      done++;
      sum += c.took;
      if (c.took <= target) within++;
    } else if (c.elapsed > target) sample++;
  }
  return { sample, within, average: done > 0 ? round1(sum / done) : null };
}

export async function measureStandard(ctx: ReportContext, s: ServiceStandardDto): Promise<{ result: StandardResult; calendar: string | null }> {
  const def = METRIC_DEFS[s.metric];
  const base = { standard: s, unit: def.unit, kind: def.kind, direction: def.direction };
  if (def.source === 'calls') {
    return { result: { ...base, status: 'no_data', noDataReason: 'not_recorded', sample: null, withinTarget: null, actual: null, average: null }, calendar: null };
  }
  let sample: number;
  let within: number | null = null;
  let actual: number | null = null;
  let average: number | null = null;
  let calendar: string | null = null;
  if (s.metric === 'csat_percent') {
    let q = ctx.db
      .selectFrom('tickets')
      .select([sql<string>`count(*)`.as('n'), sql<string>`count(*) FILTER (WHERE satisfaction >= 4)`.as('good')])
      .where('org_id', '=', ctx.orgId)
      .where('deleted_at', 'is', null)
      .where('satisfaction', 'is not', null)
      .where('rated_at', '>=', ctx.from)
      .where('rated_at', '<', ctx.to);
    if (s.channel !== 'all') q = q.where('channel', '=', s.channel as never);
    const row = await q.executeTakeFirstOrThrow();
    sample = Number(row.n);
    if (sample > 0) actual = pct(Number(row.good), sample);
  } else {
    const rows = await ticketsOf(ctx, s.channel);
    const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;
    let cases: { took: number | null; elapsed: number }[];
    if (s.metric === 'first_response_hours') {
      const cal = await calendarOf(ctx);
      calendar = cal.name;
      const work = (a: Date, b: Date) => businessMinutesBetween(cal.calendar, a, b) / 60;
      cases = rows.map((r) => {
        const created = new Date(r.created_at);
        return { took: r.first_response_at ? work(created, new Date(r.first_response_at)) : null, elapsed: work(created, ctx.now) };
      });
    } else {
      cases = rows.map((r) => {
        const created = new Date(r.created_at);
        return { took: r.resolved_at ? hours(created, new Date(r.resolved_at)) : null, elapsed: hours(created, ctx.now) };
      });
    }
    const m = perCase(s.target, cases);
    sample = m.sample;
    within = m.within;
    average = m.average;
    if (sample > 0) actual = pct(m.within, sample);
  }
  if (actual === null) {
    return { result: { ...base, status: 'no_data', noDataReason: 'no_cases', sample, withinTarget: within, actual: null, average }, calendar };
  }
  const status = meets(def, actual, s.target, s.goalPercent) ? 'met' : 'not_met';
  return { result: { ...base, status, noDataReason: null, sample, withinTarget: within, actual, average }, calendar };
}
