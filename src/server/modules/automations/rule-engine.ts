import {
  type Action,
  ACTION_FIELDS,
  ACTION_TYPES,
  type ActionType,
  type Condition,
  CONDITION_OPS,
  type ConditionOp,
  type Conditions,
  fieldDef,
  LIST_OPS,
  NONE,
  OPS_BY_TYPE,
  VALUELESS_OPS,
} from '../../../shared/automations.js';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../../shared/tickets.js';

/**
 * The pure core of §5.9: checks a rule against the allowlist and evaluates conditions over a
 * ticket snapshot. No I/O and no clock: the caller passes the snapshot with its hour figures.
 */

/** What conditions see of a ticket. Hours are wall-clock hours. */
export type TicketSnapshot = {
  type: string;
  subtype: string | null;
  channel: string;
  status: string;
  priority: string;
  customer_tier: string | null;
  team_id: string | null;
  assignee_id: string | null;
  category_id: string | null;
  sla_state: string;
  tags: string[];
  subject: string;
  hours_since_created: number;
  hours_since_updated: number;
  hours_in_status: number;
  custom: Record<string, unknown>;
};

export type RuleIssue = { path: (string | number)[]; code: string; params?: Record<string, unknown> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function checkValue(field: string, op: ConditionOp, value: unknown, at: (string | number)[], issues: RuleIssue[]): void {
  const def = fieldDef(field)!;
  const vat = [...at, 'value'];
  if (VALUELESS_OPS.includes(op)) {
    if (value !== undefined && value !== null) issues.push({ path: vat, code: 'value_not_allowed' });
    return;
  }
  if (value === undefined || value === null) return void issues.push({ path: vat, code: 'value_required' });
  const one = (v: unknown, p: (string | number)[]) => {
    switch (def.type) {
      case 'enum':
        if (typeof v !== 'string' || !def.values!.includes(v)) issues.push({ path: p, code: 'value_invalid', params: { allowed: def.values!.join(', ') } });
        return;
      case 'id':
        if (typeof v !== 'string' || (!UUID.test(v) && v !== NONE)) issues.push({ path: p, code: 'value_invalid_id' });
        return;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100_000) issues.push({ path: p, code: 'value_not_number' });
        return;
      case 'tags':
      case 'text':
        if (typeof v !== 'string' || v.trim() === '' || v.length > 200) issues.push({ path: p, code: 'value_not_text' });
        return;
      case 'custom':
        if (op === 'gt' || op === 'lt') {
          if (typeof v !== 'number' || !Number.isFinite(v)) issues.push({ path: p, code: 'value_not_number' });
        } else if (!isScalar(v) || (typeof v === 'string' && v.length > 200)) issues.push({ path: p, code: 'value_not_scalar' });
    }
  };
  if (LIST_OPS.includes(op)) {
    if (!Array.isArray(value) || value.length === 0 || value.length > 100) return void issues.push({ path: vat, code: 'value_not_list' });
    value.forEach((v, i) => one(v, [...vat, i]));
  } else if (Array.isArray(value)) issues.push({ path: vat, code: 'value_not_scalar' });
  else one(value, vat);
}

/** Checks one group of conditions; returns them normalized (only field, op and value kept). */
function checkConditionList(list: unknown, at: (string | number)[], issues: RuleIssue[]): Condition[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) return void issues.push({ path: at, code: 'not_a_list' }), [];
  if (list.length > 50) issues.push({ path: at, code: 'too_many' });
  const out: Condition[] = [];
  list.forEach((raw, i) => {
    const cat = [...at, i];
    if (!isRecord(raw)) return void issues.push({ path: cat, code: 'not_an_object' });
    const extra = Object.keys(raw).filter((k) => !['field', 'op', 'value'].includes(k));
    for (const k of extra) issues.push({ path: [...cat, k], code: 'unknown_key' });
    const { field, op, value } = raw;
    if (typeof field !== 'string' || !fieldDef(field)) return void issues.push({ path: [...cat, 'field'], code: 'field_unknown' });
    const def = fieldDef(field)!;
    if (typeof op !== 'string' || !(CONDITION_OPS as readonly string[]).includes(op) || !OPS_BY_TYPE[def.type].includes(op as ConditionOp)) {
      return void issues.push({ path: [...cat, 'op'], code: 'op_not_allowed', params: { field, allowed: OPS_BY_TYPE[def.type].join(', ') } });
    }
    checkValue(field, op as ConditionOp, value, cat, issues);
    out.push(VALUELESS_OPS.includes(op as ConditionOp) ? { field, op: op as ConditionOp } : { field, op: op as ConditionOp, value });
  });
  return out;
}

/** Validates `{ all, any }` against the allowlist; paths start at `base` (e.g. ['body', 'conditions']). */
export function checkConditions(raw: unknown, base: (string | number)[] = ['conditions']): { conditions: Conditions; issues: RuleIssue[] } {
  const issues: RuleIssue[] = [];
  if (raw === undefined || raw === null) return { conditions: { all: [], any: [] }, issues };
  if (!isRecord(raw)) return { conditions: { all: [], any: [] }, issues: [{ path: base, code: 'not_an_object' }] };
  for (const k of Object.keys(raw)) if (k !== 'all' && k !== 'any') issues.push({ path: [...base, k], code: 'unknown_key' });
  const all = checkConditionList(raw.all, [...base, 'all'], issues);
  const any = checkConditionList(raw.any, [...base, 'any'], issues);
  return { conditions: { all, any }, issues };
}

/** Validates the action list; references (teams, users, replies) are checked by the service. */
export function checkActions(raw: unknown, base: (string | number)[] = ['actions']): { actions: Action[]; issues: RuleIssue[] } {
  const issues: RuleIssue[] = [];
  if (!Array.isArray(raw)) return { actions: [], issues: [{ path: base, code: 'not_a_list' }] };
  if (raw.length === 0) issues.push({ path: base, code: 'actions_required' });
  if (raw.length > 20) issues.push({ path: base, code: 'too_many' });
  const out: Action[] = [];
  raw.forEach((a, i) => {
    const at = [...base, i];
    if (!isRecord(a)) return void issues.push({ path: at, code: 'not_an_object' });
    if (typeof a.type !== 'string' || !(ACTION_TYPES as readonly string[]).includes(a.type)) return void issues.push({ path: [...at, 'type'], code: 'action_unknown' });
    const type = a.type as ActionType;
    const spec = ACTION_FIELDS[type];
    const known = new Set(['type', ...spec.required, ...(spec.optional ?? [])]);
    for (const k of Object.keys(a)) if (!known.has(k)) issues.push({ path: [...at, k], code: 'unknown_key' });
    for (const k of spec.required) if (a[k] === undefined || a[k] === null) issues.push({ path: [...at, k], code: 'value_required' });
    const before = issues.length;
    const text = (k: string, max: number) => {
      const v = a[k];
      if (v !== undefined && (typeof v !== 'string' || v.trim() === '' || v.length > max)) issues.push({ path: [...at, k], code: 'value_not_text' });
    };
    const id = (k: string) => {
      const v = a[k];
      if (v !== undefined && (typeof v !== 'string' || !UUID.test(v))) issues.push({ path: [...at, k], code: 'value_invalid_id' });
    };
    switch (type) {
      case 'set_priority':
        if (a.priority !== undefined && !(TICKET_PRIORITIES as readonly unknown[]).includes(a.priority)) issues.push({ path: [...at, 'priority'], code: 'value_invalid', params: { allowed: TICKET_PRIORITIES.join(', ') } });
        break;
      case 'set_status':
        if (a.status !== undefined && !(TICKET_STATUSES as readonly unknown[]).includes(a.status)) issues.push({ path: [...at, 'status'], code: 'value_invalid', params: { allowed: TICKET_STATUSES.join(', ') } });
        break;
      case 'add_tag':
      case 'remove_tag':
        text('tag', 20);
        break;
      case 'assign_team':
        id('teamId');
        break;
      case 'assign_user':
        id('userId');
        break;
      case 'notify':
        text('message', 500);
        if (a.userIds !== undefined) {
          if (!Array.isArray(a.userIds) || a.userIds.length > 50) issues.push({ path: [...at, 'userIds'], code: 'value_not_list' });
          else a.userIds.forEach((u, j) => (typeof u !== 'string' || !UUID.test(u)) && issues.push({ path: [...at, 'userIds', j], code: 'value_invalid_id' }));
        }
        break;
      case 'add_note':
        text('body', 5000);
        break;
      case 'reply_template':
        id('cannedReplyId');
    }
    if (issues.length === before) {
      const clean: Record<string, unknown> = { type };
      for (const k of [...spec.required, ...(spec.optional ?? [])]) {
        if (a[k] === undefined) continue;
        clean[k] = typeof a[k] === 'string' ? (a[k] as string).trim() : k === 'userIds' ? [...new Set(a[k] as string[])] : a[k];
      }
      out.push(clean as Action);
    }
  });
  return { actions: out, issues };
}

// ——— evaluation ———

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => (typeof a === 'string' || typeof b === 'string' ? String(a) === String(b) : a === b);

function fieldValue(t: TicketSnapshot, field: string): unknown {
  if (field.startsWith('custom.')) return t.custom[field.slice('custom.'.length)];
  return (t as unknown as Record<string, unknown>)[field];
}

/** One condition over a snapshot. An id field compared with 'none' means "not set". */
export function evaluateCondition(t: TicketSnapshot, c: Condition): boolean {
  let actual = fieldValue(t, c.field);
  let expected = c.value;
  const def = fieldDef(c.field);
  if (def?.type === 'id') {
    actual = actual ?? NONE;
    if (c.op === 'is_empty') return actual === NONE;
    if (c.op === 'is_not_empty') return actual !== NONE;
  }
  switch (c.op) {
    case 'is':
      return same(actual, expected);
    case 'is_not':
      return !same(actual, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((e) => same(actual, e));
    case 'not_in':
      return !(Array.isArray(expected) && expected.some((e) => same(actual, e)));
    case 'contains':
    case 'not_contains': {
      let hit: boolean;
      if (Array.isArray(actual)) hit = actual.some((a) => lower(a) === lower(expected));
      else if (typeof actual === 'string' && typeof expected === 'string') hit = actual.toLowerCase().includes(expected.toLowerCase());
      else hit = false;
      return c.op === 'contains' ? hit : !hit;
    }
    case 'gt':
    case 'lt': {
      const a = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : NaN;
      expected = Number(expected);
      if (!Number.isFinite(a)) return false;
      return c.op === 'gt' ? a > (expected as number) : a < (expected as number);
    }
    case 'is_empty':
      return isEmpty(actual);
    case 'is_not_empty':
      return !isEmpty(actual);
  }
}

/** Every `all` condition holds and, when there are `any` conditions, at least one of them. */
export function matches(t: TicketSnapshot, conditions: Conditions): boolean {
  if (!conditions.all.every((c) => evaluateCondition(t, c))) return false;
  return conditions.any.length === 0 || conditions.any.some((c) => evaluateCondition(t, c));
}

const HOUR = 3_600_000;

/** The snapshot of a ticket row at `now`; `statusSince` is when it entered its status. */
export function snapshotOf(
  row: {
    type: string;
    subtype: string | null;
    channel: string;
    status: string;
    priority: string;
    customer_tier: string | null;
    team_id: string | null;
    assignee_id: string | null;
    category_id: string | null;
    sla_state: string;
    tags: string[];
    subject: string;
    custom: unknown;
    created_at: Date | string;
    updated_at: Date | string;
  },
  statusSince: Date | string | null,
  now: Date,
): TicketSnapshot {
  const hours = (d: Date | string) => Math.max(0, (now.getTime() - new Date(d).getTime()) / HOUR);
  return {
    type: row.type,
    subtype: row.subtype,
    channel: row.channel,
    status: row.status,
    priority: row.priority,
    customer_tier: row.customer_tier,
    team_id: row.team_id,
    assignee_id: row.assignee_id,
    category_id: row.category_id,
    sla_state: row.sla_state,
    tags: row.tags,
    subject: row.subject,
    custom: isRecord(row.custom) ? row.custom : {},
    hours_since_created: hours(row.created_at),
    hours_since_updated: hours(row.updated_at),
    hours_in_status: hours(statusSince ?? row.created_at),
  };
}
