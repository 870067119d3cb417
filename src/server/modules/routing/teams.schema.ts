import { z } from 'zod';
import { ROUTING_STRATEGIES, TICKET_CHANNELS, TICKET_TYPES } from '../../../shared/tickets.js';

/** Wire contract of /api/v1/teams. Skill codes are checked by the service (trimmed, unique, ≤ 40). */
const NO_CONTROL = /^[^\p{Cc}\u2028\u2029]*$/u;
const name = z.string().trim().min(1).max(64).regex(NO_CONTROL);
const description = z.string().trim().max(500);
const unique = <T>(l: T[]) => [...new Set(l)];
const ticketTypes = z.array(z.enum(TICKET_TYPES)).max(TICKET_TYPES.length).transform(unique);
const channels = z.array(z.enum(TICKET_CHANNELS)).max(TICKET_CHANNELS.length).transform(unique);

export const MAX_CAPACITY = 1000;
export const capacity = z.number().int().min(0).max(MAX_CAPACITY);
/** { skill code: proficiency 1..5 } */
export const skills = z.record(z.string(), z.number().int().min(1).max(5));

export const teamCreateBody = z.strictObject({
  name,
  description: description.default(''),
  strategy: z.enum(ROUTING_STRATEGIES).default('manual'),
  calendarId: z.uuid().nullable().default(null),
  ticketTypes: ticketTypes.default([]),
  channels: channels.default([]),
  active: z.boolean().default(true),
});
export type TeamCreate = z.infer<typeof teamCreateBody>;

export const teamUpdateBody = z.strictObject({
  name: name.optional(),
  description: description.optional(),
  strategy: z.enum(ROUTING_STRATEGIES).optional(),
  calendarId: z.uuid().nullable().optional(),
  ticketTypes: ticketTypes.optional(),
  channels: channels.optional(),
  active: z.boolean().optional(),
});
export type TeamUpdate = z.infer<typeof teamUpdateBody>;

export const teamListQuery = z.strictObject({
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const memberAddBody = z.strictObject({
  userId: z.uuid(),
  capacity: capacity.default(10),
  skills: skills.default({}),
  available: z.boolean().default(true),
});
export type MemberAdd = z.infer<typeof memberAddBody>;

export const memberUpdateBody = z.strictObject({
  capacity: capacity.optional(),
  skills: skills.optional(),
  available: z.boolean().optional(),
});
export type MemberUpdate = z.infer<typeof memberUpdateBody>;

export const candidatesQuery = z.strictObject({
  q: z.string().trim().max(64).optional(),
});
