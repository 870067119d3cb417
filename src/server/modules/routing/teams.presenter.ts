import type { TeamDto, TeamMemberDto, TeamSummaryDto } from '../../../shared/teams.js';
import type { MemberWithUser, TeamRow, TeamStats } from './teams.repo.js';

export type { TeamDto, TeamMemberDto, TeamSummaryDto };

export const presentTeam = (r: TeamRow): TeamDto => ({
  id: r.id,
  name: r.name,
  description: r.description,
  strategy: r.strategy,
  calendarId: r.calendar_id,
  ticketTypes: r.ticket_types ?? [],
  channels: r.channels ?? [],
  active: r.active,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export const presentTeamSummary = (r: TeamRow, s: TeamStats | undefined): TeamSummaryDto => ({
  ...presentTeam(r),
  memberCount: s?.member_count ?? 0,
  capacity: s?.capacity ?? 0,
  openCount: s?.open_count ?? 0,
  queuedCount: s?.queued_count ?? 0,
});

export const presentMember = (m: MemberWithUser, openCount: number): TeamMemberDto => ({
  userId: m.user_id,
  displayName: m.display_name,
  username: m.username,
  departmentId: m.department_id,
  userActive: m.user_status === 'active',
  capacity: m.capacity,
  skills: m.skills ?? {},
  available: m.available,
  openCount,
  lastAssignedAt: m.last_assigned_at ? m.last_assigned_at.toISOString() : null,
});
