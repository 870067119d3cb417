import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { Kefu } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { notFound, preconditionFailed } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { isUniqueViolation } from '../org/org.common.js';
import { announceAssignments } from './assignment.service.js';
import { routingFieldError } from './routing.errors.js';
import { drainTeamQueue } from './routing.service.js';
import { presentMember, presentTeam, presentTeamSummary, type TeamDto, type TeamMemberDto, type TeamSummaryDto } from './teams.presenter.js';
import * as repo from './teams.repo.js';
import { openCounts } from './routing.repo.js';
import type { TeamCreate, TeamUpdate } from './teams.schema.js';

/** §5.5 teams: who takes which tickets by default, and how the next assignee is chosen. */

export async function listTeams(db: Kysely<DB>, actor: Actor, filter: { active?: boolean }): Promise<TeamSummaryDto[]> {
  const rows = await repo.listTeams(db, actor.orgId, filter);
  const stats = await repo.teamStats(db, actor.orgId, rows.map((r) => r.id));
  return rows.map((r) => presentTeamSummary(r, stats.get(r.id)));
}

export async function teamMembers(db: Kysely<DB>, orgId: string, teamId: string): Promise<TeamMemberDto[]> {
  const members = await repo.listMembers(db, orgId, teamId);
  const counts = await openCounts(db, orgId, teamId, members.map((m) => m.user_id));
  return members.map((m) => presentMember(m, counts.get(m.user_id) ?? 0));
}

export async function getTeam(db: Kysely<DB>, actor: Actor, id: string): Promise<TeamSummaryDto & { members: TeamMemberDto[] }> {
  const row = await repo.findTeam(db, actor.orgId, id);
  if (!row) throw notFound('team');
  const stats = await repo.teamStats(db, actor.orgId, [id]);
  return { ...presentTeamSummary(row, stats.get(id)), members: await teamMembers(db, actor.orgId, id) };
}

async function checkCalendar(db: Kysely<DB>, actor: Actor, calendarId: string | null | undefined) {
  if (calendarId && !(await repo.calendarExists(db, actor.orgId, calendarId))) throw routingFieldError(actor, 'team_unknown_calendar', 'calendarId');
}

/** Two admins naming two teams alike at once: the unique index decides, as a 409 on the name. */
async function uniqueName<T>(actor: Actor, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw routingFieldError(actor, 'team_name_taken', 'name', 409);
    throw err;
  }
}

export async function createTeam(db: Kysely<DB>, actor: Actor, input: TeamCreate): Promise<TeamDto> {
  return uniqueName(actor, () =>
    db.transaction().execute(async (tx) => {
      if (await repo.nameTaken(tx, actor.orgId, input.name)) throw routingFieldError(actor, 'team_name_taken', 'name', 409);
      await checkCalendar(tx, actor, input.calendarId);
      const row = await repo.insertTeam(tx, {
        org_id: actor.orgId,
        id: uuidv7(),
        name: input.name,
        description: input.description,
        strategy: input.strategy,
        calendar_id: input.calendarId,
        ticket_types: input.ticketTypes,
        channels: input.channels,
        active: input.active,
      });
      const dto = presentTeam(row);
      await recordAudit(tx, auditBy(actor, { action: 'team.create', entityType: 'team', entityId: row.id, after: dto }));
      return dto;
    }),
  );
}

export async function updateTeam(kefu: Kefu, actor: Actor, id: string, version: number, input: TeamUpdate): Promise<TeamDto> {
  const { dto, assignments } = await uniqueName(actor, () =>
    kefu.db.transaction().execute(async (tx) => {
      const current = await repo.findTeam(tx, actor.orgId, id);
      if (!current) throw notFound('team');
      if (input.name !== undefined && (await repo.nameTaken(tx, actor.orgId, input.name, id))) throw routingFieldError(actor, 'team_name_taken', 'name', 409);
      await checkCalendar(tx, actor, input.calendarId);
      if (current.version !== version) throw preconditionFailed();
      const updated = await repo.updateTeam(tx, actor.orgId, id, version, {
        name: input.name,
        description: input.description,
        strategy: input.strategy,
        calendar_id: input.calendarId,
        ticket_types: input.ticketTypes,
        channels: input.channels,
        active: input.active,
      });
      if (!updated) throw preconditionFailed();
      const dto = presentTeam(updated);
      await recordAudit(tx, auditBy(actor, { action: 'team.update', entityType: 'team', entityId: id, before: presentTeam(current), after: dto }));
      // From manual to automatic (or reactivated): tickets already waiting are handed out now.
      const assignments = await drainTeamQueue(tx, actor.orgId, id, new Date());
      return { dto, assignments };
    }),
  );
  await announceAssignments(kefu, actor.orgId, assignments);
  return dto;
}

/**
 * Deletes a team with its memberships. A team that still holds or queues open tickets is kept
 * (409): those tickets would lose their queue; deactivating stops new work instead.
 */
export async function deleteTeam(db: Kysely<DB>, actor: Actor, id: string, version: number | undefined): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const current = await repo.findTeam(tx, actor.orgId, id);
    if (!current) throw notFound('team');
    if (version !== undefined && current.version !== version) throw preconditionFailed();
    const open = await repo.openTicketsOfTeam(tx, actor.orgId, id);
    if (open > 0) throw routingFieldError(actor, 'team_has_open_tickets', 'id', 409, { count: open });
    await repo.deleteTeam(tx, actor.orgId, id);
    await recordAudit(tx, auditBy(actor, { action: 'team.delete', entityType: 'team', entityId: id, before: presentTeam(current) }));
  });
}
