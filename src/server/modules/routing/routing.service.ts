import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import { uuidv7 } from '../../platform/ids.js';
import type { RoutingStrategy } from '../../../shared/tickets.js';
import { type Candidate, requiredSkills, selectAssignee } from './assign-select.js';
import * as repo from './routing.repo.js';

/**
 * §5.5 automatic routing: a new ticket goes to a team, then to the member the team's strategy
 * picks, or waits in the team's queue until someone has room. Both functions run inside the
 * caller's transaction (the ticket write and its routing commit together) and serialize per
 * team on the team's member rows, so two server nodes never hand out more than capacity.
 */

export type RouteResult = { assigneeId: string | null; teamId: string | null; queued: boolean };
export type Assignment = { ticketId: string; number: string; assigneeId: string; teamId: string | null };

/**
 * The system line on the ticket's thread. Stored as one JSON object (like the customer
 * timeline's `detail`): the thread shows it in the reader's language from `event` and
 * `strategy`, and names stay readable even after a user is renamed or disabled.
 */
export type RoutingNote = {
  event: 'routing.assigned' | 'routing.queued';
  strategy: RoutingStrategy;
  teamId: string | null;
  teamName: string | null;
  assigneeId?: string;
  assigneeName?: string;
  /** manual assignment: who did it */
  byId?: string;
  byName?: string;
  requiredSkills?: string[];
};

export async function appendRoutingNote(db: Kysely<DB>, orgId: string, ticketId: string, note: RoutingNote, at: Date): Promise<void> {
  await repo.insertSystemMessage(db, {
    orgId,
    id: uuidv7(),
    ticketId,
    body: JSON.stringify(note),
    actorId: note.byId ?? null,
    actorName: note.byName ?? null,
    at,
  });
}

type Member = Awaited<ReturnType<typeof repo.lockMembers>>[number];

const toCandidate = (m: Member): Candidate => ({
  userId: m.user_id,
  capacity: m.capacity,
  openCount: m.open_count,
  skills: m.skills ?? {},
  available: m.available && m.active,
  lastAssignedAt: m.last_assigned_at,
});

const teamSkillCodes = (members: Member[]) => new Set(members.flatMap((m) => Object.keys(m.skills ?? {})));

type TicketFacts = { type: string; subtype: string | null; category_id: string | null; tags: string[] };
const skillsOf = (codes: Set<string>, t: TicketFacts) => requiredSkills(codes, { type: t.type, subtype: t.subtype, categoryId: t.category_id, tags: t.tags ?? [] });

/** Gives the ticket to `member` and records why; updates the in-memory member for the next pick. */
async function handOut(db: Kysely<DB>, orgId: string, ticketId: string, team: { id: string; name: string; strategy: RoutingStrategy }, member: Member, skills: string[], now: Date) {
  const row = await repo.assignTicketRow(db, orgId, ticketId, { teamId: team.id, assigneeId: member.user_id, departmentId: member.department_id }, now);
  await repo.touchMember(db, orgId, team.id, member.user_id, now);
  member.open_count += 1;
  member.last_assigned_at = now;
  await appendRoutingNote(
    db,
    orgId,
    ticketId,
    {
      event: 'routing.assigned',
      strategy: team.strategy,
      teamId: team.id,
      teamName: team.name,
      assigneeId: member.user_id,
      assigneeName: member.display_name,
      ...(skills.length > 0 ? { requiredSkills: skills } : {}),
    },
    now,
  );
  return row;
}

/**
 * Routes one ticket: picks its default team when it has none, then an assignee by the team's
 * strategy; if nobody has room (or the team assigns manually) the ticket waits in the team's
 * queue from `now`. A ticket that already has an assignee, is closed or deleted is left alone.
 */
export async function routeTicket(db: Kysely<DB>, orgId: string, ticketId: string, now: Date): Promise<RouteResult> {
  const ticket = await repo.lockTicket(db, orgId, ticketId);
  if (!ticket) return { assigneeId: null, teamId: null, queued: false };
  if (ticket.assignee_id || ticket.status === 'resolved' || ticket.status === 'closed') {
    return { assigneeId: ticket.assignee_id, teamId: ticket.team_id, queued: false };
  }
  let teamId = ticket.team_id;
  if (!teamId) {
    const match = await repo.findDefaultTeam(db, orgId, ticket.type, ticket.channel);
    if (!match) return { assigneeId: null, teamId: null, queued: false };
    teamId = match.id;
    await repo.setTicketTeam(db, orgId, ticketId, teamId, now);
  }
  const team = await repo.findTeamForRouting(db, orgId, teamId);
  if (!team) return { assigneeId: null, teamId, queued: false };
  const members = team.active ? await repo.lockMembers(db, orgId, team.id) : [];
  const required = skillsOf(teamSkillCodes(members), ticket);
  const chosenId = team.active ? selectAssignee(team.strategy, members.map(toCandidate), required) : null;
  const chosen = chosenId ? members.find((m) => m.user_id === chosenId) : undefined;
  if (chosen) {
    await handOut(db, orgId, ticketId, team, chosen, Object.keys(required), now);
    return { assigneeId: chosen.user_id, teamId: team.id, queued: false };
  }
  await repo.queueTicket(db, orgId, ticketId, now);
  if (!ticket.queued_at) {
    await appendRoutingNote(db, orgId, ticketId, { event: 'routing.queued', strategy: team.strategy, teamId: team.id, teamName: team.name }, now);
  }
  return { assigneeId: null, teamId: team.id, queued: true };
}

/** How many waiting tickets one drain looks at: a queue longer than this is served over several drains. */
const DRAIN_BATCH = 500;

/**
 * Hands queued tickets to members with room, in queue order (VIP and key customers first, then
 * priority, then longest waiting). Called when room appears: a ticket resolved, closed or
 * reassigned, a member added, given more capacity or back from being unavailable.
 * Under the skills strategy a ticket nobody qualifies for stays waiting while later ones are
 * served; under the other strategies the drain stops at the first ticket nobody can take.
 */
export async function drainTeamQueue(db: Kysely<DB>, orgId: string, teamId: string, now: Date): Promise<Assignment[]> {
  const team = await repo.findTeamForRouting(db, orgId, teamId);
  if (!team || !team.active || team.strategy === 'manual') return [];
  const members = await repo.lockMembers(db, orgId, teamId);
  if (members.length === 0) return [];
  const codes = teamSkillCodes(members);
  const waiting = await repo.queuedTickets(db, orgId, teamId, { limit: DRAIN_BATCH, lock: true });
  const assigned: Assignment[] = [];
  for (const ticket of waiting) {
    const required = skillsOf(codes, ticket);
    const chosenId = selectAssignee(team.strategy, members.map(toCandidate), required);
    if (!chosenId) {
      if (team.strategy === 'skills') continue;
      break;
    }
    const member = members.find((m) => m.user_id === chosenId)!;
    await handOut(db, orgId, ticket.id, team, member, Object.keys(required), now);
    assigned.push({ ticketId: ticket.id, number: String(ticket.number), assigneeId: member.user_id, teamId });
    if (!members.some((m) => m.available && m.active && m.open_count < m.capacity)) break;
  }
  return assigned;
}
