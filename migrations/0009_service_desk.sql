-- Service desk (§5): tickets and what hangs off them — categories, status history, messages,
-- teams and routing, SLA policies and events, complaints, commitments, scripts and the
-- knowledge base, automations, service standards, the customer portal and channel identities.

-- §5.1 category tree under each ticket type
CREATE TABLE ticket_categories (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  ticket_type text NOT NULL CHECK (ticket_type IN ('inquiry', 'complaint', 'after_sales', 'value_added', 'suggestion')),
  parent_id uuid,
  name text NOT NULL,
  name_en text,
  sort integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, parent_id) REFERENCES ticket_categories(org_id, id)
);
CREATE INDEX ticket_categories_type_idx ON ticket_categories (org_id, ticket_type, parent_id, sort);

-- §5.1 per-type forms: a ticket custom field can apply to some types only (empty = every type)
ALTER TABLE custom_fields ADD COLUMN ticket_types text[] NOT NULL DEFAULT '{}';

-- §5.5 teams, their members, capacity and skills
CREATE TABLE teams (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  strategy text NOT NULL DEFAULT 'manual' CHECK (strategy IN ('manual', 'round_robin', 'load_balanced', 'skills')),
  calendar_id uuid,
  -- the ticket types and channels this team takes by default (empty = any)
  ticket_types text[] NOT NULL DEFAULT '{}',
  channels text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX teams_name_idx ON teams (org_id, lower(name));

CREATE TABLE team_members (
  org_id uuid NOT NULL,
  team_id uuid NOT NULL,
  user_id uuid NOT NULL,
  -- open tickets the agent can hold at once (load-balanced and skills routing)
  capacity integer NOT NULL DEFAULT 10 CHECK (capacity BETWEEN 0 AND 1000),
  -- { "skill code": proficiency 1..5 }
  skills jsonb NOT NULL DEFAULT '{}',
  -- taking new work now (off = on leave, in training, …)
  available boolean NOT NULL DEFAULT true,
  last_assigned_at timestamptz,
  PRIMARY KEY (org_id, team_id, user_id),
  FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);
CREATE INDEX team_members_user_idx ON team_members (org_id, user_id);

-- §5.6 SLA policies by type × priority × customer tier; the first matching policy by position wins
CREATE TABLE sla_policies (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  name text NOT NULL,
  position integer NOT NULL DEFAULT 0,
  ticket_types text[] NOT NULL DEFAULT '{}',
  priorities text[] NOT NULL DEFAULT '{}',
  customer_tiers text[] NOT NULL DEFAULT '{}',
  calendar_id uuid,
  first_response_minutes integer CHECK (first_response_minutes > 0),
  next_response_minutes integer CHECK (next_response_minutes > 0),
  resolution_minutes integer CHECK (resolution_minutes > 0),
  -- a warning fires when this share of a target has elapsed
  warn_percent integer NOT NULL DEFAULT 80 CHECK (warn_percent BETWEEN 1 AND 99),
  -- [{ on: 'warning' | 'breach', metric?: …, action: 'notify' | 'reassign' | 'raise_priority', … }]
  escalations jsonb NOT NULL DEFAULT '[]',
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE SEQUENCE ticket_number_seq START 10001;

CREATE TABLE tickets (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  -- what people say on the phone: "工单 10234"
  number bigint NOT NULL DEFAULT nextval('ticket_number_seq'),
  type text NOT NULL CHECK (type IN ('inquiry', 'complaint', 'after_sales', 'value_added', 'suggestion')),
  -- after-sales: install / repair / return / exchange
  subtype text CHECK (subtype IN ('install', 'repair', 'return', 'exchange')),
  category_id uuid,
  subject text NOT NULL,
  description text NOT NULL DEFAULT '',
  channel text NOT NULL CHECK (channel IN ('phone', 'email', 'web_form', 'portal', 'chat', 'onsite', 'api', 'wechat', 'wecom', 'agent')),
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'open', 'pending', 'on_hold', 'resolved', 'closed')),
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  customer_id uuid,
  contact_id uuid,
  -- who asked when there is no customer record yet (mail, web form)
  requester_name text,
  requester_email text,
  requester_phone text,
  -- the tier the customer had when the ticket opened: SLA and routing priority use it
  customer_tier text,
  team_id uuid,
  assignee_id uuid,
  -- the assignee's department: what 本部门 / 本部门及下级 scopes filter on
  department_id uuid,
  -- waiting for an agent since (a team's queue when every member is full)
  queued_at timestamptz,
  cc text[] NOT NULL DEFAULT '{}',
  tags text[] NOT NULL DEFAULT '{}',
  custom jsonb NOT NULL DEFAULT '{}',
  search_tokens text[] NOT NULL DEFAULT '{}',
  merged_into_id uuid,
  split_from_id uuid,
  -- the Message-ID of the mail that opened it, and the one Kefu threads its replies under
  email_thread_id text,
  sla_policy_id uuid,
  -- derived from status history + policy + calendar (recomputable), kept for lists and scans
  first_response_due_at timestamptz,
  next_response_due_at timestamptz,
  resolution_due_at timestamptz,
  sla_state text NOT NULL DEFAULT 'none' CHECK (sla_state IN ('none', 'ok', 'warning', 'breached', 'paused', 'met')),
  -- the next instant at which the SLA scan must look at this ticket (warning or breach due)
  sla_next_check_at timestamptz,
  first_response_at timestamptz,
  last_customer_message_at timestamptz,
  last_agent_reply_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  reopen_count integer NOT NULL DEFAULT 0,
  satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5),
  satisfaction_comment text,
  rated_at timestamptz,
  created_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX tickets_number_idx ON tickets (org_id, number);
CREATE INDEX tickets_search_idx ON tickets USING gin (search_tokens);
CREATE INDEX tickets_tags_idx ON tickets USING gin (tags);
CREATE INDEX tickets_created_idx ON tickets (org_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX tickets_updated_idx ON tickets (org_id, updated_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX tickets_customer_idx ON tickets (org_id, customer_id, created_at DESC) WHERE deleted_at IS NULL;
-- an agent's and a team's open work
CREATE INDEX tickets_assignee_open_idx ON tickets (org_id, assignee_id, updated_at DESC, id DESC)
  WHERE deleted_at IS NULL AND status IN ('new', 'open', 'pending', 'on_hold');
CREATE INDEX tickets_team_open_idx ON tickets (org_id, team_id, updated_at DESC, id DESC)
  WHERE deleted_at IS NULL AND status IN ('new', 'open', 'pending', 'on_hold');
CREATE INDEX tickets_department_idx ON tickets (org_id, department_id, updated_at DESC) WHERE deleted_at IS NULL;
-- the waiting queue of each team
CREATE INDEX tickets_queue_idx ON tickets (org_id, team_id, queued_at)
  WHERE deleted_at IS NULL AND assignee_id IS NULL AND queued_at IS NOT NULL;
-- the SLA scan: open tickets whose next warning or breach is due
CREATE INDEX tickets_sla_check_idx ON tickets (sla_next_check_at) WHERE sla_next_check_at IS NOT NULL;
CREATE INDEX tickets_email_thread_idx ON tickets (org_id, email_thread_id) WHERE email_thread_id IS NOT NULL;

-- Append-only: the SLA clock is computed from this and the calendar, so it can be recomputed and explained.
CREATE TABLE ticket_status_history (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  from_status text,
  to_status text NOT NULL,
  reason text NOT NULL DEFAULT '',
  actor_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, ticket_id) REFERENCES tickets(org_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_status_history_idx ON ticket_status_history (org_id, ticket_id, at, id);

-- Public replies, internal notes, the customer's own messages and system lines, in one thread.
CREATE TABLE ticket_messages (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('reply', 'note', 'customer', 'system')),
  author_type text NOT NULL CHECK (author_type IN ('agent', 'customer', 'system')),
  author_id uuid,
  author_name text,
  channel text NOT NULL,
  body_text text NOT NULL DEFAULT '',
  -- sanitized HTML (mail); null for plain text
  body_html text,
  attachments uuid[] NOT NULL DEFAULT '{}',
  cc text[] NOT NULL DEFAULT '{}',
  -- mail threading, and the external id of a messaging-channel message (idempotent delivery)
  email_message_id text,
  in_reply_to text,
  external_id text,
  -- outbound delivery of a public reply: null (not sent by mail), queued, sent, failed
  delivery text CHECK (delivery IN ('queued', 'sent', 'failed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, ticket_id) REFERENCES tickets(org_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_messages_ticket_idx ON ticket_messages (org_id, ticket_id, created_at, id);
CREATE INDEX ticket_messages_email_idx ON ticket_messages (org_id, email_message_id) WHERE email_message_id IS NOT NULL;
CREATE UNIQUE INDEX ticket_messages_external_idx ON ticket_messages (org_id, channel, external_id) WHERE external_id IS NOT NULL;

-- merge, split and plain links between tickets
CREATE TABLE ticket_links (
  org_id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  other_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('related', 'merged_into', 'split_from')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, ticket_id, other_id, kind),
  FOREIGN KEY (org_id, ticket_id) REFERENCES tickets(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, other_id) REFERENCES tickets(org_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_links_other_idx ON ticket_links (org_id, other_id);

-- §5.6 warnings, breaches and the escalation actions they ran; one per ticket × metric × kind × due time
CREATE TABLE sla_events (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  metric text NOT NULL CHECK (metric IN ('first_response', 'next_response', 'resolution')),
  kind text NOT NULL CHECK (kind IN ('warning', 'breach')),
  due_at timestamptz NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actions jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, ticket_id, metric, kind, due_at),
  FOREIGN KEY (org_id, ticket_id) REFERENCES tickets(org_id, id) ON DELETE CASCADE
);
CREATE INDEX sla_events_at_idx ON sla_events (org_id, at DESC);

-- §5.4 the complaint process, one row per complaint ticket
CREATE TABLE complaints (
  org_id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  complainant_name text,
  complainant_phone text,
  occurred_at timestamptz,
  matter text NOT NULL DEFAULT '',
  severity text NOT NULL DEFAULT 'general' CHECK (severity IN ('minor', 'general', 'serious', 'critical')),
  root_cause text CHECK (root_cause IN ('product_quality', 'service', 'information_asymmetry', 'expectation', 'other')),
  root_cause_detail text NOT NULL DEFAULT '',
  measures text NOT NULL DEFAULT '',
  compensation_fen bigint CHECK (compensation_fen >= 0),
  recovery_note text NOT NULL DEFAULT '',
  customer_informed_at timestamptz,
  survey_score smallint CHECK (survey_score BETWEEN 1 AND 5),
  survey_comment text,
  follow_up_note text NOT NULL DEFAULT '',
  current_step text NOT NULL DEFAULT 'receive'
    CHECK (current_step IN ('receive', 'register', 'investigate', 'handle', 'survey', 'follow_up', 'close', 'done')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, ticket_id),
  FOREIGN KEY (org_id, ticket_id) REFERENCES tickets(org_id, id) ON DELETE CASCADE
);
CREATE INDEX complaints_cause_idx ON complaints (org_id, root_cause);

CREATE TABLE complaint_steps (
  org_id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  step text NOT NULL CHECK (step IN ('receive', 'register', 'investigate', 'handle', 'survey', 'follow_up', 'close')),
  owner_id uuid,
  due_at timestamptz,
  started_at timestamptz,
  completed_at timestamptz,
  completed_by uuid,
  note text NOT NULL DEFAULT '',
  PRIMARY KEY (org_id, ticket_id, step),
  FOREIGN KEY (org_id, ticket_id) REFERENCES complaints(org_id, ticket_id) ON DELETE CASCADE
);
CREATE INDEX complaint_steps_due_idx ON complaint_steps (org_id, due_at) WHERE completed_at IS NULL;

-- §5.7 service commitments (客户承诺)
CREATE TABLE commitments (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  customer_id uuid,
  ticket_id uuid,
  description text NOT NULL,
  due_at timestamptz NOT NULL,
  owner_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fulfilled', 'breached', 'cancelled')),
  fulfilled_at timestamptz,
  fulfilment_note text NOT NULL DEFAULT '',
  alerted_at timestamptz,
  created_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX commitments_owner_idx ON commitments (org_id, owner_id, due_at) WHERE status = 'open';
CREATE INDEX commitments_due_idx ON commitments (due_at) WHERE status = 'open';
CREATE INDEX commitments_ticket_idx ON commitments (org_id, ticket_id);
CREATE INDEX commitments_customer_idx ON commitments (org_id, customer_id);

-- §5.8 canned replies and call scripts (话术库) with {{variables}}
CREATE TABLE canned_replies (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  kind text NOT NULL DEFAULT 'reply' CHECK (kind IN ('reply', 'script')),
  title text NOT NULL,
  body text NOT NULL,
  category text NOT NULL DEFAULT '',
  ticket_types text[] NOT NULL DEFAULT '{}',
  -- null = shared with everyone; else the agent's own
  owner_id uuid,
  usage_count integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX canned_replies_kind_idx ON canned_replies (org_id, kind, category);

-- §5.8 反面用语: phrases outgoing text must not contain
CREATE TABLE forbidden_phrases (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  phrase text NOT NULL,
  suggestion text NOT NULL DEFAULT '',
  severity text NOT NULL DEFAULT 'warn' CHECK (severity IN ('warn', 'block')),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX forbidden_phrases_phrase_idx ON forbidden_phrases (org_id, lower(phrase));

-- §5.8 knowledge base
CREATE TABLE kb_categories (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  parent_id uuid,
  name text NOT NULL,
  name_en text,
  sort integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, parent_id) REFERENCES kb_categories(org_id, id)
);

CREATE TABLE kb_articles (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  category_id uuid,
  title text NOT NULL,
  -- Markdown source; rendered and sanitized when shown
  body text NOT NULL DEFAULT '',
  visibility text NOT NULL DEFAULT 'internal' CHECK (visibility IN ('internal', 'public')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
  tags text[] NOT NULL DEFAULT '{}',
  search_tokens text[] NOT NULL DEFAULT '{}',
  author_id uuid,
  view_count integer NOT NULL DEFAULT 0,
  helpful_yes integer NOT NULL DEFAULT 0,
  helpful_no integer NOT NULL DEFAULT 0,
  published_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX kb_articles_search_idx ON kb_articles USING gin (search_tokens);
CREATE INDEX kb_articles_category_idx ON kb_articles (org_id, category_id, updated_at DESC);

-- §5.9 automations: triggers and time-based rules, as data
CREATE TABLE automations (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('trigger', 'schedule')),
  -- triggers: on 'created' and/or 'updated'
  events text[] NOT NULL DEFAULT '{}',
  -- { all: [{ field, op, value }], any: [...] }
  conditions jsonb NOT NULL DEFAULT '{}',
  -- [{ type: 'assign' | 'set_priority' | 'add_tag' | 'set_status' | 'notify' | 'reply_template', … }]
  actions jsonb NOT NULL DEFAULT '[]',
  position integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  run_count integer NOT NULL DEFAULT 0,
  last_run_at timestamptz,
  created_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

-- a time-based rule acts on a ticket once
CREATE TABLE automation_runs (
  org_id uuid NOT NULL,
  automation_id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actions jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (org_id, automation_id, ticket_id),
  FOREIGN KEY (org_id, automation_id) REFERENCES automations(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, ticket_id) REFERENCES tickets(org_id, id) ON DELETE CASCADE
);

-- §5.10 service standards per channel
CREATE TABLE service_standards (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  channel text NOT NULL,
  metric text NOT NULL,
  target numeric NOT NULL,
  description text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, channel, metric)
);

-- §5.11 customer portal accounts, sign-in links and sessions
CREATE TABLE portal_accounts (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  email text NOT NULL,
  display_name text NOT NULL DEFAULT '',
  password_hash text,
  email_verified_at timestamptz,
  last_login_at timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id)
);
CREATE UNIQUE INDEX portal_accounts_email_idx ON portal_accounts (org_id, lower(email));

CREATE TABLE portal_tokens (
  token_hash text PRIMARY KEY,
  org_id uuid NOT NULL,
  account_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('login_link', 'session')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (org_id, account_id) REFERENCES portal_accounts(org_id, id) ON DELETE CASCADE
);
CREATE INDEX portal_tokens_account_idx ON portal_tokens (org_id, account_id);

-- §5.2 who a messaging-channel user (WeChat openid, WeCom external id, mail address) is
CREATE TABLE channel_identities (
  org_id uuid NOT NULL REFERENCES orgs(id),
  channel text NOT NULL,
  external_id text NOT NULL,
  customer_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, channel, external_id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id) ON DELETE CASCADE
);
CREATE INDEX channel_identities_customer_idx ON channel_identities (org_id, customer_id);

-- views of tickets share the customers' saved-view table
ALTER TABLE saved_views DROP CONSTRAINT saved_views_entity_check;
ALTER TABLE saved_views ADD CONSTRAINT saved_views_entity_check CHECK (entity IN ('customer', 'ticket'));
