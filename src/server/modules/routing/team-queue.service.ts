import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db-schema.js';
import { notFound } from '../../platform/errors.js';
import * as routingRepo from './routing.repo.js';
import * as repo from './teams.repo.js';
import { teamMembers } from './teams.service.js';

/**
 * Who may look into a team's queue and load: its members, the people who dispatch work
 * (tickets.assign, teams.manage) and those who see every ticket. Waiting tickets are nobody's
 * yet, so the usual assignee/department scope cannot decide; to anyone else the team is a 404.
 */
async function assertTeamVisible(db: Kysely<DB>, actor: Actor, teamId: string) {
  const team = await repo.findTeam(db, actor.orgId, teamId);
  if (!team) throw notFound('team');
  const dispatcher = actor.permissions.has('tickets.assign') || actor.permissions.has('teams.manage') || actor.scopes.tickets === 'all';
  if (!dispatcher && !(await routingRepo.findMember(db, actor.orgId, teamId, actor.userId))) throw notFound('team');
  return team;
}

export type QueueItemDto = {
  id: string;
  number: string;
  subject: string;
  type: string;
  channel: string;
  priority: string;
  customerTier: string | null;
  queuedAt: string;
  /** 1-based place in the queue */
  position: number;
};

/** The team's waiting tickets, in the order they will be served. */
export async function teamQueue(db: Kysely<DB>, actor: Actor, teamId: string, limit: number): Promise<{ items: QueueItemDto[]; total: number }> {
  await assertTeamVisible(db, actor, teamId);
  const [rows, stats] = await Promise.all([routingRepo.queuedTickets(db, actor.orgId, teamId, { limit }), repo.teamStats(db, actor.orgId, [teamId])]);
  return {
    items: rows.map((r, i) => ({
      id: r.id,
      number: String(r.number),
      subject: r.subject,
      type: r.type,
      channel: r.channel,
      priority: r.priority,
      customerTier: r.customer_tier,
      queuedAt: new Date(r.queued_at!).toISOString(),
      position: i + 1,
    })),
    total: stats.get(teamId)?.queued_count ?? 0,
  };
}

/** Each member's open tickets in the team against their capacity, availability and last assignment. */
export async function teamLoad(db: Kysely<DB>, actor: Actor, teamId: string) {
  const team = await assertTeamVisible(db, actor, teamId);
  const members = await teamMembers(db, actor.orgId, teamId);
  return {
    teamId,
    strategy: team.strategy,
    items: members.map((m) => ({
      userId: m.userId,
      displayName: m.displayName,
      openCount: m.openCount,
      capacity: m.capacity,
      available: m.available && m.userActive,
      lastAssignedAt: m.lastAssignedAt,
    })),
  };
}
