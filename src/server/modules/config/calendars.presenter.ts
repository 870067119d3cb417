import type { WorkingInterval as BusinessInterval } from '../../../shared/business-time.js';
import type { CalendarRow, DayRow } from './calendars.repo.js';

export type CalendarDto = {
  id: string;
  name: string;
  timezone: string;
  weeklyHours: { start: string; end: string }[][];
  isDefault: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type CalendarDayDto = { date: string; kind: 'holiday' | 'workday'; name: string; hours: { start: string; end: string }[] | null };

export const presentCalendar = (r: CalendarRow): CalendarDto => ({
  id: r.id,
  name: r.name,
  timezone: r.timezone,
  weeklyHours: r.weekly_hours,
  isDefault: r.is_default,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export const presentDay = (r: DayRow): CalendarDayDto => ({ date: r.day, kind: r.kind, name: r.name, hours: r.hours ?? null });

export const presentInterval = (i: BusinessInterval) => ({
  date: i.date,
  start: i.start.toISOString(),
  end: i.end.toISOString(),
  from: i.from,
  to: i.to,
  minutes: (i.end.getTime() - i.start.getTime()) / 60_000,
});
