/**
 * Business time: working hours per weekday, holidays and China's make-up workdays (调休),
 * in the calendar's IANA time zone. Pure: no clock, no I/O — every instant is passed in.
 *
 * Intervals are half-open [start, end) in local wall time; `end` may be `24:00`. Time-zone
 * arithmetic uses `Intl.DateTimeFormat` offsets, so zones with daylight saving work too
 * (a wall time skipped by a DST jump moves forward, an ambiguous one takes the earlier instant).
 */

export type TimeRange = { start: string; end: string };
export type DayOverride = { kind: 'holiday'; name?: string } | { kind: 'workday'; name?: string; hours?: TimeRange[] | null };
export type BusinessCalendar = {
  /** IANA time zone; Asia/Shanghai when absent. */
  timezone?: string;
  /** 7 entries, Monday first; an empty array is a day off. */
  weekly: TimeRange[][];
  /** Dated overrides keyed by local date `YYYY-MM-DD`. A workday without hours uses Monday's. */
  overrides?: ReadonlyMap<string, DayOverride> | Readonly<Record<string, DayOverride>>;
};

/** One working interval of one local day, as instants. */
export type WorkingInterval = {
  date: string;
  start: Date;
  end: Date;
  /** Local wall times, for display: `09:00`–`12:00`. */
  from: string;
  to: string;
};

export type DayKind = 'workday' | 'restday' | 'holiday' | 'makeup';
export type DayPlan = { date: string; weekday: number; kind: DayKind; name: string; hours: TimeRange[] };

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';
const MINUTE = 60_000;
const DAY_MS = 86_400_000;
/** A calendar without a single working minute in this many consecutive days is refused. */
const MAX_IDLE_DAYS = 400;

// ---------------------------------------------------------------------------------------------
// Validation helpers (also used by the API and the web forms)

const HHMM = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes after local midnight for `HH:MM` (`24:00` → 1440), or null when malformed. */
export function parseHHMM(value: string): number | null {
  const m = HHMM.exec(value);
  if (!m) return null;
  return m[3] ? 1440 : Number(m[1]) * 60 + Number(m[2]);
}

export function formatHHMM(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isValidDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** True when the runtime knows this IANA zone name (`Asia/Shanghai`, `UTC`, …). */
export function isValidTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type RangeProblem = 'format' | 'order' | 'overlap';

/**
 * Checks one day's intervals: `HH:MM` strings, start < end, sorted and not overlapping
 * (touching is allowed: 12:00–13:00 then 13:00–18:00). Returns the first problem and its index.
 */
export function checkRanges(ranges: readonly TimeRange[]): { index: number; problem: RangeProblem } | null {
  let prevEnd = -1;
  for (let i = 0; i < ranges.length; i++) {
    const s = ranges[i].start === '24:00' ? null : parseHHMM(ranges[i].start);
    const e = parseHHMM(ranges[i].end);
    if (s === null || e === null) return { index: i, problem: 'format' };
    if (s >= e) return { index: i, problem: 'order' };
    if (s < prevEnd) return { index: i, problem: 'overlap' };
    prevEnd = e;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Time-zone arithmetic

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The instant's local wall time in `tz`, expressed as milliseconds of a UTC clock showing it. */
function wallClock(tz: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const parts = formatter(tz).formatToParts(new Date(whole));
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  let bc = false;
  for (const p of parts) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') mo = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
    else if (p.type === 'hour') h = Number(p.value) % 24;
    else if (p.type === 'minute') mi = Number(p.value);
    else if (p.type === 'second') s = Number(p.value);
    else if (p.type === 'era') bc = p.value.startsWith('B');
  }
  const utc = new Date(0);
  utc.setUTCFullYear(bc ? 1 - y : y, mo - 1, d);
  utc.setUTCHours(h, mi, s, 0);
  return utc.getTime() + (ms - whole);
}

const offsetOf = (tz: string, ms: number) => wallClock(tz, ms) - ms;

const zonedCache = new Map<string, number>();
/**
 * The instant at which the clock in `tz` shows `wall` (a wall time encoded as UTC ms).
 * Gap (spring forward): the wall time is read with the offset before the jump, i.e. moved
 * forward. Overlap (fall back): the earlier instant.
 */
function fromWallClock(tz: string, wall: number): number {
  const key = `${tz}|${wall}`;
  const cached = zonedCache.get(key);
  if (cached !== undefined) return cached;
  const before = offsetOf(tz, wall - DAY_MS);
  const after = offsetOf(tz, wall + DAY_MS);
  let result: number;
  if (before === after) {
    result = wall - before;
  } else {
    const early = wall - before;
    const late = wall - after;
    const earlyOk = offsetOf(tz, early) === before;
    const lateOk = offsetOf(tz, late) === after;
    if (earlyOk && lateOk) result = Math.min(early, late);
    else if (earlyOk) result = early;
    else if (lateOk) result = late;
    else result = early;
  }
  if (zonedCache.size > 20_000) zonedCache.clear();
  zonedCache.set(key, result);
  return result;
}

/** A local day as UTC-midnight milliseconds (a plain date with no zone). */
type LocalDay = number;

const dayFromString = (date: string): LocalDay => {
  const m = ISO_DATE.exec(date);
  if (!m || !isValidDate(date)) throw new RangeError(`invalid date ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
};

function dayToString(day: LocalDay): string {
  const d = new Date(day);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

const localDayOf = (tz: string, ms: number): LocalDay => Math.floor(wallClock(tz, ms) / DAY_MS) * DAY_MS;
/** Monday = 0 … Sunday = 6. */
const weekdayOf = (day: LocalDay): number => (new Date(day).getUTCDay() + 6) % 7;

// ---------------------------------------------------------------------------------------------
// Calendar resolution

const tzOf = (cal: BusinessCalendar) => cal.timezone || DEFAULT_TIMEZONE;

function overrideFor(cal: BusinessCalendar, date: string): DayOverride | undefined {
  const o = cal.overrides;
  if (!o) return undefined;
  if (o instanceof Map) return o.get(date);
  return Object.prototype.hasOwnProperty.call(o, date) ? (o as Record<string, DayOverride>)[date] : undefined;
}

function assertWeekly(cal: BusinessCalendar): void {
  if (!Array.isArray(cal.weekly) || cal.weekly.length !== 7) throw new RangeError('calendar.weekly needs 7 days, Monday first');
}

/** What a local day is and its working hours. */
function planOf(cal: BusinessCalendar, day: LocalDay): DayPlan {
  const date = dayToString(day);
  const weekday = weekdayOf(day);
  const o = overrideFor(cal, date);
  if (o?.kind === 'holiday') return { date, weekday, kind: 'holiday', name: o.name ?? '', hours: [] };
  if (o?.kind === 'workday') {
    const hours = o.hours && o.hours.length > 0 ? o.hours : cal.weekly[0];
    // A workday on a day that normally has no hours is a make-up day (调休上班).
    const kind: DayKind = cal.weekly[weekday].length === 0 ? 'makeup' : 'workday';
    return { date, weekday, kind, name: o.name ?? '', hours };
  }
  const hours = cal.weekly[weekday];
  return { date, weekday, kind: hours.length > 0 ? 'workday' : 'restday', name: '', hours };
}

type Span = { start: number; end: number; from: string; to: string };

function spansOf(cal: BusinessCalendar, day: LocalDay): Span[] {
  const tz = tzOf(cal);
  const spans: Span[] = [];
  for (const r of planOf(cal, day).hours) {
    const s = parseHHMM(r.start);
    const e = parseHHMM(r.end);
    if (s === null || e === null || s >= e) throw new RangeError(`invalid working hours ${r.start}-${r.end}`);
    const start = fromWallClock(tz, day + s * MINUTE);
    const end = fromWallClock(tz, day + e * MINUTE);
    // A DST jump can swallow an interval entirely; skip what is empty.
    if (end > start) spans.push({ start, end, from: r.start, to: r.end });
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Public operations

/**
 * The instant `minutes` working minutes after `start`. With 0 minutes: `start` itself when it
 * is business time, else the next business start. Reaching the exact end of an interval stops
 * there (Friday 16:00 + 120 min with hours until 18:00 → Friday 18:00, not Monday 09:00).
 */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  assertWeekly(cal);
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError('minutes must be a finite number ≥ 0');
  const t0 = start.getTime();
  if (!Number.isFinite(t0)) throw new RangeError('invalid start');
  let remaining = Math.round(minutes * MINUTE);
  let day = localDayOf(tzOf(cal), t0);
  let idle = 0;
  for (;;) {
    let worked = false;
    for (const span of spansOf(cal, day)) {
      if (span.end <= t0) continue;
      worked = true;
      const from = Math.max(span.start, t0);
      const available = span.end - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
    }
    idle = worked ? 0 : idle + 1;
    if (idle > MAX_IDLE_DAYS) throw new RangeError('calendar has no working time');
    day += DAY_MS;
  }
}

/** Business intervals inside [a, b), clipped; empty when b ≤ a. */
export function businessIntervalsBetween(cal: BusinessCalendar, a: Date, b: Date): WorkingInterval[] {
  assertWeekly(cal);
  const ta = a.getTime();
  const tb = b.getTime();
  if (!(tb > ta)) return [];
  const tz = tzOf(cal);
  const out: WorkingInterval[] = [];
  const last = localDayOf(tz, tb);
  for (let day = localDayOf(tz, ta); day <= last; day += DAY_MS) {
    for (const span of spansOf(cal, day)) {
      const s = Math.max(span.start, ta);
      const e = Math.min(span.end, tb);
      if (e > s) out.push({ date: dayToString(day), start: new Date(s), end: new Date(e), from: span.from, to: span.to });
    }
  }
  return out;
}

/** Working minutes in [a, b) (fractional when the instants are not on whole minutes); 0 when b ≤ a. */
export function businessMinutesBetween(cal: BusinessCalendar, a: Date, b: Date): number {
  let ms = 0;
  for (const i of businessIntervalsBetween(cal, a, b)) ms += i.end.getTime() - i.start.getTime();
  return ms / MINUTE;
}

export function isBusinessTime(cal: BusinessCalendar, t: Date): boolean {
  assertWeekly(cal);
  const ms = t.getTime();
  return spansOf(cal, localDayOf(tzOf(cal), ms)).some((s) => s.start <= ms && ms < s.end);
}

/** `t` when it is business time, else the start of the next working interval. */
export function nextBusinessStart(cal: BusinessCalendar, t: Date): Date {
  return addBusinessMinutes(cal, t, 0);
}

/** Every working interval of the local days `fromDay`..`toDay` (inclusive, `YYYY-MM-DD`). */
export function workingIntervals(cal: BusinessCalendar, fromDay: string, toDay: string): WorkingInterval[] {
  assertWeekly(cal);
  const out: WorkingInterval[] = [];
  for (let day = dayFromString(fromDay), last = dayFromString(toDay); day <= last; day += DAY_MS) {
    for (const s of spansOf(cal, day)) out.push({ date: dayToString(day), start: new Date(s.start), end: new Date(s.end), from: s.from, to: s.to });
  }
  return out;
}

/** What each local day `fromDay`..`toDay` is (workday, rest day, holiday, make-up workday) and its hours. */
export function dayPlans(cal: BusinessCalendar, fromDay: string, toDay: string): DayPlan[] {
  assertWeekly(cal);
  const out: DayPlan[] = [];
  for (let day = dayFromString(fromDay), last = dayFromString(toDay); day <= last; day += DAY_MS) out.push(planOf(cal, day));
  return out;
}

/** The local date (`YYYY-MM-DD`) of an instant in the calendar's zone. */
export function localDate(cal: Pick<BusinessCalendar, 'timezone'>, t: Date): string {
  return dayToString(localDayOf(cal.timezone || DEFAULT_TIMEZONE, t.getTime()));
}
