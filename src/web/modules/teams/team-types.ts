import type { TeamMemberDto, TeamSummaryDto } from '../../../shared/teams';

/** Wire shapes of /api/v1/teams beyond the shared contract (src/shared/teams.ts). */
/** A team as the list shows it: its settings with live load figures. */
export type Team = TeamSummaryDto;
export type TeamMember = TeamMemberDto;

export type TeamDetail = Team & { members: TeamMember[] };

export type QueueItem = {
  id: string;
  number: string;
  subject: string;
  type: string;
  channel: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  customerTier: string | null;
  queuedAt: string;
  position: number;
};

export type Candidate = { id: string; displayName: string; username: string };

/** Same limits as the server: skill codes are trimmed, 1..40 characters; levels 1..5; capacity 0..1000. */
export const MAX_SKILL_CODE = 40;
export const MAX_CAPACITY = 1000;
export const SKILL_LEVELS = [1, 2, 3, 4, 5] as const;
