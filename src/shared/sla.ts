import type { SlaMetric } from './tickets.js';

/** Wire contract of /api/v1/sla-policies (§5.6), shared by the server presenter and the web. */

export type EscalationRule = {
  on: 'warning' | 'breach';
  metric?: SlaMetric;
  action: 'notify' | 'reassign' | 'raise_priority';
  /** notify: user ids (empty = assignee and team); reassign: the team or user to move to */
  userIds?: string[];
  teamId?: string;
  assigneeId?: string;
};

export type SlaPolicyDto = {
  id: string;
  name: string;
  position: number;
  ticketTypes: string[];
  priorities: string[];
  customerTiers: string[];
  calendarId: string | null;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  warnPercent: number;
  escalations: EscalationRule[];
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};
