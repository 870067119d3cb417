import type { ColumnType, Generated, Selectable } from 'kysely';

/** Table types of the customers module (migration 0007), merged into the platform's `DB`. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Version = Generated<number>;

export type PhoneEntry = { value: string; kind: 'mobile' | 'landline'; label?: string | null };
export type Preferences = { likes?: string; habits?: string; needs?: string; contactTime?: string; preferredChannel?: string };

export interface CustomersTable {
  org_id: string;
  id: string;
  kind: 'individual' | 'organization';
  name: string;
  name_en: string | null;
  gender: 'male' | 'female' | null;
  birthday: ColumnType<string | null, string | null | undefined, string | null>;
  phones: Json<PhoneEntry[]>;
  email: string | null;
  wechat: string | null;
  province_code: string | null;
  city_code: string | null;
  district_code: string | null;
  address: string | null;
  company: string | null;
  job_title: string | null;
  credit_code: string | null;
  industry: string | null;
  company_size: string | null;
  legal_rep: string | null;
  registered_capital_fen: number | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_masked: string | null;
  source_channel: string | null;
  owner_id: string | null;
  department_id: string | null;
  lifecycle_status: Generated<LifecycleStatusValue>;
  class_marketing: string | null;
  class_management: string | null;
  class_product: string | null;
  is_internal: Generated<boolean>;
  tags: TextArray;
  custom: Json<Record<string, unknown>>;
  preferences: Json<Preferences>;
  remark: Generated<string>;
  search_tokens: TextArray;
  last_activity_at: Timestamp | null;
  merged_into_id: string | null;
  anonymized_at: Timestamp | null;
  created_by: string | null;
  version: Version;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: Timestamp | null;
}
export type LifecycleStatusValue = 'potential' | 'new' | 'active' | 'at_risk' | 'churned' | 'won_back';

export interface CustomerPhonesTable {
  org_id: string;
  phone: string;
  customer_id: string;
}

export interface CustomerStatusHistoryTable {
  org_id: string;
  id: string;
  customer_id: string;
  from_status: string | null;
  to_status: string;
  reason: Generated<string>;
  actor_id: string | null;
  at: Generated<Date>;
}

export interface CustomerContactsTable {
  org_id: string;
  id: string;
  customer_id: string;
  name: string;
  job_title: string | null;
  role: Generated<string>;
  strength: Generated<number>;
  phone: string | null;
  email: string | null;
  wechat: string | null;
  is_primary: Generated<boolean>;
  notes: Generated<string>;
  custom: Json<Record<string, unknown>>;
  version: Version;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProductsTable {
  org_id: string;
  id: string;
  sku: string;
  name: string;
  category: string | null;
  unit_price_fen: Generated<number>;
  active: Generated<boolean>;
  version: Version;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type OrderItem = { productId?: string | null; sku?: string | null; name: string; quantity: number; unitPriceFen: number };

export interface CustomerOrdersTable {
  org_id: string;
  id: string;
  customer_id: string;
  order_no: string;
  ordered_at: Timestamp;
  status: Generated<'open' | 'completed' | 'cancelled' | 'returned'>;
  items: Json<OrderItem[]>;
  amount_fen: number;
  margin_fen: number | null;
  channel: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CustomerInvoicesTable {
  org_id: string;
  id: string;
  customer_id: string;
  order_id: string | null;
  invoice_no: string;
  issued_at: ColumnType<string, string, string>;
  due_at: ColumnType<string, string, string>;
  amount_fen: number;
  status: Generated<'open' | 'paid' | 'void'>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CustomerPaymentsTable {
  org_id: string;
  id: string;
  customer_id: string;
  invoice_id: string | null;
  paid_at: Timestamp;
  amount_fen: number;
  method: Generated<string>;
  reference: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CustomerTimelineTable {
  org_id: string;
  id: string;
  customer_id: string;
  at: Timestamp;
  kind: string;
  title: string;
  detail: Json<Record<string, unknown>>;
  source_type: string | null;
  source_id: string | null;
  actor_id: string | null;
}

export interface SavedViewsTable {
  org_id: string;
  id: string;
  entity: 'customer' | 'ticket';
  kind: 'view' | 'segment';
  owner_id: string;
  name: string;
  shared: Generated<boolean>;
  definition: Json<Record<string, unknown>>;
  version: Version;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CustomerMergesTable {
  org_id: string;
  id: string;
  survivor_id: string;
  merged_id: string;
  survivor_before: Json<Record<string, unknown>>;
  merged_before: Json<Record<string, unknown>>;
  moved: Json<Record<string, string[]>>;
  actor_id: string | null;
  at: Generated<Date>;
  undone_at: Timestamp | null;
  undone_by: string | null;
}

export interface CustomerNotDuplicatesTable {
  org_id: string;
  a_id: string;
  b_id: string;
  actor_id: string | null;
  at: Generated<Date>;
}

export interface CustomerConsentsTable {
  org_id: string;
  id: string;
  customer_id: string;
  purpose: string;
  scope: Generated<string>;
  channel: string;
  granted: boolean;
  evidence: Generated<string>;
  recorded_by: string | null;
  at: Generated<Date>;
  withdrawn_at: Timestamp | null;
}

export interface CustomerRetentionTable {
  org_id: string;
  enabled: Generated<boolean>;
  inactive_years: Generated<number>;
  last_run_at: Timestamp | null;
  last_run_count: number | null;
  version: Version;
  updated_at: Generated<Date>;
}

export type ImportProblem = { row: number; column: string | null; code: string; message: string };

export interface CustomerImportsTable {
  org_id: string;
  id: string;
  file_id: string;
  filename: string;
  format: 'csv' | 'xlsx';
  status: Generated<'uploaded' | 'validated' | 'running' | 'done' | 'failed'>;
  headers: Json<string[]>;
  mapping: Json<Record<string, string>>;
  duplicate_mode: Generated<'skip' | 'update' | 'merge'>;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  created_count: Generated<number>;
  updated_count: Generated<number>;
  skipped_count: Generated<number>;
  error_count: Generated<number>;
  problems: Json<ImportProblem[]>;
  failure: string | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

declare module '../../platform/db-schema.js' {
  interface DB {
    customers: CustomersTable;
    customer_phones: CustomerPhonesTable;
    customer_status_history: CustomerStatusHistoryTable;
    customer_contacts: CustomerContactsTable;
    products: ProductsTable;
    customer_orders: CustomerOrdersTable;
    customer_invoices: CustomerInvoicesTable;
    customer_payments: CustomerPaymentsTable;
    customer_timeline: CustomerTimelineTable;
    saved_views: SavedViewsTable;
    customer_merges: CustomerMergesTable;
    customer_not_duplicates: CustomerNotDuplicatesTable;
    customer_consents: CustomerConsentsTable;
    customer_retention: CustomerRetentionTable;
    customer_imports: CustomerImportsTable;
  }
}

export type CustomerRow = Selectable<CustomersTable>;
export type ContactRow = Selectable<CustomerContactsTable>;
export type TimelineRow = Selectable<CustomerTimelineTable>;
