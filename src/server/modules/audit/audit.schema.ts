import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';

/** Filters of GET /api/v1/audit. `action` ending in `.` or `*` is a prefix (`user.` → every user action). */
export const auditListQuery = z.strictObject({
  ...pageQuery,
  actorId: z.uuid().optional(),
  action: z.string().trim().min(1).max(100).optional(),
  entityType: z.string().trim().min(1).max(50).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditSeqParams = z.strictObject({ seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
