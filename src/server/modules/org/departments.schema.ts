import { z } from 'zod';
import { codeText, nameText } from './org.common.js';

export const departmentView = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  code: z.string().nullable(),
  sort: z.number().int(),
  /** Materialized path of ancestor ids including self: `/root/child/`. */
  path: z.string(),
  /** Users directly in this department (active and disabled). */
  memberCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DepartmentView = z.infer<typeof departmentView>;

export const departmentList = z.object({ items: z.array(departmentView), nextCursor: z.null() });

const sort = z.number().int().min(0).max(1_000_000);

export const createDepartmentBody = z.strictObject({
  name: nameText(64),
  code: codeText.nullish(),
  /** The parent department; null or absent creates a top-level department. */
  parentId: z.uuid().nullish(),
  sort: sort.optional(),
});
export type CreateDepartmentBody = z.infer<typeof createDepartmentBody>;

export const updateDepartmentBody = z.strictObject({
  name: nameText(64).optional(),
  code: codeText.nullable().optional(),
  /** Moves the department (with its whole subtree) under another parent; null = top level. */
  parentId: z.uuid().nullable().optional(),
  sort: sort.optional(),
});
export type UpdateDepartmentBody = z.infer<typeof updateDepartmentBody>;
