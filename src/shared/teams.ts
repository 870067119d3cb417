import type { RoutingStrategy } from './tickets.js';

/** Wire contract of /api/v1/teams (§5.5), shared by the server presenter and the web. */

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
