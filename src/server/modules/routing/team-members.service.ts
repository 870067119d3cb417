import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { Kefu } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { isUniqueViolation } from '../org/org.common.js';
import { announceAssignments } from './assignment.service.js';
import { routingFieldError } from './routing.errors.js';
import { lockMembers } from './routing.repo.js';
import { drainTeamQueue } from './routing.service.js';
import * as repo from './teams.repo.js';
import type { MemberAdd, MemberUpdate } from './teams.schema.js';
import { teamMembers } from './teams.service.js';
import type { TeamMemberDto } from './teams.presenter.js';

export const MAX_SKILL_CODE = 40;
export const MAX_SKILLS = 50;

/**
 * Skill codes as people type them: trimmed, 1..40 characters, each once. Checked here rather
 * than in the schema so every problem gets a localized message under the skill it concerns.
 */
export function normalizeSkills(actor: Actor, skills: Record<string, number>): Record<string, number> {
  const entries = Object.entries(skills);
  if (entries.length > MAX_SKILLS) throw routingFieldError(actor, 'team_too_many_skills', 'skills');
  const out: Record<string, number> = {};
  for (const [raw, level] of entries) {
    const code = raw.trim();
    if (!code) throw routingFieldError(actor, 'team_skill_code_empty', ['skills', raw]);
    if (code.length > MAX_SKILL_CODE) throw routingFieldError(actor, 'team_skill_code_too_long', ['skills', raw]);
    if (code in out) throw routingFieldError(actor, 'team_skill_code_duplicate', ['skills', raw], 400, { code });
    out[code] = level;
  }
  return out;
}

async function memberView(kefu: Kefu, orgId: string, teamId: string, userId: string): Promise<TeamMemberDto> {
  const all = await teamMembers(kefu.db, orgId, teamId);
  return all.find((m) => m.userId === userId)!;
}

/** Adds an active user to the team; waiting tickets may go to them at once. */
export async function addMember(kefu: Kefu, actor: Actor, teamId: string, input: MemberAdd): Promise<TeamMemberDto> {
  const skills = normalizeSkills(actor, input.skills);
  const taken = () => routingFieldError(actor, 'team_member_exists', 'userId', 409);
  let assignments;
  try {
    assignments = await kefu.db.transaction().execute(async (tx) => {
      if (!(await repo.findTeam(tx, actor.orgId, teamId))) throw notFound('team');
      const user = await repo.findUser(tx, actor.orgId, input.userId);
      if (!user || user.status !== 'active') throw routingFieldError(actor, 'team_member_inactive_user', 'userId');
      if (await repo.findMember(tx, actor.orgId, teamId, input.userId)) throw taken();
      const row = { org_id: actor.orgId, team_id: teamId, user_id: input.userId, capacity: input.capacity, skills, available: input.available };
      await repo.insertMember(tx, row);
      await recordAudit(tx, auditBy(actor, { action: 'team.member_add', entityType: 'team', entityId: teamId, after: { userId: row.user_id, capacity: row.capacity, skills, available: row.available } }));
      return drainTeamQueue(tx, actor.orgId, teamId, new Date());
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
  await announceAssignments(kefu, actor.orgId, assignments);
  return memberView(kefu, actor.orgId, teamId, input.userId);
}

/**
 * Changes capacity, skills or availability. Member rows carry no version: each field is set
 * to an absolute value, so the last save wins without losing anything else. More room or
 * coming back available serves the queue.
 */
export async function updateMember(kefu: Kefu, actor: Actor, teamId: string, userId: string, input: MemberUpdate): Promise<TeamMemberDto> {
  const skills = input.skills ? normalizeSkills(actor, input.skills) : undefined;
  const assignments = await kefu.db.transaction().execute(async (tx) => {
    // All member rows in routing's order first: locking just this one and then the rest (for the
    // drain) could deadlock with a routing that holds the rest and waits for this one.
    await lockMembers(tx, actor.orgId, teamId);
    const current = await repo.findMember(tx, actor.orgId, teamId, userId);
    if (!current) throw notFound('team_member');
    await repo.updateMember(tx, actor.orgId, teamId, userId, { capacity: input.capacity, skills, available: input.available });
    const before = { userId, capacity: current.capacity, skills: current.skills, available: current.available };
    const after = { ...before, ...(input.capacity !== undefined ? { capacity: input.capacity } : {}), ...(skills ? { skills } : {}), ...(input.available !== undefined ? { available: input.available } : {}) };
    await recordAudit(tx, auditBy(actor, { action: 'team.member_update', entityType: 'team', entityId: teamId, before, after }));
    return drainTeamQueue(tx, actor.orgId, teamId, new Date());
  });
  await announceAssignments(kefu, actor.orgId, assignments);
  return memberView(kefu, actor.orgId, teamId, userId);
}

/** Removes a member. Tickets they hold stay with them; they just get no new ones from this team. */
export async function removeMember(kefu: Kefu, actor: Actor, teamId: string, userId: string): Promise<void> {
  await kefu.db.transaction().execute(async (tx) => {
    const current = await repo.findMember(tx, actor.orgId, teamId, userId);
    if (!current) throw notFound('team_member');
    await repo.deleteMember(tx, actor.orgId, teamId, userId);
    await recordAudit(tx, auditBy(actor, { action: 'team.member_remove', entityType: 'team', entityId: teamId, before: { userId, capacity: current.capacity, skills: current.skills, available: current.available } }));
  });
}

export async function memberCandidates(kefu: Kefu, actor: Actor, teamId: string, q: string | undefined) {
  if (!(await repo.findTeam(kefu.db, actor.orgId, teamId))) throw notFound('team');
  const rows = await repo.memberCandidates(kefu.db, actor.orgId, teamId, q);
  return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username, departmentId: r.department_id })), nextCursor: null };
}
