-- Platform: organizations, people, access control, authentication, audit, configuration,
-- jobs, files, API plumbing. Every business table leads its keys with org_id.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE orgs (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  timezone text NOT NULL DEFAULT 'Asia/Shanghai',
  settings jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE departments (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  parent_id uuid,
  name text NOT NULL,
  code text,
  sort integer NOT NULL DEFAULT 0,
  -- materialized path of ancestor ids incl. self ('/a/b/c/'), for 本部门及下级 scopes
  path text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, parent_id) REFERENCES departments(org_id, id)
);
CREATE INDEX departments_path_idx ON departments (org_id, path text_pattern_ops);

CREATE TABLE positions (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  name_en text,
  responsibilities text NOT NULL DEFAULT '',
  requirements text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, code)
);

CREATE TABLE roles (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  permissions text[] NOT NULL DEFAULT '{}',
  -- { "<resource>": "self" | "department" | "subtree" | "all" }
  scopes jsonb NOT NULL DEFAULT '{}',
  -- { "<field>": "show" | "mask" | "hide" }; fields absent are masked
  field_rules jsonb NOT NULL DEFAULT '{}',
  is_system boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, code)
);

CREATE TABLE users (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  username text NOT NULL,
  display_name text NOT NULL,
  email text,
  phone text,
  department_id uuid,
  position_id uuid,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  skills jsonb NOT NULL DEFAULT '[]',
  locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  password_hash text,
  password_changed_at timestamptz,
  totp_secret text,
  totp_enabled boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, department_id) REFERENCES departments(org_id, id),
  FOREIGN KEY (org_id, position_id) REFERENCES positions(org_id, id)
);
CREATE UNIQUE INDEX users_username_idx ON users (org_id, lower(username));
CREATE INDEX users_department_idx ON users (org_id, department_id);

CREATE TABLE user_roles (
  org_id uuid NOT NULL,
  user_id uuid NOT NULL,
  role_id uuid NOT NULL,
  PRIMARY KEY (org_id, user_id, role_id),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, role_id) REFERENCES roles(org_id, id) ON DELETE CASCADE
);

-- Sessions: the cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  org_id uuid NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  -- set while the password was accepted but the TOTP code is still due
  mfa_pending boolean NOT NULL DEFAULT false,
  ip text,
  user_agent text,
  revoked_at timestamptz,
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_user_idx ON sessions (org_id, user_id);

CREATE TABLE api_tokens (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  -- empty = all of the owner's permissions; otherwise the intersection
  scopes text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id) ON DELETE CASCADE
);

-- Login throttling by account key and by client address (shared by all server nodes).
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  window_start timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);

-- Append-only, hash-chained audit log; one chain per organization.
CREATE TABLE audit_heads (
  org_id uuid PRIMARY KEY REFERENCES orgs(id),
  seq bigint NOT NULL DEFAULT 0,
  hash text NOT NULL DEFAULT ''
);
CREATE TABLE audit_log (
  org_id uuid NOT NULL,
  seq bigint NOT NULL,
  id uuid NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text,
  ip text,
  action text NOT NULL,
  entity_type text,
  entity_id text,
  before jsonb,
  after jsonb,
  reason text,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (org_id, seq)
);
CREATE INDEX audit_log_at_idx ON audit_log (org_id, at DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (org_id, entity_type, entity_id);
CREATE INDEX audit_log_actor_idx ON audit_log (org_id, actor_id, at DESC);

-- Business calendars: weekly hours plus dated overrides (holidays, 调休 make-up workdays).
CREATE TABLE calendars (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  name text NOT NULL,
  timezone text NOT NULL DEFAULT 'Asia/Shanghai',
  -- 7 entries, Monday first: [[{"start":"09:00","end":"18:00"}], ...]
  weekly_hours jsonb NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE TABLE calendar_days (
  org_id uuid NOT NULL,
  calendar_id uuid NOT NULL,
  day date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL DEFAULT '',
  -- for a workday: its hours; null = the calendar's Monday hours
  hours jsonb,
  PRIMARY KEY (org_id, calendar_id, day),
  FOREIGN KEY (org_id, calendar_id) REFERENCES calendars(org_id, id) ON DELETE CASCADE
);

CREATE TABLE custom_fields (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  entity text NOT NULL CHECK (entity IN ('customer', 'contact', 'ticket')),
  key text NOT NULL,
  label text NOT NULL,
  label_en text,
  type text NOT NULL CHECK (type IN ('text', 'number', 'date', 'select', 'multiselect', 'boolean')),
  options jsonb NOT NULL DEFAULT '[]',
  required boolean NOT NULL DEFAULT false,
  sort integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, entity, key)
);

CREATE TABLE picklists (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  name_en text,
  hierarchical boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, code)
);
CREATE TABLE picklist_items (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  picklist_id uuid NOT NULL,
  parent_id uuid,
  code text NOT NULL,
  label text NOT NULL,
  label_en text,
  sort integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, picklist_id, code),
  FOREIGN KEY (org_id, picklist_id) REFERENCES picklists(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, parent_id) REFERENCES picklist_items(org_id, id)
);

-- Durable jobs: claimed with FOR UPDATE SKIP LOCKED, retried with backoff.
CREATE TABLE jobs (
  id uuid PRIMARY KEY,
  org_id uuid,
  name text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  run_at timestamptz NOT NULL DEFAULT now(),
  unique_key text,
  locked_by text,
  locked_at timestamptz,
  last_error text,
  progress jsonb,
  result jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status = 'queued';
CREATE UNIQUE INDEX jobs_unique_key_idx ON jobs (unique_key) WHERE unique_key IS NOT NULL AND status IN ('queued', 'running');
CREATE INDEX jobs_org_idx ON jobs (org_id, created_at DESC);

-- Recurring schedules; each due run is enqueued once across all nodes.
CREATE TABLE job_schedules (
  name text PRIMARY KEY,
  every_seconds integer NOT NULL,
  next_run_at timestamptz NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE files (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  storage_key text NOT NULL UNIQUE,
  filename text NOT NULL,
  content_type text NOT NULL,
  size bigint NOT NULL,
  sha256 text NOT NULL,
  uploaded_by uuid,
  entity_type text,
  entity_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id)
);

CREATE TABLE idempotency_keys (
  org_id uuid NOT NULL,
  actor_id uuid NOT NULL,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  body_hash text NOT NULL,
  status_code integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, actor_id, key)
);

-- Fixed-window request counters shared by all nodes.
CREATE TABLE rate_limits (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (key, window_start)
);

CREATE TABLE webhooks (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  name text NOT NULL,
  url text NOT NULL,
  secret text NOT NULL,
  events text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE TABLE webhook_deliveries (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  webhook_id uuid NOT NULL,
  event text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  response_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, webhook_id) REFERENCES webhooks(org_id, id) ON DELETE CASCADE
);
