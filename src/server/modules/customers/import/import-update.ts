import { LIFECYCLE_TRANSITIONS, type LifecycleStatus } from '../../../../shared/customers.js';
import type { CustomerColumns } from '../customer-input.js';
import type { CustomerRow, PhoneEntry } from '../customers.tables.js';
import type { ConvertedRow } from './import-row.js';

/**
 * What an import row changes on the existing customer it duplicates (§2.8 dedup-on-import):
 * - update: every non-empty value of the file overwrites the stored one;
 * - merge: a value is taken only where the stored field is empty.
 * Lists (phones, tags) and custom values are combined, never replaced: update adds the file's
 * items to the stored ones, merge fills an empty list. The lifecycle status moves only along
 * an allowed transition (update mode); otherwise it stays and the report says so.
 */

export type PlannedUpdate = {
  row: number;
  existing: CustomerRow;
  /** columns to set (jsonb already as JSON text); empty when the row changes nothing */
  set: CustomerColumns;
  /** the new phone list, when it changed */
  phones?: PhoneEntry[];
  status?: LifecycleStatus;
  owner?: { id: string; departmentId: string | null };
  /** changed field names, for the timeline */
  fields: string[];
  statusRefused?: { from: string; to: string };
};

type Source = { values: CustomerColumns; phones: PhoneEntry[]; conv: Pick<ConvertedRow, 'kindGiven' | 'status' | 'owner'> };

// Handled apart from the plain columns below.
const SPECIAL = new Set(['kind', 'phones', 'tags', 'custom', 'preferences', 'id_number_enc', 'id_number_hash', 'id_number_masked']);
const MAX_PHONES = 5;
const MAX_TAGS = 30;

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && Object.keys(v as object).length === 0);
// Stored dates come back as strings and bigints as strings: compare as text.
const same = (a: unknown, b: unknown) => (a === null || a === undefined ? b === null || b === undefined : String(a) === String(b));

export function buildUpdate(mode: 'update' | 'merge', existing: CustomerRow, src: Source): Omit<PlannedUpdate, 'row'> {
  const take = (current: unknown, next: unknown) => (mode === 'update' ? !same(current, next) : isEmpty(current));
  const set: CustomerColumns = {};
  const fields: string[] = [];
  const put = (column: keyof CustomerColumns, value: unknown) => {
    (set as Record<string, unknown>)[column] = value;
    fields.push(column);
  };
  const current = existing as unknown as Record<string, unknown>;
  for (const [column, value] of Object.entries(src.values)) {
    if (SPECIAL.has(column) || value === undefined || value === null) continue;
    if (take(current[column], value)) put(column as keyof CustomerColumns, value);
  }
  if (src.conv.kindGiven && mode === 'update' && src.values.kind && src.values.kind !== existing.kind) put('kind', src.values.kind);
  if (src.values.id_number_hash && (mode === 'update' ? src.values.id_number_hash !== existing.id_number_hash : !existing.id_number_enc)) {
    set.id_number_enc = src.values.id_number_enc;
    set.id_number_hash = src.values.id_number_hash;
    set.id_number_masked = src.values.id_number_masked;
    fields.push('id_number');
  }

  const given = Object.entries((src.values.custom ?? {}) as Record<string, unknown>).filter(([, v]) => !isEmpty(v));
  if (given.length > 0) {
    const stored = (existing.custom ?? {}) as Record<string, unknown>;
    const next = { ...stored };
    for (const [key, value] of given) {
      const fill = mode === 'update' ? JSON.stringify(stored[key] ?? null) !== JSON.stringify(value) : isEmpty(stored[key]);
      if (fill) next[key] = value;
    }
    if (JSON.stringify(next) !== JSON.stringify(stored)) put('custom', next);
  }

  const tags = (src.values.tags ?? []) as string[];
  if (tags.length > 0) {
    const stored = existing.tags ?? [];
    const next = mode === 'update' ? [...new Set([...stored, ...tags])].slice(0, MAX_TAGS) : stored.length === 0 ? tags : stored;
    if (next.length !== stored.length) put('tags', next);
  }

  let phones: PhoneEntry[] | undefined;
  if (src.phones.length > 0) {
    const stored = (existing.phones ?? []) as PhoneEntry[];
    const have = new Set(stored.map((p) => p.value));
    const next = mode === 'update' ? [...stored, ...src.phones.filter((p) => !have.has(p.value))].slice(0, MAX_PHONES) : stored.length === 0 ? src.phones : stored;
    if (next.length !== stored.length) {
      phones = next;
      put('phones', JSON.stringify(next));
    }
  }

  let status: LifecycleStatus | undefined;
  let statusRefused: PlannedUpdate['statusRefused'];
  const to = src.conv.status;
  if (to && mode === 'update' && to !== existing.lifecycle_status) {
    if (LIFECYCLE_TRANSITIONS[existing.lifecycle_status].includes(to)) status = to;
    else statusRefused = { from: existing.lifecycle_status, to };
  }

  let owner: PlannedUpdate['owner'];
  const user = src.conv.owner?.user;
  if (user && (mode === 'update' ? user.id !== existing.owner_id : !existing.owner_id)) owner = { id: user.id, departmentId: user.department_id };

  return { existing, set, phones, status, owner, fields, statusRefused };
}
