import { z } from 'zod';
import { CUSTOMER_TIERS, SLA_METRICS, TICKET_PRIORITIES, TICKET_TYPES } from '../../../shared/tickets.js';

/** Wire contract of /api/v1/sla-policies. Cross-field rules and references are checked by the service. */

const unique = <T>(list: T[]) => [...new Set(list)];
const on = z.enum(['warning', 'breach']);
const metric = z.enum(SLA_METRICS).optional();

/** One escalation rule (EscalationRule in service-desk.tables.ts); each action takes only its own fields. */
export const escalationRule = z.discriminatedUnion('action', [
  z.strictObject({ on, metric, action: z.literal('notify'), userIds: z.array(z.uuid()).max(50).transform(unique).optional() }),
  z.strictObject({ on, metric, action: z.literal('reassign'), teamId: z.uuid().optional(), assigneeId: z.uuid().optional() }),
  z.strictObject({ on, metric, action: z.literal('raise_priority') }),
]);
export type EscalationInput = z.infer<typeof escalationRule>;

/** Targets in working minutes, at most one year of them. */
const minutes = z.number().int().min(1).max(525_600).nullable();

const fields = {
  name: z.string().trim().min(1).max(100),
  ticketTypes: z.array(z.enum(TICKET_TYPES)).max(TICKET_TYPES.length).transform(unique),
  priorities: z.array(z.enum(TICKET_PRIORITIES)).max(TICKET_PRIORITIES.length).transform(unique),
  customerTiers: z.array(z.enum(CUSTOMER_TIERS)).max(CUSTOMER_TIERS.length).transform(unique),
  calendarId: z.uuid().nullable(),
  firstResponseMinutes: minutes,
  nextResponseMinutes: minutes,
  resolutionMinutes: minutes,
  warnPercent: z.number().int().min(1).max(99),
  escalations: z.array(escalationRule).max(20),
  active: z.boolean(),
};

export const policyCreateBody = z.strictObject({
  name: fields.name,
  ticketTypes: fields.ticketTypes.default([]),
  priorities: fields.priorities.default([]),
  customerTiers: fields.customerTiers.default([]),
  calendarId: fields.calendarId.default(null),
  firstResponseMinutes: fields.firstResponseMinutes.default(null),
  nextResponseMinutes: fields.nextResponseMinutes.default(null),
  resolutionMinutes: fields.resolutionMinutes.default(null),
  warnPercent: fields.warnPercent.default(80),
  escalations: fields.escalations.default([]),
  active: fields.active.default(true),
});
export type PolicyCreate = z.infer<typeof policyCreateBody>;

export const policyUpdateBody = z.strictObject({
  name: fields.name.optional(),
  ticketTypes: fields.ticketTypes.optional(),
  priorities: fields.priorities.optional(),
  customerTiers: fields.customerTiers.optional(),
  calendarId: fields.calendarId.optional(),
  firstResponseMinutes: fields.firstResponseMinutes.optional(),
  nextResponseMinutes: fields.nextResponseMinutes.optional(),
  resolutionMinutes: fields.resolutionMinutes.optional(),
  warnPercent: fields.warnPercent.optional(),
  escalations: fields.escalations.optional(),
  active: fields.active.optional(),
});
export type PolicyUpdate = z.infer<typeof policyUpdateBody>;

export const reorderBody = z.strictObject({ ids: z.array(z.uuid()).min(1).max(500) });

/** A ticket by id, or by the number people quote on the phone. */
export const ticketRefParams = z.strictObject({ id: z.union([z.uuid(), z.string().regex(/^[1-9]\d{0,17}$/)]) });
