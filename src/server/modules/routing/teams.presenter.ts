import type { RoutingStrategy } from '../../../shared/tickets.js';
import type { MemberWithUser, TeamRow, TeamStats } from './teams.repo.js';

export type TeamDto = {
  id: string;
  name: string;
  description: string;
  strategy: RoutingStrategy;
  calendarId: string | null;
  ticketTypes: string[];
  channels: string[];
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type TeamSummaryDto = TeamDto & { memberCount: number; capacity: number; openCount: number; queuedCount: number };

export type TeamMemberDto = {
  userId: string;
  displayName: string;
  username: string;
  departmentId: string | null;
  /** false when the user account was disabled: routing skips them */
  userActive: boolean;
  capacity: number;
  skills: Record<string, number>;
  available: boolean;
  openCount: number;
  lastAssignedAt: string | null;
};

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
