import { z } from 'zod';
import { AUTOMATION_KINDS, TRIGGER_EVENTS } from '../../../shared/automations.js';

/**
 * Wire contract of /api/v1/automations. Conditions and actions are checked field by field
 * against the allowlist by the rule engine (so each problem is reported under its own path).
 */

const fields = {
  name: z.string().trim().min(1).max(100),
  kind: z.enum(AUTOMATION_KINDS),
  events: z
    .array(z.enum(TRIGGER_EVENTS))
    .max(TRIGGER_EVENTS.length)
    .transform((l) => [...new Set(l)]),
  conditions: z.unknown(),
  actions: z.unknown(),
  active: z.boolean(),
};

export const automationCreateBody = z.strictObject({
  name: fields.name,
  kind: fields.kind,
  events: fields.events.default([]),
  conditions: fields.conditions.default({ all: [], any: [] }),
  actions: fields.actions,
  active: fields.active.default(true),
});
export type AutomationCreate = z.infer<typeof automationCreateBody>;

export const automationUpdateBody = z.strictObject({
  name: fields.name.optional(),
  events: fields.events.optional(),
  conditions: fields.conditions.optional(),
  actions: fields.actions.optional(),
  active: fields.active.optional(),
});
export type AutomationUpdate = z.infer<typeof automationUpdateBody>;

export const reorderBody = z.strictObject({ ids: z.array(z.uuid()).min(1).max(500) });
export const previewBody = z.strictObject({ conditions: z.unknown().optional() }).default({});
