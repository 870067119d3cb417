import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import { OPEN_STATUSES } from '../../../shared/tickets.js';
import type { TeamMembersTable, TeamsTable } from '../tickets/service-desk.tables.js';

export type TeamRow = Selectable<TeamsTable>;
export type TeamMemberRow = Selectable<TeamMembersTable>;

/** Per team: members, their total capacity, open tickets held and tickets waiting. */
export type TeamStats = { team_id: string; member_count: number; capacity: number; open_count: number; queued_count: number };

export function listTeams(db: Kysely<DB>, orgId: string, filter: { active?: boolean }): Promise<TeamRow[]> {
  let q = db.selectFrom('teams').selectAll().where('org_id', '=', orgId);
  if (filter.active !== undefined) q = q.where('active', '=', filter.active);
  return q.orderBy(sql`lower(name)`).orderBy('id').execute();
}

export async function teamStats(db: Kysely<DB>, orgId: string, teamIds: string[]): Promise<Map<string, TeamStats>> {
  if (teamIds.length === 0) return new Map();
  const [members, tickets] = await Promise.all([
    db
      .selectFrom('team_members')
      .select(['team_id', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.sum<string>('capacity').as('cap')])
      .where('org_id', '=', orgId)
      .where('team_id', 'in', teamIds)
      .groupBy('team_id')
      .execute(),
    // held and waiting tickets of each team in one pass
    db
      .selectFrom('tickets')
      .select([
        'team_id',
        sql<string>`count(*) FILTER (WHERE assignee_id IS NOT NULL)`.as('open'),
        sql<string>`count(*) FILTER (WHERE assignee_id IS NULL AND queued_at IS NOT NULL)`.as('queued'),
      ])
      .where('org_id', '=', orgId)
      .where('team_id', 'in', teamIds)
      .where('status', 'in', OPEN_STATUSES)
      .where('deleted_at', 'is', null)
      .groupBy('team_id')
      .execute(),
  ]);
  const out = new Map<string, TeamStats>(teamIds.map((id) => [id, { team_id: id, member_count: 0, capacity: 0, open_count: 0, queued_count: 0 }]));
  for (const r of members) Object.assign(out.get(r.team_id)!, { member_count: Number(r.n), capacity: Number(r.cap ?? 0) });
  for (const r of tickets) Object.assign(out.get(r.team_id!)!, { open_count: Number(r.open), queued_count: Number(r.queued) });
  return out;
}

export function findTeam(db: Kysely<DB>, orgId: string, id: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function nameTaken(db: Kysely<DB>, orgId: string, name: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('teams').select('id').where('org_id', '=', orgId).where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function calendarExists(db: Kysely<DB>, orgId: string, id: string): Promise<boolean> {
  return !!(await db.selectFrom('calendars').select('id').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst());
}

export function insertTeam(db: Kysely<DB>, row: Omit<TeamRow, 'version' | 'created_at' | 'updated_at'>): Promise<TeamRow> {
  return db.insertInto('teams').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateTeam(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  version: number,
  patch: Partial<Pick<TeamRow, 'name' | 'description' | 'strategy' | 'calendar_id' | 'ticket_types' | 'channels' | 'active'>>,
): Promise<TeamRow | undefined> {
  return db
    .updateTable('teams')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteTeam(db: Kysely<DB>, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('teams').where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Tickets still needing work that name the team (held or waiting). */
export async function openTicketsOfTeam(db: Kysely<DB>, orgId: string, teamId: string): Promise<number> {
  const r = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .where('team_id', '=', teamId)
    .where('status', 'in', OPEN_STATUSES)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export type MemberWithUser = TeamMemberRow & { display_name: string; username: string; department_id: string | null; user_status: string };

export function listMembers(db: Kysely<DB>, orgId: string, teamId: string): Promise<MemberWithUser[]> {
  return db
    .selectFrom('team_members as m')
    .innerJoin('users as u', (j) => j.onRef('u.org_id', '=', 'm.org_id').onRef('u.id', '=', 'm.user_id'))
    .selectAll('m')
    .select(['u.display_name', 'u.username', 'u.department_id', 'u.status as user_status'])
    .where('m.org_id', '=', orgId)
    .where('m.team_id', '=', teamId)
    .orderBy('u.display_name')
    .orderBy('m.user_id')
    .execute();
}

export function findMember(db: Kysely<DB>, orgId: string, teamId: string, userId: string): Promise<TeamMemberRow | undefined> {
  return db.selectFrom('team_members').selectAll().where('org_id', '=', orgId).where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
}

export async function insertMember(db: Kysely<DB>, row: Omit<TeamMemberRow, 'last_assigned_at'>): Promise<void> {
  await db
    .insertInto('team_members')
    .values({ ...row, skills: JSON.stringify(row.skills) })
    .execute();
}

export async function updateMember(db: Kysely<DB>, orgId: string, teamId: string, userId: string, patch: { capacity?: number; skills?: Record<string, number>; available?: boolean }): Promise<void> {
  const { skills, ...rest } = patch;
  await db
    .updateTable('team_members')
    .set({ ...rest, ...(skills ? { skills: JSON.stringify(skills) } : {}) })
    .where('org_id', '=', orgId)
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMember(db: Kysely<DB>, orgId: string, teamId: string, userId: string): Promise<void> {
  await db.deleteFrom('team_members').where('org_id', '=', orgId).where('team_id', '=', teamId).where('user_id', '=', userId).execute();
}

export function findUser(db: Kysely<DB>, orgId: string, userId: string) {
  return db.selectFrom('users').select(['id', 'status']).where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst();
}

/** Active users who are not yet members, matching a name or username, for the member picker. */
export function memberCandidates(db: Kysely<DB>, orgId: string, teamId: string, q: string | undefined) {
  let query = db
    .selectFrom('users as u')
    .select(['u.id', 'u.display_name', 'u.username', 'u.department_id'])
    .where('u.org_id', '=', orgId)
    .where('u.status', '=', 'active')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('team_members as m').select('m.user_id').whereRef('m.org_id', '=', 'u.org_id').whereRef('m.user_id', '=', 'u.id').where('m.team_id', '=', teamId))));
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('u.display_name', 'ilike', like), eb('u.username', 'ilike', like)]));
  }
  return query.orderBy('u.display_name').orderBy('u.id').limit(50).execute();
}
