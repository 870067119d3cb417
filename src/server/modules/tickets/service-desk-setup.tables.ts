import type { ColumnType, Generated } from 'kysely';

/**
 * Table types of what the service desk is set up with (migration 0009): canned replies and
 * scripts, forbidden phrases, the knowledge base, automations, service standards, portal
 * accounts and channel identities — merged into the platform's `DB`.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A JSON column with a database default: optional on insert. */
type JsonDefault<T> = ColumnType<T, string | T | undefined, string | T>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Version = Generated<number>;

export interface CannedRepliesTable {
  org_id: string;
  id: string;
  kind: Generated<'reply' | 'script'>;
  title: string;
  body: string;
  category: Generated<string>;
  ticket_types: TextArray;
  owner_id: string | null;
  usage_count: Generated<number>;
  active: Generated<boolean>;
  version: Version;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ForbiddenPhrasesTable {
  org_id: string;
  id: string;
  phrase: string;
  suggestion: Generated<string>;
  severity: Generated<'warn' | 'block'>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface KbCategoriesTable {
  org_id: string;
  id: string;
  parent_id: string | null;
  name: string;
  name_en: string | null;
  sort: Generated<number>;
  created_at: Generated<Date>;
}

export interface KbArticlesTable {
  org_id: string;
  id: string;
  category_id: string | null;
  title: string;
  body: Generated<string>;
  visibility: Generated<'internal' | 'public'>;
  status: Generated<'draft' | 'published' | 'archived'>;
  tags: TextArray;
  search_tokens: TextArray;
  author_id: string | null;
  view_count: Generated<number>;
  helpful_yes: Generated<number>;
  helpful_no: Generated<number>;
  published_at: Timestamp | null;
  version: Version;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type AutomationCondition = { field: string; op: string; value?: unknown };
export type AutomationAction = { type: string; [key: string]: unknown };

export interface AutomationsTable {
  org_id: string;
  id: string;
  name: string;
  kind: 'trigger' | 'schedule';
  events: TextArray;
  conditions: JsonDefault<{ all?: AutomationCondition[]; any?: AutomationCondition[] }>;
  actions: JsonDefault<AutomationAction[]>;
  position: Generated<number>;
  active: Generated<boolean>;
  run_count: Generated<number>;
  last_run_at: Timestamp | null;
  created_by: string | null;
  version: Version;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AutomationRunsTable {
  org_id: string;
  automation_id: string;
  ticket_id: string;
  at: Generated<Date>;
  actions: JsonDefault<unknown[]>;
}

export interface ServiceStandardsTable {
  org_id: string;
  id: string;
  channel: string;
  metric: string;
  target: ColumnType<string, number | string, number | string>;
  description: Generated<string>;
  active: Generated<boolean>;
  version: Version;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PortalAccountsTable {
  org_id: string;
  id: string;
  customer_id: string;
  email: string;
  display_name: Generated<string>;
  password_hash: string | null;
  email_verified_at: Timestamp | null;
  last_login_at: Timestamp | null;
  disabled: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PortalTokensTable {
  token_hash: string;
  org_id: string;
  account_id: string;
  purpose: 'login_link' | 'session';
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface ChannelIdentitiesTable {
  org_id: string;
  channel: string;
  external_id: string;
  customer_id: string;
  created_at: Generated<Date>;
}

declare module '../../platform/db-schema.js' {
  interface DB {
    canned_replies: CannedRepliesTable;
    forbidden_phrases: ForbiddenPhrasesTable;
    kb_categories: KbCategoriesTable;
    kb_articles: KbArticlesTable;
    automations: AutomationsTable;
    automation_runs: AutomationRunsTable;
    service_standards: ServiceStandardsTable;
    portal_accounts: PortalAccountsTable;
    portal_tokens: PortalTokensTable;
    channel_identities: ChannelIdentitiesTable;
  }
}
