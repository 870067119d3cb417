import { z } from 'zod';
import { pageQuery, sortParam } from '../../platform/http/pagination.js';
import { nameText } from './org.common.js';

export const USER_SORTS = ['username', 'display_name', 'created_at'] as const;

const username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/);
// An empty string from a cleared form field means "none".
const email = z.union([z.literal(''), z.string().trim().max(254).pipe(z.email())]);
/** Normalized by the service (full-width digits, +86, separators); invalid numbers are a 400. */
const phone = z.string().trim().max(40);
const skills = z
  .array(nameText(32))
  .max(30)
  .transform((list) => [...new Set(list)]);
const locale = z.enum(['zh-CN', 'en']);
const roleIds = z
  .array(z.uuid())
  .max(20)
  .transform((ids) => [...new Set(ids)]);
/** Checked against the password policy by the service (length, common list, not the username). */
const password = z.string().min(1).max(1024);

export const createUserBody = z.strictObject({
  username,
  displayName: nameText(64),
  email: email.nullish(),
  phone: phone.nullish(),
  departmentId: z.uuid().nullish(),
  positionId: z.uuid().nullish(),
  roleIds,
  password,
  skills: skills.optional(),
  locale: locale.optional(),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  username: username.optional(),
  displayName: nameText(64).optional(),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  departmentId: z.uuid().nullable().optional(),
  positionId: z.uuid().nullable().optional(),
  roleIds: roleIds.optional(),
  /** Disabling ends the user's sessions at once. */
  status: z.enum(['active', 'disabled']).optional(),
  skills: skills.optional(),
  locale: locale.optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const resetPasswordBody = z.strictObject({ password });

export const listUsersQuery = z.strictObject({
  ...pageQuery,
  sort: sortParam(USER_SORTS, 'username'),
  /** Substring of the display name or username. */
  q: z.string().trim().max(64).optional(),
  departmentId: z.uuid().optional(),
  /** With departmentId: include the users of its sub-departments too. */
  includeSubDepartments: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  status: z.enum(['active', 'disabled']).optional(),
  roleId: z.uuid().optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const userView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  /** Presented through the viewer's field rules: full, masked (`z***@example.com`) or null when hidden. */
  email: z.string().nullable(),
  /** Presented through the viewer's field rules: full, masked (`138****5678`) or null when hidden. */
  phone: z.string().nullable(),
  /** Fields holding a value this viewer sees masked (revealable with pii.reveal via POST /api/v1/reveal). */
  maskedFields: z.array(z.string()),
  /** Fields holding a value withheld from this viewer entirely (presented as null; not revealable). */
  hiddenFields: z.array(z.string()),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  positionId: z.uuid().nullable(),
  positionName: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  skills: z.array(z.string()),
  locale: z.enum(['zh-CN', 'en']),
  roles: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  passwordChangedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserView = z.infer<typeof userView>;

export const userPage = z.object({ items: z.array(userView), nextCursor: z.string().nullable() });
