import { z } from 'zod';

export const fileView = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.uuid().nullable(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: z.string(),
  /** Where the bytes are downloaded (always as an attachment). */
  contentUrl: z.string(),
});
export type FileView = z.infer<typeof fileView>;
