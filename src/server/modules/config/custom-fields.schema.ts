import { z } from 'zod';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES } from '../../../shared/custom-fields.js';
import { TICKET_TYPES } from '../../../shared/tickets.js';

/** Wire contract of /api/v1/custom-fields. Key format and option rules are checked by the service. */
const option = z.strictObject({
  value: z.string().trim().min(1).max(100),
  label: z.string().trim().min(1).max(100),
  labelEn: z.string().trim().max(100).nullable().optional(),
});
const options = z.array(option).max(200);
/** Ticket fields only: the ticket types whose form shows the field (§5.1); empty = every type. */
const ticketTypes = z.array(z.enum(TICKET_TYPES)).max(TICKET_TYPES.length).transform((l) => [...new Set(l)]);

export const entityParam = z.enum(CUSTOM_FIELD_ENTITIES);

export const customFieldListQuery = z.strictObject({
  entity: entityParam.optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const customFieldCreateBody = z.strictObject({
  entity: entityParam,
  key: z.string().max(40),
  label: z.string().trim().min(1).max(100),
  labelEn: z.string().trim().max(100).nullable().optional(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: options.default([]),
  required: z.boolean().default(false),
  sort: z.number().int().min(-100_000).max(100_000).default(0),
  active: z.boolean().default(true),
  ticketTypes: ticketTypes.default([]),
});
export type CustomFieldCreate = z.infer<typeof customFieldCreateBody>;

/** Entity, key and type are fixed once created: stored values are keyed and typed by them. */
export const customFieldUpdateBody = z.strictObject({
  label: z.string().trim().min(1).max(100).optional(),
  labelEn: z.string().trim().max(100).nullable().optional(),
  options: options.optional(),
  required: z.boolean().optional(),
  sort: z.number().int().min(-100_000).max(100_000).optional(),
  active: z.boolean().optional(),
  ticketTypes: ticketTypes.optional(),
});
export type CustomFieldUpdate = z.infer<typeof customFieldUpdateBody>;
