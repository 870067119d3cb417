import { z } from 'zod';
import { SERVICE_METRICS, STANDARD_CHANNELS } from '../../../shared/service-metrics.js';

/** Wire contract of /api/v1/service-standards. */

const fields = {
  channel: z.enum(STANDARD_CHANNELS),
  metric: z.enum(SERVICE_METRICS),
  target: z.number().positive().max(100_000),
  goalPercent: z.number().positive().max(100),
  description: z.string().trim().max(200),
  active: z.boolean(),
};

export const standardCreateBody = z.strictObject({
  channel: fields.channel,
  metric: fields.metric,
  target: fields.target,
  goalPercent: fields.goalPercent.default(90),
  description: fields.description.default(''),
  active: fields.active.default(true),
});
export type StandardCreate = z.infer<typeof standardCreateBody>;

export const standardUpdateBody = z.strictObject({
  target: fields.target.optional(),
  goalPercent: fields.goalPercent.optional(),
  description: fields.description.optional(),
  active: fields.active.optional(),
});
export type StandardUpdate = z.infer<typeof standardUpdateBody>;

const instant = z.iso.datetime({ offset: true });
export const reportQuery = z
  .strictObject({ from: instant, to: instant })
  .refine((q) => new Date(q.from) < new Date(q.to), { path: ['to'], message: 'to must be after from' });
