import { AFTER_SALES_SUBTYPES, CUSTOMER_TIERS, SLA_STATES, TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from './tickets.js';

/**
 * §5.9 automations as data: the fields a condition may test, the operators each field type
 * allows and the actions a rule may take. Server validation and the web rule builder both read
 * this one allowlist; nothing in a rule is ever evaluated as code.
 */

export const AUTOMATION_KINDS = ['trigger', 'schedule'] as const;
export type AutomationKind = (typeof AUTOMATION_KINDS)[number];
export const TRIGGER_EVENTS = ['created', 'updated'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

export const CONDITION_OPS = ['is', 'is_not', 'in', 'not_in', 'contains', 'not_contains', 'gt', 'lt', 'is_empty', 'is_not_empty'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** enum: one of `values`; id: a uuid (assignee also 'none'); tags: the ticket's tag list; custom: a custom field's value. */
export type FieldType = 'enum' | 'id' | 'tags' | 'text' | 'number' | 'custom';

export const OPS_BY_TYPE: Record<FieldType, readonly ConditionOp[]> = {
  enum: ['is', 'is_not', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  id: ['is', 'is_not', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  tags: ['contains', 'not_contains', 'is_empty', 'is_not_empty'],
  text: ['is', 'is_not', 'contains', 'not_contains', 'is_empty', 'is_not_empty'],
  number: ['is', 'gt', 'lt'],
  custom: ['is', 'is_not', 'in', 'not_in', 'contains', 'not_contains', 'gt', 'lt', 'is_empty', 'is_not_empty'],
};

export type FieldDef = { type: FieldType; values?: readonly string[]; reference?: 'team' | 'user' | 'category' };

export const CONDITION_FIELDS = {
  type: { type: 'enum', values: TICKET_TYPES },
  subtype: { type: 'enum', values: AFTER_SALES_SUBTYPES },
  channel: { type: 'enum', values: TICKET_CHANNELS },
  status: { type: 'enum', values: TICKET_STATUSES },
  priority: { type: 'enum', values: TICKET_PRIORITIES },
  customer_tier: { type: 'enum', values: CUSTOMER_TIERS },
  sla_state: { type: 'enum', values: SLA_STATES },
  team_id: { type: 'id', reference: 'team' },
  assignee_id: { type: 'id', reference: 'user' },
  category_id: { type: 'id', reference: 'category' },
  tags: { type: 'tags' },
  subject: { type: 'text' },
  hours_since_created: { type: 'number' },
  hours_since_updated: { type: 'number' },
  hours_in_status: { type: 'number' },
} as const satisfies Record<string, FieldDef>;
export type ConditionField = keyof typeof CONDITION_FIELDS;
export const CONDITION_FIELD_NAMES = Object.keys(CONDITION_FIELDS) as ConditionField[];

/** `custom.<key>`: a ticket custom field by its key. */
export const CUSTOM_FIELD_PATTERN = /^custom\.([a-z][a-z0-9_]{0,39})$/;
/** The value of assignee_id (and other id fields) meaning "nobody". */
export const NONE = 'none';

export function fieldDef(field: string): FieldDef | undefined {
  if (CUSTOM_FIELD_PATTERN.test(field)) return { type: 'custom' };
  return (CONDITION_FIELDS as Record<string, FieldDef>)[field];
}

/** Operators that take no value. */
export const VALUELESS_OPS: readonly ConditionOp[] = ['is_empty', 'is_not_empty'];
/** Operators whose value is a list. */
export const LIST_OPS: readonly ConditionOp[] = ['in', 'not_in'];

export const ACTION_TYPES = ['set_priority', 'set_status', 'add_tag', 'remove_tag', 'assign_team', 'assign_user', 'notify', 'add_note', 'reply_template'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** The fields each action takes (all required unless listed in `optional`). */
export const ACTION_FIELDS: Record<ActionType, { required: readonly string[]; optional?: readonly string[] }> = {
  set_priority: { required: ['priority'] },
  set_status: { required: ['status'] },
  add_tag: { required: ['tag'] },
  remove_tag: { required: ['tag'] },
  assign_team: { required: ['teamId'] },
  assign_user: { required: ['userId'] },
  // no userIds: the assignee and the team's members
  notify: { required: ['message'], optional: ['userIds'] },
  add_note: { required: ['body'] },
  reply_template: { required: ['cannedReplyId'] },
};

export type Condition = { field: string; op: ConditionOp; value?: unknown };
export type Conditions = { all: Condition[]; any: Condition[] };
export type Action =
  | { type: 'set_priority'; priority: (typeof TICKET_PRIORITIES)[number] }
  | { type: 'set_status'; status: (typeof TICKET_STATUSES)[number] }
  | { type: 'add_tag' | 'remove_tag'; tag: string }
  | { type: 'assign_team'; teamId: string }
  | { type: 'assign_user'; userId: string }
  | { type: 'notify'; message: string; userIds?: string[] }
  | { type: 'add_note'; body: string }
  | { type: 'reply_template'; cannedReplyId: string };

/** How often time-based rules are evaluated. */
export const SCHEDULE_EVERY_MINUTES = 5;

export type AutomationDto = {
  id: string;
  name: string;
  kind: AutomationKind;
  events: TriggerEvent[];
  conditions: Conditions;
  actions: Action[];
  position: number;
  active: boolean;
  runCount: number;
  lastRunAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type AutomationPreview = { count: number; items: { id: string; number: string; subject: string; status: string; priority: string }[] };
