import { z } from 'zod';

/** POST /api/v1/tickets/:id/assign — to a person, a team, or a person within a team. */
export const assignBody = z.strictObject({
  teamId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
});
export type AssignBody = z.infer<typeof assignBody>;

export const queueQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const memberParams = z.strictObject({ id: z.uuid(), userId: z.uuid() });
