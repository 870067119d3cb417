import { z } from 'zod';
import { pageQuery, sortParam } from '../../platform/http/pagination.js';
import { CUSTOMER_SORTS, customerFilter, TIMELINE_KINDS } from '../../../shared/customers.js';

/** `?filter=` carries a JSON filter (see shared/customers.ts); parsed and checked here. */
export const filterParam = z
  .string()
  .max(8000)
  .optional()
  .transform((text, ctx) => {
    if (!text) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'filter must be JSON' });
      return z.NEVER;
    }
    const parsed = customerFilter.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return parsed.data;
  });

export const listCustomersQuery = z.strictObject({
  ...pageQuery,
  sort: sortParam<(typeof CUSTOMER_SORTS)[number]>(CUSTOMER_SORTS, '-created_at'),
  /** The search box: Chinese name or part of it, pinyin (zhangwei / zw), English name, phone or its last 4 digits, e-mail, credit code. */
  q: z.string().trim().max(100).optional(),
  filter: filterParam,
});
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>;

export const countCustomersQuery = z.strictObject({ q: z.string().trim().max(100).optional(), filter: filterParam });

export const timelineQuery = z.strictObject({
  ...pageQuery,
  /** Comma-separated kinds to show (ticket,call,order…); all when absent. */
  kinds: z
    .string()
    .max(400)
    .optional()
    .transform((s) => (s ? s.split(',').map((k) => k.trim()).filter(Boolean) : undefined))
    .pipe(z.array(z.enum(TIMELINE_KINDS)).optional()),
});

export const duplicateCheckBody = z.strictObject({
  name: z.string().max(200).optional(),
  phones: z.array(z.string().max(40)).max(5).optional(),
  email: z.string().max(254).optional(),
  creditCode: z.string().max(40).optional(),
  idNumber: z.string().max(40).optional(),
  excludeId: z.uuid().optional(),
});

export const countView = z.object({ count: z.number().int() });
export const statusHistoryView = z.array(
  z.object({
    id: z.uuid(),
    from: z.string().nullable(),
    to: z.string(),
    reason: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
  }),
);
