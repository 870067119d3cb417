import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, JobSchedulesTable, JobsTable } from '../../platform/db-schema.js';
import type { CursorValue } from '../../platform/http/pagination.js';

export type JobRow = Selectable<JobsTable>;
export type ScheduleRow = Selectable<JobSchedulesTable>;

/** An organization sees its own jobs and the system jobs that belong to no organization. */
function visible(orgId: string) {
  return sql<boolean>`(org_id = ${orgId} OR org_id IS NULL)`;
}

export async function listJobs(
  db: Kysely<DB>,
  q: { orgId: string; status?: JobRow['status']; name?: string; limit: number; cursor: CursorValue | null },
): Promise<JobRow[]> {
  let query = db.selectFrom('jobs').selectAll().where(visible(q.orgId));
  if (q.status) query = query.where('status', '=', q.status);
  if (q.name) query = query.where('name', '=', q.name);
  // uuidv7 ids are time-ordered: newest first by id, and the id alone is a stable cursor.
  if (q.cursor) query = query.where('id', '<', q.cursor.id);
  return query.orderBy('id', 'desc').limit(q.limit + 1).execute();
}

export async function findJob(db: Kysely<DB>, orgId: string, id: string, forUpdate = false): Promise<JobRow | undefined> {
  let query = db.selectFrom('jobs').selectAll().where('id', '=', id).where(visible(orgId));
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function countByStatus(db: Kysely<DB>, orgId: string): Promise<{ status: string; n: number }[]> {
  const r = await sql<{ status: string; n: number }>`
    SELECT status, count(*)::int AS n FROM jobs WHERE ${visible(orgId)} GROUP BY status`.execute(db);
  return r.rows;
}

export async function pendingByName(db: Kysely<DB>, orgId: string) {
  const r = await sql<{ name: string; queued: number; running: number; failed: number; dead: number }>`
    SELECT name,
      count(*) FILTER (WHERE status = 'queued')::int AS queued,
      count(*) FILTER (WHERE status = 'running')::int AS running,
      count(*) FILTER (WHERE status = 'failed')::int AS failed,
      count(*) FILTER (WHERE status = 'dead')::int AS dead
    FROM jobs WHERE ${visible(orgId)} AND status IN ('queued', 'running', 'failed', 'dead')
    GROUP BY name ORDER BY name`.execute(db);
  return r.rows;
}

export async function oldestDue(db: Kysely<DB>, orgId: string): Promise<Date | null> {
  const r = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.min('run_at').as('at'))
    .where('status', '=', 'queued')
    .where('run_at', '<=', new Date())
    .where(visible(orgId))
    .executeTakeFirst();
  return r?.at ? new Date(r.at as Date) : null;
}

export function listSchedules(db: Kysely<DB>): Promise<ScheduleRow[]> {
  return db.selectFrom('job_schedules').selectAll().orderBy('name').execute();
}

export function findSchedule(db: Kysely<DB>, name: string) {
  return db.selectFrom('job_schedules').selectAll().where('name', '=', name).forUpdate().executeTakeFirst();
}

export async function makeScheduleDue(db: Kysely<DB>, name: string): Promise<void> {
  await db.updateTable('job_schedules').set({ next_run_at: new Date() }).where('name', '=', name).execute();
}

/** Removes finished jobs older than the retention: succeeded/cancelled after `keepDays`, failed/dead after `keepFailedDays`. */
export async function pruneJobs(db: Kysely<DB>, keepDays: number, keepFailedDays: number): Promise<number> {
  const r = await sql`
    DELETE FROM jobs WHERE
      (status IN ('succeeded', 'cancelled') AND finished_at < now() - make_interval(days => ${keepDays}))
      OR (status IN ('failed', 'dead') AND finished_at < now() - make_interval(days => ${keepFailedDays}))`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Heartbeats of nodes gone for a day are clutter. */
export async function pruneNodes(db: Kysely<DB>): Promise<void> {
  await sql`DELETE FROM job_nodes WHERE heartbeat_at < now() - interval '1 day'`.execute(db);
}
