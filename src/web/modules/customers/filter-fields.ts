import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { fieldLabel } from '../../../shared/custom-fields';
import {
  CLASS_MANAGEMENT,
  CLASS_MARKETING,
  CLASS_PRODUCT,
  COMPANY_SIZES,
  CUSTOMER_KINDS,
  GENDERS,
  LIFECYCLE_STATUSES,
  SOURCE_CHANNELS,
  type CustomerFilter,
  type FilterField,
  type FilterOp,
} from '../../../shared/customers';
import type { EnumGroup } from './customer-labels';
import type { CustomerFieldDef } from './customer-types';

/** How a filterable field is edited; mirrors the server's allowlist in customer-filter.ts. */
export type ValueKind = 'text' | 'enum' | 'user' | 'department' | 'bool' | 'tags' | 'time' | 'day' | 'province' | 'city' | 'district' | 'number' | 'option' | 'options';

export type FilterFieldSpec = {
  field: string;
  label: string;
  kind: ValueKind;
  ops: FilterOp[];
  /** enum fields: the values and their label group; custom selects: their options. */
  options?: { value: string; label: string }[];
  group: 'basic' | 'management' | 'time' | 'custom';
};

const ENUMS: Partial<Record<FilterField, { group: EnumGroup; values: readonly string[] }>> = {
  kind: { group: 'kind', values: CUSTOMER_KINDS },
  lifecycleStatus: { group: 'status', values: LIFECYCLE_STATUSES },
  sourceChannel: { group: 'sourceChannel', values: SOURCE_CHANNELS },
  classMarketing: { group: 'classMarketing', values: CLASS_MARKETING },
  classManagement: { group: 'classManagement', values: CLASS_MANAGEMENT },
  classProduct: { group: 'classProduct', values: CLASS_PRODUCT },
  gender: { group: 'gender', values: GENDERS },
  companySize: { group: 'companySize', values: COMPANY_SIZES },
};

const BUILT_IN: { field: FilterField; kind: ValueKind; group: FilterFieldSpec['group'] }[] = [
  { field: 'name', kind: 'text', group: 'basic' },
  { field: 'kind', kind: 'enum', group: 'basic' },
  { field: 'lifecycleStatus', kind: 'enum', group: 'management' },
  { field: 'ownerId', kind: 'user', group: 'management' },
  { field: 'departmentId', kind: 'department', group: 'management' },
  { field: 'tags', kind: 'tags', group: 'management' },
  { field: 'sourceChannel', kind: 'enum', group: 'management' },
  { field: 'classManagement', kind: 'enum', group: 'management' },
  { field: 'classMarketing', kind: 'enum', group: 'management' },
  { field: 'classProduct', kind: 'enum', group: 'management' },
  { field: 'isInternal', kind: 'bool', group: 'management' },
  { field: 'provinceCode', kind: 'province', group: 'basic' },
  { field: 'cityCode', kind: 'city', group: 'basic' },
  { field: 'districtCode', kind: 'district', group: 'basic' },
  { field: 'gender', kind: 'enum', group: 'basic' },
  { field: 'birthday', kind: 'day', group: 'basic' },
  { field: 'email', kind: 'text', group: 'basic' },
  { field: 'company', kind: 'text', group: 'basic' },
  { field: 'industry', kind: 'text', group: 'basic' },
  { field: 'companySize', kind: 'enum', group: 'basic' },
  { field: 'createdAt', kind: 'time', group: 'time' },
  { field: 'updatedAt', kind: 'time', group: 'time' },
  { field: 'lastActivityAt', kind: 'time', group: 'time' },
];

const OPS: Record<ValueKind, FilterOp[]> = {
  text: ['contains', 'eq', 'neq', 'empty', 'not_empty'],
  enum: ['in', 'not_in', 'empty', 'not_empty'],
  user: ['in', 'not_in', 'empty', 'not_empty'],
  department: ['in', 'not_in', 'empty', 'not_empty'],
  bool: ['eq'],
  tags: ['has_any', 'has_all', 'empty', 'not_empty'],
  time: ['gte', 'lte', 'gt', 'lt', 'empty', 'not_empty'],
  day: ['eq', 'gte', 'lte', 'empty', 'not_empty'],
  province: ['in', 'not_in', 'empty', 'not_empty'],
  city: ['in', 'not_in', 'empty', 'not_empty'],
  district: ['in', 'not_in', 'empty', 'not_empty'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'],
  option: ['in', 'eq', 'neq', 'empty', 'not_empty'],
  options: ['has_any', 'empty', 'not_empty'],
};

const CUSTOM_KIND: Record<CustomerFieldDef['type'], ValueKind> = { text: 'text', number: 'number', date: 'day', select: 'option', multiselect: 'options', boolean: 'bool' };

/** Every field a condition may name, labelled: built-in ones, then custom fields. */
export function filterFieldSpecs(t: TFunction, defs: CustomerFieldDef[], locale: 'zh-CN' | 'en', opts: { departments: boolean }): FilterFieldSpec[] {
  const builtIn = BUILT_IN.filter((f) => f.kind !== 'department' || opts.departments).map((f): FilterFieldSpec => {
    const e = ENUMS[f.field];
    return {
      field: f.field,
      label: t(`customers.filter.fields.${f.field}`),
      kind: f.kind,
      ops: OPS[f.kind],
      group: f.group,
      options: e?.values.map((v) => ({ value: v, label: t(`customers.${e.group}.${v}`) })),
    };
  });
  const custom = defs.map(
    (d): FilterFieldSpec => ({
      field: `custom.${d.key}`,
      label: fieldLabel(d, locale),
      kind: CUSTOM_KIND[d.type],
      ops: OPS[CUSTOM_KIND[d.type]],
      group: 'custom',
      options: d.options?.map((o) => ({ value: o.value, label: (locale === 'en' ? o.labelEn || o.label : o.label) || o.value })),
    }),
  );
  return [...builtIn, ...custom];
}

/** One row of the builder: like the wire condition, with days kept as `YYYY-MM-DD` until sent. */
export type DraftCondition = { id: string; field: string; op: FilterOp; value?: unknown };

export const needsValue = (op: FilterOp) => op !== 'empty' && op !== 'not_empty';
export const isListOp = (op: FilterOp) => op === 'in' || op === 'not_in' || op === 'has_any' || op === 'has_all';

export function isComplete(c: DraftCondition): boolean {
  if (!needsValue(c.op)) return true;
  const v = c.value;
  if (Array.isArray(v)) return v.length > 0;
  return v !== undefined && v !== null && v !== '';
}

let seq = 0;
export const newConditionId = () => `c${++seq}`;

/** The wire filter of the complete rows (times become instants in the browser's time zone). */
export function toWireFilter(match: 'all' | 'any', rows: DraftCondition[], specs: FilterFieldSpec[]): CustomerFilter | undefined {
  const conditions = rows.filter(isComplete).map((c) => {
    const spec = specs.find((s) => s.field === c.field);
    if (!needsValue(c.op)) return { field: c.field, op: c.op } as CustomerFilter['conditions'][number];
    let value = c.value;
    if (spec?.kind === 'time' && typeof value === 'string') {
      const day = dayjs(value);
      value = (c.op === 'gt' || c.op === 'lte' ? day.endOf('day') : day.startOf('day')).toISOString();
    }
    return { field: c.field, op: c.op, value } as CustomerFilter['conditions'][number];
  });
  return conditions.length > 0 ? { match, conditions } : undefined;
}

/** A wire filter (e.g. from a saved view) back into builder rows. */
export function fromWireFilter(filter: CustomerFilter | undefined, specs: FilterFieldSpec[]): { match: 'all' | 'any'; rows: DraftCondition[] } {
  if (!filter) return { match: 'all', rows: [] };
  return {
    match: filter.match ?? 'all',
    rows: filter.conditions.map((c) => {
      const spec = specs.find((s) => s.field === c.field);
      const value = spec?.kind === 'time' && typeof c.value === 'string' ? dayjs(c.value).format('YYYY-MM-DD') : c.value;
      return { id: newConditionId(), field: c.field, op: c.op, value };
    }),
  };
}

/** The label of an operator; dates read as 早于/晚于 rather than 小于/大于. */
export function opLabel(t: TFunction, kind: ValueKind | undefined, op: FilterOp): string {
  if ((kind === 'time' || kind === 'day') && ['gt', 'gte', 'lt', 'lte', 'eq'].includes(op)) return t(`customers.filter.dateOps.${op}`);
  return t(`customers.filter.ops.${op}`);
}
