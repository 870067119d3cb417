import { describe, expect, it } from 'vitest';
import { checkActions, checkConditions, evaluateCondition, matches, snapshotOf, type TicketSnapshot } from './rule-engine.js';

const TEAM = '01900000-0000-7000-8000-000000000001';
const USER = '01900000-0000-7000-8000-000000000002';
const now = new Date('2026-03-02T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

const ticket: TicketSnapshot = snapshotOf(
  {
    type: 'complaint',
    subtype: null,
    channel: 'email',
    status: 'open',
    priority: 'high',
    customer_tier: 'vip',
    team_id: TEAM,
    assignee_id: null,
    category_id: null,
    sla_state: 'warning',
    tags: ['VIP', '发货'],
    subject: '投诉：发货太慢',
    custom: { order_no: 'A-1001', amount: 1200, urgent: true },
    created_at: hoursAgo(30),
    updated_at: hoursAgo(2),
  },
  hoursAgo(5),
  now,
);

describe('rule engine: evaluation', () => {
  it('computes wall hours since creation, update and status change', () => {
    expect(ticket.hours_since_created).toBe(30);
    expect(ticket.hours_since_updated).toBe(2);
    expect(ticket.hours_in_status).toBe(5);
    expect(snapshotOf({ ...ticket, created_at: hoursAgo(7), updated_at: now }, null, now).hours_in_status).toBe(7);
  });

  it.each([
    ['type', 'is', 'complaint', true],
    ['type', 'is', 'inquiry', false],
    ['type', 'is_not', 'inquiry', true],
    ['priority', 'in', ['high', 'urgent'], true],
    ['priority', 'in', ['low'], false],
    ['priority', 'not_in', ['low', 'normal'], true],
    ['channel', 'not_in', ['email'], false],
    ['subtype', 'is_empty', undefined, true],
    ['customer_tier', 'is_not_empty', undefined, true],
    ['assignee_id', 'is', 'none', true],
    ['assignee_id', 'is_empty', undefined, true],
    ['assignee_id', 'is_not', 'none', false],
    ['team_id', 'is', TEAM, true],
    ['team_id', 'in', [USER, TEAM], true],
    ['team_id', 'not_in', [USER], true],
    ['category_id', 'is_not_empty', undefined, false],
    ['tags', 'contains', 'vip', true],
    ['tags', 'contains', '退货', false],
    ['tags', 'not_contains', '退货', true],
    ['tags', 'is_empty', undefined, false],
    ['subject', 'contains', '发货', true],
    ['subject', 'not_contains', '发票', true],
    ['subject', 'is', '投诉：发货太慢', true],
    ['subject', 'is_not_empty', undefined, true],
    ['sla_state', 'is', 'warning', true],
    ['hours_since_created', 'gt', 24, true],
    ['hours_since_created', 'lt', 24, false],
    ['hours_since_updated', 'lt', 3, true],
    ['hours_in_status', 'gt', 5, false],
    ['hours_in_status', 'is', 5, true],
    ['custom.order_no', 'is', 'A-1001', true],
    ['custom.order_no', 'contains', 'a-10', true],
    ['custom.amount', 'gt', 1000, true],
    ['custom.amount', 'lt', 1000, false],
    ['custom.amount', 'in', [1200, 1300], true],
    ['custom.urgent', 'is', true, true],
    ['custom.missing', 'is_empty', undefined, true],
    ['custom.missing', 'gt', 1, false],
    ['custom.order_no', 'not_in', ['B-1'], true],
    ['custom.order_no', 'is_not', 'A-1001', false],
  ] as const)('%s %s %j → %s', (field, op, value, expected) => {
    expect(evaluateCondition(ticket, { field, op, value })).toBe(expected);
  });

  it('needs every "all" condition and, when any are given, one "any" condition', () => {
    const all = [{ field: 'type', op: 'is' as const, value: 'complaint' }];
    expect(matches(ticket, { all, any: [] })).toBe(true);
    expect(matches(ticket, { all, any: [{ field: 'priority', op: 'is' as const, value: 'low' }] })).toBe(false);
    expect(matches(ticket, { all, any: [{ field: 'priority', op: 'is' as const, value: 'low' }, { field: 'tags', op: 'contains' as const, value: 'VIP' }] })).toBe(true);
    expect(matches(ticket, { all: [...all, { field: 'status', op: 'is' as const, value: 'new' }], any: [] })).toBe(false);
    expect(matches(ticket, { all: [], any: [] })).toBe(true);
  });
});

describe('rule engine: validation', () => {
  const paths = (issues: { path: (string | number)[]; code: string }[]) => issues.map((i) => `${i.path.join('.')}:${i.code}`);

  it('accepts allowed conditions and normalizes them', () => {
    const r = checkConditions({ all: [{ field: 'subtype', op: 'is_empty' }, { field: 'custom.order_no', op: 'contains', value: 'A' }], any: [{ field: 'assignee_id', op: 'is', value: 'none' }] });
    expect(r.issues).toEqual([]);
    expect(r.conditions.all[0]).toEqual({ field: 'subtype', op: 'is_empty' });
  });

  it('reports each bad condition under its path', () => {
    const r = checkConditions(
      {
        all: [
          { field: 'hours_since_created', op: 'contains', value: 3 },
          { field: 'colour', op: 'is', value: 'red' },
          { field: 'priority', op: 'is', value: 'critical' },
          { field: 'priority', op: 'in', value: 'high' },
          { field: 'team_id', op: 'is', value: 'x' },
          { field: 'tags', op: 'is_empty', value: 'a' },
          { field: 'hours_in_status', op: 'gt' },
          { field: 'custom.Bad-Key', op: 'is', value: 1 },
          { field: 'subject', op: 'contains', value: 'x', extra: 1 },
        ],
        none: [],
      },
      ['body', 'conditions'],
    );
    expect(paths(r.issues)).toEqual([
      'body.conditions.none:unknown_key',
      'body.conditions.all.0.op:op_not_allowed',
      'body.conditions.all.1.field:field_unknown',
      'body.conditions.all.2.value:value_invalid',
      'body.conditions.all.3.value:value_not_list',
      'body.conditions.all.4.value:value_invalid_id',
      'body.conditions.all.5.value:value_not_allowed',
      'body.conditions.all.6.value:value_required',
      'body.conditions.all.7.field:field_unknown',
      'body.conditions.all.8.extra:unknown_key',
    ]);
  });

  it('checks actions field by field', () => {
    const good = checkActions([
      { type: 'set_priority', priority: 'urgent' },
      { type: 'add_tag', tag: ' 加急 ' },
      { type: 'notify', message: '请尽快处理', userIds: [USER, USER] },
      { type: 'assign_team', teamId: TEAM },
    ]);
    expect(good.issues).toEqual([]);
    expect(good.actions[1]).toEqual({ type: 'add_tag', tag: '加急' });
    expect(good.actions[2]).toEqual({ type: 'notify', message: '请尽快处理', userIds: [USER] });
    const bad = checkActions(
      [{ type: 'run_script', code: 'x' }, { type: 'set_status', status: 'done' }, { type: 'add_tag' }, { type: 'assign_user', userId: USER, teamId: TEAM }, 'x'],
      ['body', 'actions'],
    );
    expect(paths(bad.issues)).toEqual([
      'body.actions.0.type:action_unknown',
      'body.actions.1.status:value_invalid',
      'body.actions.2.tag:value_required',
      'body.actions.3.teamId:unknown_key',
      'body.actions.4:not_an_object',
    ]);
    expect(paths(checkActions([]).issues)).toEqual(['actions:actions_required']);
  });
});
