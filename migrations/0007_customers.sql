-- Customer information management (§2): the customer file and everything hanging off it.

CREATE TABLE customers (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('individual', 'organization')),
  name text NOT NULL,
  name_en text,
  gender text CHECK (gender IN ('male', 'female')),
  birthday date,
  -- phones: [{ value: '13812345678' | '010-62345678', kind: 'mobile' | 'landline', label }]
  phones jsonb NOT NULL DEFAULT '[]',
  email text,
  wechat text,
  province_code text,
  city_code text,
  district_code text,
  address text,
  company text,
  job_title text,
  credit_code text,
  industry text,
  company_size text,
  legal_rep text,
  registered_capital_fen bigint CHECK (registered_capital_fen >= 0),
  -- ID number: encrypted at rest; a keyed hash finds duplicates; the masked form serves lists.
  id_number_enc text,
  id_number_hash text,
  id_number_masked text,
  source_channel text,
  owner_id uuid,
  -- the owner's department when assigned: what 本部门 / 本部门及下级 scopes filter on
  department_id uuid,
  lifecycle_status text NOT NULL DEFAULT 'potential'
    CHECK (lifecycle_status IN ('potential', 'new', 'active', 'at_risk', 'churned', 'won_back')),
  class_marketing text CHECK (class_marketing IN ('economic', 'ethical', 'personal', 'convenience')),
  class_management text CHECK (class_management IN ('top', 'regular', 'temporary')),
  class_product text CHECK (class_product IN ('intermediate', 'final')),
  is_internal boolean NOT NULL DEFAULT false,
  tags text[] NOT NULL DEFAULT '{}',
  custom jsonb NOT NULL DEFAULT '{}',
  -- §2.4: likes, habits, needs, preferred contact time and channel
  preferences jsonb NOT NULL DEFAULT '{}',
  remark text NOT NULL DEFAULT '',
  search_tokens text[] NOT NULL DEFAULT '{}',
  last_activity_at timestamptz,
  merged_into_id uuid,
  anonymized_at timestamptz,
  created_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX customers_search_idx ON customers USING gin (search_tokens);
CREATE INDEX customers_tags_idx ON customers USING gin (tags);
CREATE INDEX customers_custom_idx ON customers USING gin (custom jsonb_path_ops);
CREATE INDEX customers_created_idx ON customers (org_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX customers_updated_idx ON customers (org_id, updated_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX customers_name_idx ON customers (org_id, name, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_owner_idx ON customers (org_id, owner_id, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX customers_department_idx ON customers (org_id, department_id) WHERE deleted_at IS NULL;
CREATE INDEX customers_status_idx ON customers (org_id, lifecycle_status, created_at DESC) WHERE deleted_at IS NULL;
-- duplicate detection by name: case and spaces ignored
CREATE INDEX customers_name_key_idx ON customers (org_id, replace(lower(name), ' ', '')) WHERE deleted_at IS NULL;
CREATE INDEX customers_email_idx ON customers (org_id, lower(email)) WHERE deleted_at IS NULL AND email IS NOT NULL;
CREATE INDEX customers_credit_code_idx ON customers (org_id, credit_code) WHERE deleted_at IS NULL AND credit_code IS NOT NULL;
CREATE INDEX customers_id_hash_idx ON customers (org_id, id_number_hash) WHERE deleted_at IS NULL AND id_number_hash IS NOT NULL;
CREATE INDEX customers_activity_idx ON customers (org_id, last_activity_at) WHERE deleted_at IS NULL AND anonymized_at IS NULL;

-- Each normalized phone of a live customer, for duplicate detection and "who is calling".
CREATE TABLE customer_phones (
  org_id uuid NOT NULL,
  phone text NOT NULL,
  customer_id uuid NOT NULL,
  PRIMARY KEY (org_id, phone, customer_id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_phones_customer_idx ON customer_phones (org_id, customer_id);

CREATE TABLE customer_status_history (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  from_status text,
  to_status text NOT NULL,
  reason text NOT NULL DEFAULT '',
  actor_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_status_history_idx ON customer_status_history (org_id, customer_id, at);

-- §2.2 the key-account contact map
CREATE TABLE customer_contacts (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  name text NOT NULL,
  job_title text,
  role text NOT NULL DEFAULT 'other'
    CHECK (role IN ('decision_maker', 'influencer', 'purchaser', 'user', 'finance', 'technical', 'other')),
  strength smallint NOT NULL DEFAULT 3 CHECK (strength BETWEEN 1 AND 5),
  phone text,
  email text,
  wechat text,
  is_primary boolean NOT NULL DEFAULT false,
  notes text NOT NULL DEFAULT '',
  custom jsonb NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_contacts_customer_idx ON customer_contacts (org_id, customer_id);

-- §2.3 consumption data. Money in integer fen.
CREATE TABLE products (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  sku text NOT NULL,
  name text NOT NULL,
  category text,
  unit_price_fen bigint NOT NULL DEFAULT 0 CHECK (unit_price_fen >= 0),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, sku)
);

CREATE TABLE customer_orders (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  order_no text NOT NULL,
  ordered_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'completed' CHECK (status IN ('open', 'completed', 'cancelled', 'returned')),
  -- items: [{ productId, sku, name, quantity, unitPriceFen }]
  items jsonb NOT NULL DEFAULT '[]',
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  margin_fen bigint,
  channel text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, order_no),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id)
);
CREATE INDEX customer_orders_customer_idx ON customer_orders (org_id, customer_id, ordered_at DESC);

CREATE TABLE customer_invoices (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  order_id uuid,
  invoice_no text NOT NULL,
  issued_at date NOT NULL,
  due_at date NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'void')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, invoice_no),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id)
);
CREATE INDEX customer_invoices_customer_idx ON customer_invoices (org_id, customer_id, issued_at DESC);

CREATE TABLE customer_payments (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  invoice_id uuid,
  paid_at timestamptz NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  method text NOT NULL DEFAULT 'transfer' CHECK (method IN ('transfer', 'cash', 'card', 'wechat_pay', 'alipay', 'other')),
  reference text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id)
);
CREATE INDEX customer_payments_customer_idx ON customer_payments (org_id, customer_id, paid_at DESC);

-- §2.5 one chronological timeline that every module appends to (append-only).
CREATE TABLE customer_timeline (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  source_type text,
  source_id uuid,
  actor_id uuid,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_timeline_idx ON customer_timeline (org_id, customer_id, at DESC, id DESC);

-- Saved views and segments (dynamic rules), per entity, private or shared.
CREATE TABLE saved_views (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  entity text NOT NULL CHECK (entity IN ('customer')),
  kind text NOT NULL CHECK (kind IN ('view', 'segment')),
  owner_id uuid NOT NULL,
  name text NOT NULL,
  shared boolean NOT NULL DEFAULT false,
  definition jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX saved_views_owner_idx ON saved_views (org_id, entity, owner_id);

-- §2.7 merges keep what undo needs: the merged customer's row and every reference moved.
CREATE TABLE customer_merges (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  survivor_id uuid NOT NULL,
  merged_id uuid NOT NULL,
  survivor_before jsonb NOT NULL,
  merged_before jsonb NOT NULL,
  moved jsonb NOT NULL,
  actor_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  undone_at timestamptz,
  undone_by uuid,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX customer_merges_survivor_idx ON customer_merges (org_id, survivor_id, at DESC);
-- Pairs a person has judged "not duplicates", so the duplicates page stops proposing them.
CREATE TABLE customer_not_duplicates (
  org_id uuid NOT NULL,
  a_id uuid NOT NULL,
  b_id uuid NOT NULL,
  actor_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, a_id, b_id),
  CHECK (a_id < b_id)
);

-- §2.11 consent records (purpose, scope, channel, time) and the retention policy.
CREATE TABLE customer_consents (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  purpose text NOT NULL,
  scope text NOT NULL DEFAULT '',
  channel text NOT NULL,
  granted boolean NOT NULL,
  evidence text NOT NULL DEFAULT '',
  recorded_by uuid,
  at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_consents_customer_idx ON customer_consents (org_id, customer_id, at DESC);

CREATE TABLE customer_retention (
  org_id uuid PRIMARY KEY REFERENCES orgs(id),
  enabled boolean NOT NULL DEFAULT false,
  inactive_years integer NOT NULL DEFAULT 3 CHECK (inactive_years BETWEEN 1 AND 30),
  last_run_at timestamptz,
  last_run_count integer,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- §2.8 an import: the uploaded file, the column mapping, the dry-run report and the progress.
CREATE TABLE customer_imports (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL,
  file_id uuid NOT NULL,
  filename text NOT NULL,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  status text NOT NULL DEFAULT 'uploaded'
    CHECK (status IN ('uploaded', 'validated', 'running', 'done', 'failed')),
  headers jsonb NOT NULL DEFAULT '[]',
  mapping jsonb NOT NULL DEFAULT '{}',
  duplicate_mode text NOT NULL DEFAULT 'skip' CHECK (duplicate_mode IN ('skip', 'update', 'merge')),
  total_rows integer NOT NULL DEFAULT 0,
  processed_rows integer NOT NULL DEFAULT 0,
  created_count integer NOT NULL DEFAULT 0,
  updated_count integer NOT NULL DEFAULT 0,
  skipped_count integer NOT NULL DEFAULT 0,
  error_count integer NOT NULL DEFAULT 0,
  -- [{ row, column, code, message }] capped; the downloadable report is built from it
  problems jsonb NOT NULL DEFAULT '[]',
  failure text,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
