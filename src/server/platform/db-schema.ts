import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types for Kysely. Modules add their own tables by augmenting `DB`
 * (`declare module '../../platform/db-schema.js' { interface DB { … } }`) in their repo's types file.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;
type DefaultInt = Generated<number>;

export interface OrgsTable {
  id: string;
  name: string;
  timezone: Generated<string>;
  settings: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}

export interface DepartmentsTable {
  org_id: string;
  id: string;
  parent_id: string | null;
  name: string;
  code: string | null;
  sort: DefaultInt;
  path: string;
  version: DefaultInt;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: Timestamp | null;
}

export interface PositionsTable {
  org_id: string;
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  responsibilities: Generated<string>;
  requirements: Generated<string>;
  version: DefaultInt;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type DataScope = 'self' | 'department' | 'subtree' | 'all';
export type FieldRule = 'show' | 'mask' | 'hide';

export interface RolesTable {
  org_id: string;
  id: string;
  code: string;
  name: string;
  description: Generated<string>;
  permissions: ColumnType<string[], string[] | undefined, string[]>;
  scopes: Json<Record<string, DataScope>>;
  field_rules: Json<Record<string, FieldRule>>;
  is_system: Generated<boolean>;
  version: DefaultInt;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  org_id: string;
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  department_id: string | null;
  position_id: string | null;
  status: Generated<'active' | 'disabled'>;
  skills: Json<string[]>;
  locale: Generated<'zh-CN' | 'en'>;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  /** Last accepted TOTP time step (replay protection), migration 0002. */
  totp_last_step: number | null;
  last_login_at: Timestamp | null;
  version: DefaultInt;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserRolesTable {
  org_id: string;
  user_id: string;
  role_id: string;
}

export interface SessionsTable {
  id: string;
  org_id: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  mfa_pending: Generated<boolean>;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Timestamp | null;
}

export interface ApiTokensTable {
  org_id: string;
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** Server-generated keys (migration 0002), used when KEFU_SECRET is unset on PostgreSQL. */
export interface SystemSecretsTable {
  name: string;
  value: string;
  created_at: Generated<Date>;
}

export interface LoginThrottleTable {
  key: string;
  failures: DefaultInt;
  window_start: Generated<Date>;
  locked_until: Timestamp | null;
}

export interface AuditHeadsTable {
  org_id: string;
  seq: DefaultInt;
  hash: Generated<string>;
}

export interface AuditLogTable {
  org_id: string;
  seq: number;
  id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export type WorkingInterval = { start: string; end: string };

export interface CalendarsTable {
  org_id: string;
  id: string;
  name: string;
  timezone: Generated<string>;
  weekly_hours: Json<WorkingInterval[][]>;
  is_default: Generated<boolean>;
  version: DefaultInt;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CalendarDaysTable {
  org_id: string;
  calendar_id: string;
  day: ColumnType<string, string, string>;
  kind: 'holiday' | 'workday';
  name: Generated<string>;
  hours: Json<WorkingInterval[]> | null;
}

export type CustomFieldType = 'text' | 'number' | 'date' | 'select' | 'multiselect' | 'boolean';

export interface CustomFieldsTable {
  org_id: string;
  id: string;
  entity: 'customer' | 'contact' | 'ticket';
  key: string;
  label: string;
  label_en: string | null;
  type: CustomFieldType;
  options: Json<{ value: string; label: string; label_en?: string }[]>;
  // ticket fields: the ticket types the field applies to (empty = every type), migration 0009
  ticket_types: ColumnType<string[], string[] | undefined, string[]>;
  required: Generated<boolean>;
  sort: DefaultInt;
  active: Generated<boolean>;
  version: DefaultInt;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PicklistsTable {
  org_id: string;
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  hierarchical: Generated<boolean>;
  version: DefaultInt;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PicklistItemsTable {
  org_id: string;
  id: string;
  picklist_id: string;
  parent_id: string | null;
  code: string;
  label: string;
  label_en: string | null;
  sort: DefaultInt;
  active: Generated<boolean>;
  /** Migration 0004. */
  version: DefaultInt;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'dead' | 'cancelled';

export interface JobsTable {
  id: string;
  org_id: string | null;
  name: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<JobStatus>;
  attempts: DefaultInt;
  max_attempts: DefaultInt;
  run_at: Generated<Date>;
  unique_key: string | null;
  locked_by: string | null;
  locked_at: Timestamp | null;
  last_error: string | null;
  progress: Json<{ done: number; total: number; message?: string }> | null;
  result: Json | null;
  created_at: Generated<Date>;
  finished_at: Timestamp | null;
}

export interface JobSchedulesTable {
  name: string;
  every_seconds: number;
  next_run_at: Timestamp;
  payload: Json<Record<string, unknown>>;
  /** Migration 0006. */
  last_enqueued_at: Timestamp | null;
  last_job_id: string | null;
  created_at: Generated<Date>;
}

/** Job-loop heartbeats (migration 0006), for stale-lock recovery. */
export interface JobNodesTable {
  node_id: string;
  started_at: Generated<Date>;
  heartbeat_at: Generated<Date>;
}

export interface FilesTable {
  org_id: string;
  id: string;
  storage_key: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  entity_type: string | null;
  entity_id: string | null;
  created_at: Generated<Date>;
  deleted_at: Timestamp | null;
}

export interface IdempotencyKeysTable {
  org_id: string;
  actor_id: string;
  key: string;
  method: string;
  path: string;
  body_hash: string;
  status_code: number | null;
  response: Json | null;
  created_at: Generated<Date>;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  count: DefaultInt;
}

export interface WebhooksTable {
  org_id: string;
  id: string;
  name: string;
  url: string;
  secret: string;
  events: ColumnType<string[], string[] | undefined, string[]>;
  active: Generated<boolean>;
  version: DefaultInt;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface WebhookDeliveriesTable {
  org_id: string;
  id: string;
  webhook_id: string;
  event: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: DefaultInt;
  response_status: number | null;
  last_error: string | null;
  created_at: Generated<Date>;
  delivered_at: Timestamp | null;
}

/** One attempt to deliver a webhook (migration 0005). */
export interface WebhookDeliveryAttemptsTable {
  org_id: string;
  delivery_id: string;
  attempt: number;
  at: Generated<Date>;
  response_status: number | null;
  error: string | null;
  duration_ms: number;
  response_excerpt: string | null;
}

export interface DB {
  orgs: OrgsTable;
  departments: DepartmentsTable;
  positions: PositionsTable;
  roles: RolesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  system_secrets: SystemSecretsTable;
  audit_heads: AuditHeadsTable;
  audit_log: AuditLogTable;
  calendars: CalendarsTable;
  calendar_days: CalendarDaysTable;
  custom_fields: CustomFieldsTable;
  picklists: PicklistsTable;
  picklist_items: PicklistItemsTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  job_nodes: JobNodesTable;
  files: FilesTable;
  idempotency_keys: IdempotencyKeysTable;
  rate_limits: RateLimitsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
}

export type UserRow = Selectable<UsersTable>;
export type RoleRow = Selectable<RolesTable>;
export type DepartmentRow = Selectable<DepartmentsTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
