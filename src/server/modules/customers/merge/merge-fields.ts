import type { CustomerRow, PhoneEntry } from '../customers.tables.js';

/**
 * Field-by-field merge of two customer rows (§2.7), pure: which value each side holds, what to
 * suggest (the survivor's value unless it is empty; phones and tags united), and the survivor's
 * columns once the user's choices are applied. No I/O, so the preview and the merge agree.
 */

export type Side = 'survivor' | 'merged' | 'union';
type Column = keyof CustomerRow;
export type MergeRow = Omit<CustomerRow, 'phones'> & { phones: PhoneEntry[] | string };

type FieldSpec = {
  field: string;
  /** Columns copied together (a region is three codes, an ID number three forms of one value). */
  columns: readonly Column[];
  /** Columns that decide "same value" when they differ from `columns` (ciphertexts never match). */
  compare?: readonly Column[];
  union?: 'phones' | 'tags';
};

/** The same limits the customer form enforces, so a merged card can still be saved by hand. */
export const UNION_LIMITS = { phones: 5, tags: 30 } as const;

export const FIELD_SPECS: readonly FieldSpec[] = [
  { field: 'kind', columns: ['kind'] },
  { field: 'name', columns: ['name'] },
  { field: 'nameEn', columns: ['name_en'] },
  { field: 'gender', columns: ['gender'] },
  { field: 'birthday', columns: ['birthday'] },
  { field: 'phones', columns: ['phones'], union: 'phones' },
  { field: 'email', columns: ['email'] },
  { field: 'wechat', columns: ['wechat'] },
  { field: 'region', columns: ['province_code', 'city_code', 'district_code'] },
  { field: 'address', columns: ['address'] },
  { field: 'company', columns: ['company'] },
  { field: 'jobTitle', columns: ['job_title'] },
  { field: 'creditCode', columns: ['credit_code'] },
  { field: 'industry', columns: ['industry'] },
  { field: 'companySize', columns: ['company_size'] },
  { field: 'legalRep', columns: ['legal_rep'] },
  { field: 'registeredCapitalFen', columns: ['registered_capital_fen'] },
  { field: 'idNumber', columns: ['id_number_enc', 'id_number_hash', 'id_number_masked'], compare: ['id_number_hash'] },
  { field: 'sourceChannel', columns: ['source_channel'] },
  { field: 'owner', columns: ['owner_id', 'department_id'], compare: ['owner_id'] },
  { field: 'lifecycleStatus', columns: ['lifecycle_status'] },
  { field: 'classMarketing', columns: ['class_marketing'] },
  { field: 'classManagement', columns: ['class_management'] },
  { field: 'classProduct', columns: ['class_product'] },
  { field: 'isInternal', columns: ['is_internal'] },
  { field: 'tags', columns: ['tags'], union: 'tags' },
  { field: 'remark', columns: ['remark'] },
];

export type FieldComparison = {
  field: string;
  /** The raw values (a single column's value, or an object of the columns): presenters mask them. */
  survivor: unknown;
  merged: unknown;
  same: boolean;
  suggested: Side;
  options: Side[];
  /** For phones and tags: the united value. */
  union?: unknown;
  /** Set when the united list is over the form's limit: union is then not offered. */
  overLimit?: boolean;
};

export const phonesOf = (row: Pick<MergeRow, 'phones'>): PhoneEntry[] => (typeof row.phones === 'string' ? (JSON.parse(row.phones) as PhoneEntry[]) : (row.phones ?? []));

export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && !(value instanceof Date)) return Object.values(value as Record<string, unknown>).every(isEmpty);
  return false;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function pick(row: MergeRow, columns: readonly Column[]): unknown {
  if (columns.length === 1) return columns[0] === 'phones' ? phonesOf(row) : row[columns[0]];
  return Object.fromEntries(columns.map((c) => [c, row[c]]));
}

function unionOf(kind: 'phones' | 'tags', s: MergeRow, m: MergeRow): PhoneEntry[] | string[] {
  if (kind === 'tags') return [...new Set([...(s.tags ?? []), ...(m.tags ?? [])])];
  const seen = new Set<string>();
  return [...phonesOf(s), ...phonesOf(m)].filter((p) => !seen.has(p.value) && !!seen.add(p.value));
}

const setOf = (kind: 'phones' | 'tags', v: unknown) => new Set(kind === 'tags' ? (v as string[]) : (v as PhoneEntry[]).map((p) => p.value));

function compareSpec(spec: FieldSpec, s: MergeRow, m: MergeRow): FieldComparison {
  const sv = pick(s, spec.columns);
  const mv = pick(m, spec.columns);
  if (spec.union) {
    const union = unionOf(spec.union, s, m);
    const sSet = setOf(spec.union, sv);
    const equalSets = sSet.size === setOf(spec.union, mv).size && [...setOf(spec.union, mv)].every((v) => sSet.has(v));
    const overLimit = union.length > UNION_LIMITS[spec.union];
    const adds = union.length > sSet.size;
    return {
      field: spec.field,
      survivor: sv,
      merged: mv,
      same: equalSets,
      suggested: adds && !overLimit ? 'union' : isEmpty(sv) ? 'merged' : 'survivor',
      options: overLimit ? ['survivor', 'merged'] : ['survivor', 'merged', 'union'],
      union,
      ...(overLimit ? { overLimit } : {}),
    };
  }
  const cmp = spec.compare ?? spec.columns;
  return {
    field: spec.field,
    survivor: sv,
    merged: mv,
    same: same(pick(s, cmp), pick(m, cmp)),
    suggested: isEmpty(sv) && !isEmpty(mv) ? 'merged' : 'survivor',
    options: ['survivor', 'merged'],
  };
}

function compareMap(prefix: 'custom' | 'preferences', s: Record<string, unknown>, m: Record<string, unknown>): FieldComparison[] {
  const keys = [...new Set([...Object.keys(s), ...Object.keys(m)])].sort();
  return keys.map((key) => ({
    field: `${prefix}.${key}`,
    survivor: s[key] ?? null,
    merged: m[key] ?? null,
    same: same(s[key], m[key]),
    suggested: isEmpty(s[key]) && !isEmpty(m[key]) ? 'merged' : 'survivor',
    options: ['survivor', 'merged'],
  }));
}

/** Every card field of the two customers, custom values and preferences key by key. */
export function compareCustomers(s: MergeRow, m: MergeRow): FieldComparison[] {
  const asMap = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  return [
    ...FIELD_SPECS.map((spec) => compareSpec(spec, s, m)),
    ...compareMap('custom', asMap(s.custom), asMap(m.custom)),
    ...compareMap('preferences', asMap(s.preferences), asMap(m.preferences)),
  ];
}

export type ChoiceProblem = { field: string; code: 'merge_unknown_field' | 'merge_invalid_choice' | 'merge_too_many_phones' | 'merge_too_many_tags' };
export type AppliedChoices = {
  /** The survivor's new column values (phones as an array; the service serializes it). */
  values: Partial<Record<Column, unknown>> & { phones: PhoneEntry[]; tags: string[] };
  /** The side taken for each field, for the audit entry. */
  taken: Record<string, Side>;
  problems: ChoiceProblem[];
};

/**
 * The survivor's columns after the merge: each field from the side chosen (the suggestion
 * where the user chose nothing). Unknown fields and impossible choices are problems.
 */
export function applyChoices(s: MergeRow, m: MergeRow, choices: Readonly<Record<string, Side>>): AppliedChoices {
  const comparisons = compareCustomers(s, m);
  const known = new Map(comparisons.map((c) => [c.field, c]));
  const problems: ChoiceProblem[] = [];
  for (const field of Object.keys(choices)) if (!known.has(field)) problems.push({ field, code: 'merge_unknown_field' });
  const values: Record<string, unknown> = {};
  const taken: Record<string, Side> = {};
  const custom = { ...((s.custom ?? {}) as Record<string, unknown>) };
  const preferences = { ...((s.preferences ?? {}) as Record<string, unknown>) };
  for (const c of comparisons) {
    const side = choices[c.field] ?? c.suggested;
    taken[c.field] = side;
    if (!c.options.includes(side)) {
      const union = FIELD_SPECS.find((f) => f.field === c.field)?.union;
      problems.push({ field: c.field, code: side === 'union' && c.overLimit ? (union === 'tags' ? 'merge_too_many_tags' : 'merge_too_many_phones') : 'merge_invalid_choice' });
      continue;
    }
    const [prefix, key] = c.field.split('.', 2) as [string, string | undefined];
    if (key !== undefined) {
      const target = prefix === 'custom' ? custom : preferences;
      const chosen = side === 'merged' ? c.merged : c.survivor;
      if (isEmpty(chosen)) delete target[key];
      else target[key] = chosen;
      continue;
    }
    const spec = FIELD_SPECS.find((f) => f.field === c.field)!;
    const source = side === 'merged' ? m : s;
    if (side === 'union') values[spec.columns[0]] = c.union;
    else for (const col of spec.columns) values[col] = col === 'phones' ? phonesOf(source) : source[col];
  }
  values.custom = custom;
  values.preferences = preferences;
  return { values: values as AppliedChoices['values'], taken, problems };
}
