import { z } from 'zod';
import { MASKABLE_FIELDS } from '../../../shared/permissions.js';

export const revealBody = z.strictObject({
  /** A registered entity: `user` (customers register `customer`). */
  entity: z.string().regex(/^[a-z][a-z_]{0,31}$/),
  id: z.uuid(),
  field: z.enum(MASKABLE_FIELDS),
  /** Why the full value is needed; kept in the audit log. */
  reason: z.string().trim().min(2).max(500),
});
export type RevealBody = z.infer<typeof revealBody>;

export const revealAnswer = z.object({ value: z.string().nullable() });
