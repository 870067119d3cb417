import type { ColumnType, Generated, Selectable } from 'kysely';
import type {
  AfterSalesSubtype,
  ComplaintRootCause,
  ComplaintStep,
  MessageKind,
  RoutingStrategy,
  SlaMetric,
  SlaState,
  TicketChannel,
  TicketPriority,
  TicketStatus,
  TicketType,
} from '../../../shared/tickets.js';
import type { EscalationRule } from '../../../shared/sla.js';

/**
 * Table types of the service desk's work (migration 0009): tickets and their history and
 * messages, teams, SLA, complaints, commitments — merged into the platform's `DB`. What the
 * desk is set up with (scripts, knowledge, rules, standards, portal, channels) is in
 * service-desk-setup.tables.ts. Every §5 module takes its types from these two files.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A JSON column with a database default: optional on insert. */
type JsonDefault<T> = ColumnType<T, string | T | undefined, string | T>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type UuidArray = ColumnType<string[], string[] | undefined, string[]>;
type Version = Generated<number>;

export interface TicketCategoriesTable {
  org_id: string;
  id: string;
  ticket_type: TicketType;
  parent_id: string | null;
  name: string;
  name_en: string | null;
  sort: Generated<number>;
  active: Generated<boolean>;
  version: Version;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TeamsTable {
  org_id: string;
  id: string;
  name: string;
  description: Generated<string>;
  strategy: Generated<RoutingStrategy>;
  calendar_id: string | null;
  ticket_types: TextArray;
  channels: TextArray;
  active: Generated<boolean>;
  version: Version;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TeamMembersTable {
  org_id: string;
  team_id: string;
  user_id: string;
  capacity: Generated<number>;
  skills: JsonDefault<Record<string, number>>;
  available: Generated<boolean>;
  last_assigned_at: Timestamp | null;
}

export type { EscalationRule };


export interface SlaPoliciesTable {
  org_id: string;
  id: string;
  name: string;
  position: Generated<number>;
  ticket_types: TextArray;
  priorities: TextArray;
  customer_tiers: TextArray;
  calendar_id: string | null;
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  resolution_minutes: number | null;
  warn_percent: Generated<number>;
  escalations: JsonDefault<EscalationRule[]>;
  active: Generated<boolean>;
  version: Version;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TicketsTable {
  org_id: string;
  id: string;
  number: Generated<string>;
  type: TicketType;
  subtype: AfterSalesSubtype | null;
  category_id: string | null;
  subject: string;
  description: Generated<string>;
  channel: TicketChannel;
  status: Generated<TicketStatus>;
  priority: Generated<TicketPriority>;
  customer_id: string | null;
  contact_id: string | null;
  requester_name: string | null;
  requester_email: string | null;
  requester_phone: string | null;
  customer_tier: string | null;
  team_id: string | null;
  assignee_id: string | null;
  department_id: string | null;
  queued_at: Timestamp | null;
  cc: TextArray;
  tags: TextArray;
  custom: JsonDefault<Record<string, unknown>>;
  search_tokens: TextArray;
  merged_into_id: string | null;
  split_from_id: string | null;
  email_thread_id: string | null;
  sla_policy_id: string | null;
  first_response_due_at: Timestamp | null;
  next_response_due_at: Timestamp | null;
  resolution_due_at: Timestamp | null;
  sla_state: Generated<SlaState>;
  sla_next_check_at: Timestamp | null;
  first_response_at: Timestamp | null;
  last_customer_message_at: Timestamp | null;
  last_agent_reply_at: Timestamp | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  reopen_count: Generated<number>;
  satisfaction: number | null;
  satisfaction_comment: string | null;
  rated_at: Timestamp | null;
  created_by: string | null;
  version: Version;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: Timestamp | null;
}

export interface TicketStatusHistoryTable {
  org_id: string;
  id: string;
  ticket_id: string;
  from_status: TicketStatus | null;
  to_status: TicketStatus;
  reason: Generated<string>;
  actor_id: string | null;
  at: Timestamp;
}

export interface TicketMessagesTable {
  org_id: string;
  id: string;
  ticket_id: string;
  kind: MessageKind;
  author_type: 'agent' | 'customer' | 'system';
  author_id: string | null;
  author_name: string | null;
  channel: string;
  body_text: Generated<string>;
  body_html: string | null;
  attachments: UuidArray;
  cc: TextArray;
  email_message_id: string | null;
  in_reply_to: string | null;
  external_id: string | null;
  delivery: 'queued' | 'sent' | 'failed' | null;
  created_at: Timestamp;
}

export interface TicketLinksTable {
  org_id: string;
  ticket_id: string;
  other_id: string;
  kind: 'related' | 'merged_into' | 'split_from';
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface SlaEventsTable {
  org_id: string;
  id: string;
  ticket_id: string;
  metric: SlaMetric;
  kind: 'warning' | 'breach';
  due_at: Timestamp;
  at: Timestamp;
  actions: JsonDefault<unknown[]>;
}

export interface ComplaintsTable {
  org_id: string;
  ticket_id: string;
  complainant_name: string | null;
  complainant_phone: string | null;
  occurred_at: Timestamp | null;
  matter: Generated<string>;
  severity: Generated<'minor' | 'general' | 'serious' | 'critical'>;
  root_cause: ComplaintRootCause | null;
  root_cause_detail: Generated<string>;
  measures: Generated<string>;
  compensation_fen: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  recovery_note: Generated<string>;
  customer_informed_at: Timestamp | null;
  survey_score: number | null;
  survey_comment: string | null;
  follow_up_note: Generated<string>;
  current_step: Generated<ComplaintStep | 'done'>;
  version: Version;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ComplaintStepsTable {
  org_id: string;
  ticket_id: string;
  step: ComplaintStep;
  owner_id: string | null;
  due_at: Timestamp | null;
  started_at: Timestamp | null;
  completed_at: Timestamp | null;
  completed_by: string | null;
  note: Generated<string>;
}

export interface CommitmentsTable {
  org_id: string;
  id: string;
  customer_id: string | null;
  ticket_id: string | null;
  description: string;
  due_at: Timestamp;
  owner_id: string;
  status: Generated<'open' | 'fulfilled' | 'breached' | 'cancelled'>;
  fulfilled_at: Timestamp | null;
  fulfilment_note: Generated<string>;
  alerted_at: Timestamp | null;
  created_by: string | null;
  version: Version;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

declare module '../../platform/db-schema.js' {
  interface DB {
    ticket_categories: TicketCategoriesTable;
    teams: TeamsTable;
    team_members: TeamMembersTable;
    sla_policies: SlaPoliciesTable;
    tickets: TicketsTable;
    ticket_status_history: TicketStatusHistoryTable;
    ticket_messages: TicketMessagesTable;
    ticket_links: TicketLinksTable;
    sla_events: SlaEventsTable;
    complaints: ComplaintsTable;
    complaint_steps: ComplaintStepsTable;
    commitments: CommitmentsTable;
  }
}

export type TicketRow = Selectable<TicketsTable>;
export type TicketMessageRow = Selectable<TicketMessagesTable>;
export type StatusHistoryRow = Selectable<TicketStatusHistoryTable>;
export type SlaPolicyRow = Selectable<SlaPoliciesTable>;
export type TeamRow = Selectable<TeamsTable>;
export type TeamMemberRow = Selectable<TeamMembersTable>;

export type * from './service-desk-setup.tables.js';
