import { type BusinessCalendar, businessIntervalsBetween, dayPlans, type TimeRange } from '../../../shared/business-time.js';

/**
 * Explanation of a stretch of time for the SLA clock: which pieces counted (working time of the
 * calendar) and why the others did not. Pure: instants in, intervals out.
 */

export type IntervalReason = 'working' | 'outside_hours' | 'holiday' | 'weekend' | 'paused_pending' | 'paused_on_hold' | 'stopped';
export type SlaInterval = { start: Date; end: Date; counted: boolean; reason: IntervalReason };

const WHOLE_DAY: TimeRange[] = [{ start: '00:00', end: '24:00' }];

const GAP_REASON = { holiday: 'holiday', restday: 'weekend', workday: 'outside_hours', makeup: 'outside_hours' } as const;

/**
 * Splits [a, b), a stretch in which the ticket's status lets the clock run, into working time
 * and the gaps between, each gap named after its local day: a holiday, a weekly rest day or a
 * working day outside its hours. Local days come from a 24-hour calendar in the same zone, so
 * day boundaries follow the calendar's time zone (and its daylight saving, if any).
 */
export function explainRunning(cal: BusinessCalendar, a: number, b: number): SlaInterval[] {
  const out: SlaInterval[] = [];
  const days = businessIntervalsBetween({ timezone: cal.timezone, weekly: Array.from({ length: 7 }, () => WHOLE_DAY) }, new Date(a), new Date(b));
  for (const day of days) {
    const gap = GAP_REASON[dayPlans(cal, day.date, day.date)[0].kind];
    let cursor = day.start.getTime();
    for (const w of businessIntervalsBetween(cal, day.start, day.end)) {
      if (w.start.getTime() > cursor) out.push({ start: new Date(cursor), end: w.start, counted: false, reason: gap });
      out.push({ start: w.start, end: w.end, counted: true, reason: 'working' });
      cursor = w.end.getTime();
    }
    if (day.end.getTime() > cursor) out.push({ start: new Date(cursor), end: day.end, counted: false, reason: gap });
  }
  return out;
}

/** Joins neighbours with the same reason (a weekend is one interval, not two days). */
export function mergeIntervals(list: SlaInterval[]): SlaInterval[] {
  const out: SlaInterval[] = [];
  for (const i of list) {
    if (i.end.getTime() <= i.start.getTime()) continue;
    const last = out.at(-1);
    if (last && last.reason === i.reason && last.counted === i.counted && last.end.getTime() === i.start.getTime()) last.end = i.end;
    else out.push({ ...i });
  }
  return out;
}
