import { z } from 'zod';

/** Wire contract of §2.9 ownership transfer, shared by the server and the web app. */

export const transferPreviewQuery = z.strictObject({ fromOwnerId: z.uuid() });

/** What each participant counted or moved, by participant name (`customers`, later `tickets`, `tasks`). */
const counts = z.record(z.string(), z.number().int().min(0));

export const transferPreview = z.object({
  fromOwner: z.object({ id: z.uuid(), displayName: z.string(), status: z.enum(['active', 'disabled']), departmentId: z.uuid().nullable() }),
  counts,
});
export type TransferPreview = z.infer<typeof transferPreview>;

/**
 * Exactly one target: one person (`toOwnerId`), several people (`toUserIds`, items dealt
 * round-robin in the order given) or a department (its active members, by username). The
 * service checks "exactly one" so the message comes in the user's language.
 */
export const transferBody = z.strictObject({
  fromOwnerId: z.uuid(),
  toOwnerId: z.uuid().optional(),
  toUserIds: z.array(z.uuid()).min(1).max(100).optional(),
  toDepartmentId: z.uuid().optional(),
  reason: z.string().trim().min(1).max(500),
});
export type TransferBody = z.infer<typeof transferBody>;

export const transferResult = z.object({
  fromOwnerId: z.uuid(),
  counts,
  recipients: z.array(z.object({ userId: z.uuid(), displayName: z.string(), departmentId: z.uuid().nullable(), counts })),
});
export type TransferResult = z.infer<typeof transferResult>;
