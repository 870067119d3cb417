/** Wire shapes of /api/v1/calendars (see src/server/modules/config). */
export type Interval = { start: string; end: string };
export type WeeklyHours = Interval[][];

export type Calendar = {
  id: string;
  name: string;
  timezone: string;
  /** 7 entries, Monday first; an empty list is a closed day. */
  weeklyHours: WeeklyHours;
  isDefault: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type DayKind = 'holiday' | 'workday';
export type CalendarDay = { date: string; kind: DayKind; name: string; hours: Interval[] | null };

/** One counted working interval: instants plus the local wall times in the calendar's zone. */
export type PreviewInterval = { date: string; start: string; end: string; from: string; to: string; minutes: number };
export type Preview = { start: string; minutes: number; due: string; timezone: string; intervals: PreviewInterval[] };

/** Common IANA zones; the organization's home zone first. */
export const TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Macau',
  'Asia/Urumqi',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Bangkok',
  'Asia/Ho_Chi_Minh',
  'Asia/Jakarta',
  'Asia/Manila',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'UTC',
];

/** Minutes of a "HH:mm" string. */
export const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Working minutes of one day's intervals. */
export const dayMinutes = (intervals: Interval[]) => intervals.reduce((sum, i) => sum + Math.max(0, toMinutes(i.end) - toMinutes(i.start)), 0);

/** "8 h 30 min" style duration from minutes, in the UI language. */
export function formatMinutes(minutes: number, t: (k: string, o?: Record<string, unknown>) => string) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h && m) return t('calendars.hoursMinutes', { h, m });
  if (h) return t('calendars.hoursOnly', { h });
  return t('calendars.minutesOnly', { m });
}

/** A wall-clock rendering of an instant in the calendar's zone (the browser may be elsewhere). */
export function formatInZone(iso: string, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Offset of a zone from UTC (ms) at an instant. */
function zoneOffset(utcMs: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(utcMs));
  const p = Object.fromEntries(parts.map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(utcMs / 1000) * 1000;
}

/** The instant of a wall time `YYYY-MM-DD HH:mm` in a zone (so a user abroad can try the calendar's local times). */
export function zonedToIso(wall: string, timeZone: string) {
  const [date, time] = wall.split(' ');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // second pass settles the offset near daylight-saving changes
  const first = guess - zoneOffset(guess, timeZone);
  return new Date(guess - zoneOffset(first, timeZone)).toISOString();
}
