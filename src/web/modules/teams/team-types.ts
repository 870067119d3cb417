import type { RoutingStrategy } from '../../../shared/tickets';

/** Wire shapes of /api/v1/teams (see src/server/modules/routing/teams.presenter.ts). */
export type Team = {
  id: string;
  name: string;
  description: string;
  strategy: RoutingStrategy;
  calendarId: string | null;
  ticketTypes: string[];
  channels: string[];
  active: boolean;
  version: number;
  memberCount: number;
  capacity: number;
  openCount: number;
  queuedCount: number;
};

export type TeamMember = {
  userId: string;
  displayName: string;
  username: string;
  departmentId: string | null;
  userActive: boolean;
  capacity: number;
  skills: Record<string, number>;
  available: boolean;
  openCount: number;
  lastAssignedAt: string | null;
};

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
