import { type Kysely, type Selectable, sql } from 'kysely';
import type { CalendarsTable, DB, WorkingInterval } from '../../platform/db-schema.js';

export type CalendarRow = Selectable<CalendarsTable>;
export type DayRow = { day: string; kind: 'holiday' | 'workday'; name: string; hours: WorkingInterval[] | null };

const dayColumns = [sql<string>`day::text`.as('day'), 'kind', 'name', 'hours'] as const;

export function listCalendars(db: Kysely<DB>, orgId: string): Promise<CalendarRow[]> {
  return db.selectFrom('calendars').selectAll().where('org_id', '=', orgId).orderBy('is_default', 'desc').orderBy('name').orderBy('id').execute();
}

export function findCalendar(db: Kysely<DB>, orgId: string, id: string): Promise<CalendarRow | undefined> {
  return db.selectFrom('calendars').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findDefaultCalendar(db: Kysely<DB>, orgId: string): Promise<CalendarRow | undefined> {
  return db.selectFrom('calendars').selectAll().where('org_id', '=', orgId).where('is_default', '=', true).executeTakeFirst();
}

export function insertCalendar(
  db: Kysely<DB>,
  row: { org_id: string; id: string; name: string; timezone: string; weekly_hours: WorkingInterval[][]; is_default: boolean },
): Promise<CalendarRow> {
  return db
    .insertInto('calendars')
    .values({ ...row, weekly_hours: JSON.stringify(row.weekly_hours) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Applies `patch` when the row still has `version`; undefined when it does not (or is gone). */
export function updateCalendar(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  version: number,
  patch: { name?: string; timezone?: string; weekly_hours?: WorkingInterval[][]; is_default?: boolean },
): Promise<CalendarRow | undefined> {
  return db
    .updateTable('calendars')
    .set((eb) => ({
      ...patch,
      ...(patch.weekly_hours ? { weekly_hours: JSON.stringify(patch.weekly_hours) } : {}),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Takes the default flag from whichever calendar has it (other than `exceptId`); returns its old and new rows. */
export async function clearDefault(db: Kysely<DB>, orgId: string, exceptId: string): Promise<{ before: CalendarRow; after: CalendarRow } | null> {
  const before = await db
    .selectFrom('calendars')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('is_default', '=', true)
    .where('id', '<>', exceptId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return null;
  const after = await db
    .updateTable('calendars')
    .set((eb) => ({ is_default: false, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('org_id', '=', orgId)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { before, after };
}

/** Serializes default-calendar switches within one organization until the transaction ends. */
export async function lockDefaultSwitch(db: Kysely<DB>, orgId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`kefu.calendars.default:${orgId}`}, 0))`.execute(db);
}

export async function deleteCalendar(db: Kysely<DB>, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('calendars').where('org_id', '=', orgId).where('id', '=', id).execute();
}

export function listDays(db: Kysely<DB>, orgId: string, calendarId: string, range: { from?: string; to?: string } = {}): Promise<DayRow[]> {
  let q = db.selectFrom('calendar_days').select(dayColumns).where('org_id', '=', orgId).where('calendar_id', '=', calendarId);
  if (range.from) q = q.where('day', '>=', range.from);
  if (range.to) q = q.where('day', '<=', range.to);
  return q.orderBy('day').execute() as Promise<DayRow[]>;
}

export function findDay(db: Kysely<DB>, orgId: string, calendarId: string, date: string): Promise<DayRow | undefined> {
  return db
    .selectFrom('calendar_days')
    .select(dayColumns)
    .where('org_id', '=', orgId)
    .where('calendar_id', '=', calendarId)
    .where('day', '=', date)
    .executeTakeFirst() as Promise<DayRow | undefined>;
}

export function upsertDay(db: Kysely<DB>, orgId: string, calendarId: string, d: DayRow): Promise<DayRow> {
  const hours = d.hours ? JSON.stringify(d.hours) : null;
  return db
    .insertInto('calendar_days')
    .values({ org_id: orgId, calendar_id: calendarId, day: d.day, kind: d.kind, name: d.name, hours })
    .onConflict((oc) => oc.columns(['org_id', 'calendar_id', 'day']).doUpdateSet({ kind: d.kind, name: d.name, hours }))
    .returning(dayColumns)
    .executeTakeFirstOrThrow() as Promise<DayRow>;
}

export async function deleteDay(db: Kysely<DB>, orgId: string, calendarId: string, date: string): Promise<boolean> {
  const r = await db.deleteFrom('calendar_days').where('org_id', '=', orgId).where('calendar_id', '=', calendarId).where('day', '=', date).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function deleteDaysInRange(db: Kysely<DB>, orgId: string, calendarId: string, from: string, to: string): Promise<void> {
  await db.deleteFrom('calendar_days').where('org_id', '=', orgId).where('calendar_id', '=', calendarId).where('day', '>=', from).where('day', '<=', to).execute();
}
