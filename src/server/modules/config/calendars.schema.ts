import { z } from 'zod';

/** Wire contract of /api/v1/calendars. Range rules (HH:MM, order, overlap) are checked by the service. */
const range = z.strictObject({ start: z.string().max(5), end: z.string().max(5) });
const dayRanges = z.array(range).max(12);
export const weeklyHours = z.array(dayRanges).length(7);

export const calendarCreateBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  timezone: z.string().trim().max(64).default('Asia/Shanghai'),
  weeklyHours,
  isDefault: z.boolean().default(false),
});
export type CalendarCreate = z.infer<typeof calendarCreateBody>;

export const calendarUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  timezone: z.string().trim().max(64).optional(),
  weeklyHours: weeklyHours.optional(),
  isDefault: z.boolean().optional(),
});
export type CalendarUpdate = z.infer<typeof calendarUpdateBody>;

export const dayKind = z.enum(['holiday', 'workday']);
export const dayBody = z.strictObject({
  kind: dayKind,
  name: z.string().trim().max(50).default(''),
  /** Workdays only; null or absent = the calendar's Monday hours. */
  hours: dayRanges.nullable().optional(),
});
export type DayInput = z.infer<typeof dayBody>;

export const importBody = z.strictObject({
  days: z
    .array(
      z.strictObject({
        date: z.string().max(10),
        kind: dayKind,
        name: z.string().trim().max(50).default(''),
        hours: dayRanges.nullable().optional(),
      }),
    )
    .min(1)
    .max(500),
  /** Replace every existing override in the years the import covers (a corrected official schedule). */
  replace: z.boolean().default(false),
});
export type ImportInput = z.infer<typeof importBody>;

export const calendarParams = z.strictObject({ id: z.uuid() });
export const dayParams = z.strictObject({ id: z.uuid(), date: z.string().max(10) });
export const daysQuery = z.strictObject({ year: z.coerce.number().int().min(1970).max(2200).optional() });
export const previewQuery = z.strictObject({
  start: z.iso.datetime({ offset: true }),
  minutes: z.coerce.number().int().min(0).max(525_600),
});
