import { z } from 'zod';
import { DATA_SCOPES, FIELD_RULES, MASKABLE_FIELDS, PERMISSIONS, SCOPED_RESOURCES } from '../../../shared/permissions.js';
import { longText, nameText } from './org.common.js';

export const scopesSchema = z.partialRecord(z.enum(SCOPED_RESOURCES), z.enum(DATA_SCOPES));
export const fieldRulesSchema = z.partialRecord(z.enum(MASKABLE_FIELDS), z.enum(FIELD_RULES));
const permissionList = z
  .array(z.enum(PERMISSIONS))
  .max(PERMISSIONS.length * 2)
  .transform((list) => [...new Set(list)].sort());

export const roleView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
  /** Per scoped resource: self | department | subtree | all (a resource absent = self). */
  scopes: z.record(z.string(), z.enum(DATA_SCOPES)),
  /** Per maskable field: show | mask | hide (a field absent = mask). */
  fieldRules: z.record(z.string(), z.enum(FIELD_RULES)),
  isSystem: z.boolean(),
  userCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RoleView = z.infer<typeof roleView>;

export const roleList = z.object({ items: z.array(roleView), nextCursor: z.null() });

export const createRoleBody = z.strictObject({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,31}$/),
  name: nameText(64),
  description: longText(500).optional(),
  permissions: permissionList,
  scopes: scopesSchema.optional(),
  fieldRules: fieldRulesSchema.optional(),
});
export type CreateRoleBody = z.infer<typeof createRoleBody>;

/** The code is fixed once created (seeds and integrations refer to it). */
export const updateRoleBody = z.strictObject({
  name: nameText(64).optional(),
  description: longText(500).optional(),
  permissions: permissionList.optional(),
  scopes: scopesSchema.optional(),
  fieldRules: fieldRulesSchema.optional(),
});
export type UpdateRoleBody = z.infer<typeof updateRoleBody>;

export const permissionCatalogue = z.object({
  permissions: z.array(z.string()),
  /** Permissions grouped by their first segment (`org`, `customers`, `tickets` …) for the role editor. */
  groups: z.array(z.object({ key: z.string(), permissions: z.array(z.string()) })),
  scopedResources: z.array(z.string()),
  scopes: z.array(z.string()),
  maskableFields: z.array(z.string()),
  fieldRules: z.array(z.string()),
});
