import { z } from 'zod';
import { codeText, longText, nameText } from './org.common.js';

export const positionView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  responsibilities: z.string(),
  requirements: z.string(),
  /** Users holding this position. */
  userCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PositionView = z.infer<typeof positionView>;

export const positionList = z.object({ items: z.array(positionView), nextCursor: z.null() });

export const createPositionBody = z.strictObject({
  code: codeText,
  name: nameText(64),
  nameEn: nameText(100).nullish(),
  responsibilities: longText().optional(),
  requirements: longText().optional(),
});
export type CreatePositionBody = z.infer<typeof createPositionBody>;

export const updatePositionBody = z.strictObject({
  code: codeText.optional(),
  name: nameText(64).optional(),
  nameEn: nameText(100).nullable().optional(),
  responsibilities: longText().optional(),
  requirements: longText().optional(),
});
export type UpdatePositionBody = z.infer<typeof updatePositionBody>;
