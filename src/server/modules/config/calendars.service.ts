import type { Kysely } from 'kysely';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessIntervalsBetween,
  checkRanges,
  type DayOverride,
  DEFAULT_TIMEZONE,
  isValidDate,
  isValidTimeZone,
  type TimeRange,
} from '../../../shared/business-time.js';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, conflict, notFound, preconditionFailed } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import * as repo from './calendars.repo.js';
import { type CalendarDayDto, type CalendarDto, presentCalendar, presentDay, presentInterval } from './calendars.presenter.js';
import type { CalendarCreate, CalendarUpdate, DayInput, ImportInput } from './calendars.schema.js';
import { Issues } from './issues.js';

const PROBLEM_CODE = { format: 'time_format', order: 'time_order', overlap: 'time_overlap' } as const;

function checkDayRanges(issues: Issues, ranges: readonly TimeRange[], path: (string | number)[]): void {
  const problem = checkRanges(ranges);
  if (problem) {
    const r = ranges[problem.index];
    issues.add([...path, problem.index], PROBLEM_CODE[problem.problem], { range: `${r.start}–${r.end}` });
  }
}

function checkCalendarInput(issues: Issues, input: { timezone?: string; weeklyHours?: TimeRange[][] }): void {
  if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) issues.add(['body', 'timezone'], 'invalid_timezone', { value: input.timezone });
  if (input.weeklyHours) {
    input.weeklyHours.forEach((day, i) => checkDayRanges(issues, day, ['body', 'weeklyHours', i]));
    if (input.weeklyHours.every((d) => d.length === 0)) issues.add(['body', 'weeklyHours'], 'no_working_hours');
  }
}

function checkDay(issues: Issues, d: { date?: string; kind: string; hours?: TimeRange[] | null }, path: (string | number)[], datePath: (string | number)[]): void {
  if (d.date !== undefined && !isValidDate(d.date)) issues.add(datePath, 'invalid_date', { value: d.date });
  if (d.hours && d.hours.length > 0) {
    if (d.kind !== 'workday') issues.add([...path, 'hours'], 'hours_only_workday');
    else checkDayRanges(issues, d.hours, [...path, 'hours']);
  }
}

async function mustFind(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.CalendarRow> {
  const row = await repo.findCalendar(db, actor.orgId, id);
  if (!row) throw notFound('calendar');
  return row;
}

export async function listCalendars(db: Kysely<DB>, actor: Actor): Promise<CalendarDto[]> {
  return (await repo.listCalendars(db, actor.orgId)).map(presentCalendar);
}

export async function getCalendar(db: Kysely<DB>, actor: Actor, id: string): Promise<CalendarDto> {
  return presentCalendar(await mustFind(db, actor, id));
}

/** Moves the default flag away from the current default calendar, audited. */
async function takeDefaultFrom(tx: Kysely<DB>, actor: Actor, newDefaultId: string): Promise<void> {
  const moved = await repo.clearDefault(tx, actor.orgId, newDefaultId);
  if (moved) {
    await recordAudit(
      tx,
      auditBy(actor, { action: 'calendar.update', entityType: 'calendar', entityId: moved.before.id, before: presentCalendar(moved.before), after: presentCalendar(moved.after) }),
    );
  }
}

export async function createCalendar(db: Kysely<DB>, actor: Actor, input: CalendarCreate): Promise<CalendarDto> {
  const issues = new Issues(actor.locale);
  checkCalendarInput(issues, input);
  issues.throwIfAny();
  return db.transaction().execute(async (tx) => {
    await repo.lockDefaultSwitch(tx, actor.orgId);
    // The first calendar of an organization is its default whatever the request says.
    const isDefault = input.isDefault || !(await repo.findDefaultCalendar(tx, actor.orgId));
    const id = uuidv7();
    if (isDefault) await takeDefaultFrom(tx, actor, id);
    const row = await repo.insertCalendar(tx, {
      org_id: actor.orgId,
      id,
      name: input.name,
      timezone: input.timezone || DEFAULT_TIMEZONE,
      weekly_hours: input.weeklyHours,
      is_default: isDefault,
    });
    const dto = presentCalendar(row);
    await recordAudit(tx, auditBy(actor, { action: 'calendar.create', entityType: 'calendar', entityId: id, after: dto }));
    return dto;
  });
}

export async function updateCalendar(db: Kysely<DB>, actor: Actor, id: string, version: number, input: CalendarUpdate): Promise<CalendarDto> {
  const issues = new Issues(actor.locale);
  checkCalendarInput(issues, input);
  issues.throwIfAny();
  return db.transaction().execute(async (tx) => {
    if (input.isDefault !== undefined) await repo.lockDefaultSwitch(tx, actor.orgId);
    const current = await mustFind(tx, actor, id);
    if (current.version !== version) throw preconditionFailed();
    if (input.isDefault === false && current.is_default) throw conflict('calendar_default_required');
    if (input.isDefault === true && !current.is_default) await takeDefaultFrom(tx, actor, id);
    const updated = await repo.updateCalendar(tx, actor.orgId, id, version, {
      name: input.name,
      timezone: input.timezone,
      weekly_hours: input.weeklyHours,
      is_default: input.isDefault,
    });
    if (!updated) throw preconditionFailed();
    const dto = presentCalendar(updated);
    await recordAudit(tx, auditBy(actor, { action: 'calendar.update', entityType: 'calendar', entityId: id, before: presentCalendar(current), after: dto }));
    return dto;
  });
}

export async function deleteCalendar(db: Kysely<DB>, actor: Actor, id: string, version: number | undefined): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await repo.lockDefaultSwitch(tx, actor.orgId);
    const current = await mustFind(tx, actor, id);
    if (version !== undefined && current.version !== version) throw preconditionFailed();
    if (current.is_default) throw conflict('calendar_is_default');
    const days = await repo.listDays(tx, actor.orgId, id);
    await repo.deleteCalendar(tx, actor.orgId, id);
    await recordAudit(
      tx,
      auditBy(actor, { action: 'calendar.delete', entityType: 'calendar', entityId: id, before: { ...presentCalendar(current), days: days.map(presentDay) } }),
    );
  });
}

function parseDate(actor: Actor, date: string): string {
  const issues = new Issues(actor.locale);
  if (!isValidDate(date)) issues.add(['params', 'date'], 'invalid_date', { value: date });
  issues.throwIfAny();
  return date;
}

export async function listDays(db: Kysely<DB>, actor: Actor, id: string, year?: number): Promise<CalendarDayDto[]> {
  await mustFind(db, actor, id);
  const range = year ? { from: `${year}-01-01`, to: `${year}-12-31` } : {};
  return (await repo.listDays(db, actor.orgId, id, range)).map(presentDay);
}

const toRow = (date: string, d: DayInput): repo.DayRow => ({
  day: date,
  kind: d.kind,
  name: d.name,
  hours: d.kind === 'workday' && d.hours && d.hours.length > 0 ? d.hours : null,
});

export async function setDay(db: Kysely<DB>, actor: Actor, id: string, date: string, input: DayInput): Promise<CalendarDayDto> {
  parseDate(actor, date);
  const issues = new Issues(actor.locale);
  checkDay(issues, input, ['body'], ['params', 'date']);
  issues.throwIfAny();
  return db.transaction().execute(async (tx) => {
    await mustFind(tx, actor, id);
    const before = await repo.findDay(tx, actor.orgId, id, date);
    const saved = presentDay(await repo.upsertDay(tx, actor.orgId, id, toRow(date, input)));
    await recordAudit(
      tx,
      auditBy(actor, { action: 'calendar.day.set', entityType: 'calendar', entityId: id, before: before ? presentDay(before) : null, after: saved }),
    );
    return saved;
  });
}

export async function removeDay(db: Kysely<DB>, actor: Actor, id: string, date: string): Promise<void> {
  parseDate(actor, date);
  await db.transaction().execute(async (tx) => {
    await mustFind(tx, actor, id);
    const before = await repo.findDay(tx, actor.orgId, id, date);
    if (!before || !(await repo.deleteDay(tx, actor.orgId, id, date))) throw notFound('calendar_day');
    await recordAudit(tx, auditBy(actor, { action: 'calendar.day.delete', entityType: 'calendar', entityId: id, before: presentDay(before) }));
  });
}

/** Loads a year's 法定节假日 and 调休 in one go: every day is validated first, then all are written or none. */
export async function importDays(db: Kysely<DB>, actor: Actor, id: string, input: ImportInput): Promise<{ imported: number; replaced: number; items: CalendarDayDto[] }> {
  const issues = new Issues(actor.locale);
  const seen = new Map<string, number>();
  input.days.forEach((d, i) => {
    checkDay(issues, d, ['body', 'days', i], ['body', 'days', i, 'date']);
    const first = seen.get(d.date);
    if (first !== undefined) issues.add(['body', 'days', i, 'date'], 'duplicate_date', { value: d.date, first: first + 1 });
    else seen.set(d.date, i);
  });
  issues.throwIfAny();
  const years = [...new Set(input.days.map((d) => d.date.slice(0, 4)))].sort();
  return db.transaction().execute(async (tx) => {
    await mustFind(tx, actor, id);
    let before: repo.DayRow[];
    if (input.replace) {
      before = (await Promise.all(years.map((y) => repo.listDays(tx, actor.orgId, id, { from: `${y}-01-01`, to: `${y}-12-31` })))).flat();
      for (const y of years) await repo.deleteDaysInRange(tx, actor.orgId, id, `${y}-01-01`, `${y}-12-31`);
    } else {
      const dates = new Set(seen.keys());
      before = (await repo.listDays(tx, actor.orgId, id, { from: [...dates].sort()[0], to: [...dates].sort().at(-1) })).filter((d) => dates.has(d.day));
    }
    const items: CalendarDayDto[] = [];
    for (const d of [...input.days].sort((a, b) => (a.date < b.date ? -1 : 1))) items.push(presentDay(await repo.upsertDay(tx, actor.orgId, id, toRow(d.date, d))));
    await recordAudit(
      tx,
      auditBy(actor, {
        action: 'calendar.days.import',
        entityType: 'calendar',
        entityId: id,
        before: { replace: input.replace, days: before.map(presentDay) },
        after: { days: items },
      }),
    );
    return { imported: items.length, replaced: input.replace ? before.length : 0, items };
  });
}

/**
 * A calendar as the business-time core needs it, with the overrides from `from` on
 * (all when absent). `calendarId` null = the organization's default calendar.
 * Other modules (SLA) use this to compute due times.
 */
export async function loadBusinessCalendar(
  db: Kysely<DB>,
  orgId: string,
  calendarId: string | null,
  opts: { from?: Date } = {},
): Promise<{ id: string; name: string; calendar: BusinessCalendar } | undefined> {
  const row = calendarId ? await repo.findCalendar(db, orgId, calendarId) : await repo.findDefaultCalendar(db, orgId);
  if (!row) return undefined;
  // two days of margin: the local date of `from` may be a day ahead of its UTC date
  const from = opts.from ? new Date(opts.from.getTime() - 2 * 86_400_000).toISOString().slice(0, 10) : undefined;
  const overrides = new Map<string, DayOverride>();
  for (const d of await repo.listDays(db, orgId, row.id, { from })) {
    overrides.set(d.day, d.kind === 'holiday' ? { kind: 'holiday', name: d.name } : { kind: 'workday', name: d.name, hours: d.hours });
  }
  return { id: row.id, name: row.name, calendar: { timezone: row.timezone, weekly: row.weekly_hours, overrides } };
}

export async function previewDue(db: Kysely<DB>, actor: Actor, id: string, startIso: string, minutes: number) {
  const start = new Date(startIso);
  const loaded = await loadBusinessCalendar(db, actor.orgId, id, { from: start });
  if (!loaded) throw notFound('calendar');
  let due: Date;
  try {
    due = addBusinessMinutes(loaded.calendar, start, minutes);
  } catch (err) {
    if (err instanceof RangeError) throw new AppError('calendar_no_working_time', 400);
    throw err;
  }
  return {
    start: start.toISOString(),
    minutes,
    due: due.toISOString(),
    timezone: loaded.calendar.timezone ?? DEFAULT_TIMEZONE,
    intervals: businessIntervalsBetween(loaded.calendar, start, due).map(presentInterval),
  };
}
