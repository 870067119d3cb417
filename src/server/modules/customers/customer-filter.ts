import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import { likeContains } from '../../platform/sql-like.js';
import type { CustomFieldDef } from '../../../shared/custom-fields.js';
import type { CustomerFilter, FilterCondition, FilterField } from '../../../shared/customers.js';

type EB = ExpressionBuilder<DB, 'customers'>;
type FieldKind = 'text' | 'enum' | 'uuid' | 'bool' | 'tags' | 'time' | 'day';

/** Filterable columns; anything not here is refused before SQL is built. */
const COLUMNS: Record<FilterField, { column: string; kind: FieldKind }> = {
  kind: { column: 'kind', kind: 'enum' },
  name: { column: 'name', kind: 'text' },
  lifecycleStatus: { column: 'lifecycle_status', kind: 'enum' },
  ownerId: { column: 'owner_id', kind: 'uuid' },
  departmentId: { column: 'department_id', kind: 'uuid' },
  sourceChannel: { column: 'source_channel', kind: 'enum' },
  classMarketing: { column: 'class_marketing', kind: 'enum' },
  classManagement: { column: 'class_management', kind: 'enum' },
  classProduct: { column: 'class_product', kind: 'enum' },
  isInternal: { column: 'is_internal', kind: 'bool' },
  tags: { column: 'tags', kind: 'tags' },
  provinceCode: { column: 'province_code', kind: 'enum' },
  cityCode: { column: 'city_code', kind: 'enum' },
  districtCode: { column: 'district_code', kind: 'enum' },
  gender: { column: 'gender', kind: 'enum' },
  industry: { column: 'industry', kind: 'text' },
  companySize: { column: 'company_size', kind: 'enum' },
  email: { column: 'email', kind: 'text' },
  company: { column: 'company', kind: 'text' },
  createdAt: { column: 'created_at', kind: 'time' },
  updatedAt: { column: 'updated_at', kind: 'time' },
  lastActivityAt: { column: 'last_activity_at', kind: 'time' },
  birthday: { column: 'birthday', kind: 'day' },
};

const OPS_BY_KIND: Record<FieldKind, readonly string[]> = {
  text: ['eq', 'neq', 'in', 'not_in', 'contains', 'empty', 'not_empty'],
  enum: ['eq', 'neq', 'in', 'not_in', 'empty', 'not_empty'],
  uuid: ['eq', 'neq', 'in', 'not_in', 'empty', 'not_empty'],
  bool: ['eq'],
  tags: ['has_any', 'has_all', 'empty', 'not_empty'],
  time: ['gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'],
  day: ['eq', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'],
};

/** A filter the user built that cannot run; `reason` is shown in the 400. */
export class FilterError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function list(value: FilterCondition['value']): (string | number)[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || typeof value === 'boolean') throw new FilterError('a list of values is required');
  return [value];
}

function scalar(value: FilterCondition['value']): string | number | boolean {
  if (value === undefined || Array.isArray(value)) throw new FilterError('one value is required');
  return value;
}

const CMP = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function columnCondition(eb: EB, c: FilterCondition, spec: { column: string; kind: FieldKind }): Expression<SqlBool> {
  const col = sql.ref(`customers.${spec.column}`);
  if (!OPS_BY_KIND[spec.kind].includes(c.op)) throw new FilterError(`${c.field} does not support ${c.op}`);
  if (c.op === 'empty') return spec.kind === 'tags' ? sql<SqlBool>`cardinality(${col}) = 0` : sql<SqlBool>`${col} IS NULL`;
  if (c.op === 'not_empty') return spec.kind === 'tags' ? sql<SqlBool>`cardinality(${col}) > 0` : sql<SqlBool>`${col} IS NOT NULL`;
  if (spec.kind === 'tags') {
    const tags = list(c.value).map(String);
    return c.op === 'has_all' ? sql<SqlBool>`${col} @> ${tags}::text[]` : sql<SqlBool>`${col} && ${tags}::text[]`;
  }
  if (spec.kind === 'bool') return sql<SqlBool>`${col} = ${Boolean(scalar(c.value))}`;
  if (spec.kind === 'uuid') {
    const values = list(c.value).map(String);
    if (values.some((v) => !UUID.test(v))) throw new FilterError(`${c.field} needs user ids`);
  }
  if (c.op === 'contains') return sql<SqlBool>`${col} ILIKE ${likeContains(String(scalar(c.value)))}`;
  if (c.op === 'in' || c.op === 'not_in') {
    const values = list(c.value).map(String);
    if (values.length === 0) return sql<SqlBool>`${c.op === 'in' ? sql`false` : sql`true`}`;
    const inList = sql<SqlBool>`${col} IN (${sql.join(values)})`;
    return c.op === 'in' ? inList : sql<SqlBool>`(${col} IS NULL OR NOT ${inList})`;
  }
  const value = scalar(c.value);
  if (spec.kind === 'time' && Number.isNaN(new Date(String(value)).getTime())) throw new FilterError(`${c.field} needs a date`);
  if (spec.kind === 'day' && !/^\d{4}-\d{2}-\d{2}$/.test(String(value))) throw new FilterError(`${c.field} needs a date`);
  const op = sql.raw(CMP[c.op as keyof typeof CMP]);
  if (c.op === 'neq') return sql<SqlBool>`${col} IS DISTINCT FROM ${String(value)}`;
  void eb;
  return sql<SqlBool>`${col} ${op} ${spec.kind === 'time' ? new Date(String(value)) : String(value)}`;
}

function customCondition(c: FilterCondition, def: CustomFieldDef): Expression<SqlBool> {
  const key = def.key;
  const path = sql`customers.custom -> ${key}`;
  const text = sql`customers.custom ->> ${key}`;
  switch (c.op) {
    case 'empty':
      return sql<SqlBool>`(${path} IS NULL OR ${path} = 'null'::jsonb)`;
    case 'not_empty':
      return sql<SqlBool>`(${path} IS NOT NULL AND ${path} <> 'null'::jsonb)`;
    case 'eq':
      // containment uses the jsonb_path_ops index
      return sql<SqlBool>`customers.custom @> ${JSON.stringify({ [key]: def.type === 'multiselect' ? [scalar(c.value)] : scalar(c.value) })}::jsonb`;
    case 'neq':
      return sql<SqlBool>`NOT (customers.custom @> ${JSON.stringify({ [key]: scalar(c.value) })}::jsonb)`;
    case 'in':
      return sql<SqlBool>`${text} IN (${sql.join(list(c.value).map(String))})`;
    case 'has_any':
      return sql<SqlBool>`(jsonb_typeof(${path}) = 'array' AND ${path} ?| ${list(c.value).map(String)}::text[])`;
    case 'contains':
      return sql<SqlBool>`${text} ILIKE ${likeContains(String(scalar(c.value)))}`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = sql.raw(CMP[c.op]);
      const value = scalar(c.value);
      if (def.type === 'number') {
        if (typeof value !== 'number' && Number.isNaN(Number(value))) throw new FilterError(`${c.field} needs a number`);
        return sql<SqlBool>`(jsonb_typeof(${path}) = 'number' AND (${path})::numeric ${op} ${Number(value)})`;
      }
      return sql<SqlBool>`${text} ${op} ${String(value)}`;
    }
    default:
      throw new FilterError(`${c.field} does not support ${c.op}`);
  }
}

/**
 * Turns a saved or typed filter into one SQL condition on `customers`. Field names and operators
 * come from allowlists, values are always bound parameters; an unknown custom field is refused.
 */
export function filterExpression(filter: CustomerFilter | undefined, customDefs: readonly CustomFieldDef[]) {
  return (eb: EB): Expression<SqlBool> => {
    if (!filter || filter.conditions.length === 0) return sql<SqlBool>`true`;
    const parts = filter.conditions.map((c) => {
      if (c.field.startsWith('custom.')) {
        const def = customDefs.find((d) => d.key === c.field.slice(7));
        if (!def) throw new FilterError(`unknown custom field ${c.field.slice(7)}`);
        return customCondition(c, def);
      }
      return columnCondition(eb, c, COLUMNS[c.field as FilterField]);
    });
    return filter.match === 'any' ? eb.or(parts) : eb.and(parts);
  };
}
