import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { LOCALES } from '../../platform/i18n.js';
import { DATA_SCOPES, FIELD_RULES, PERMISSIONS } from '../../../shared/permissions.js';

/** Wire contract of §1.3 authentication: login, sessions, own profile, TOTP, API tokens. */

// Login fields are bounded generously but never validated against the policy: a login must not
// reveal the policy, and old passwords set before a policy change must still work.
export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(150),
  password: z.string().min(1).max(1024),
  totp: z.string().trim().max(16).optional(),
  /** Organization id; the default organization when absent. */
  orgId: z.uuid().optional(),
});
export type LoginBody = z.infer<typeof loginBody>;

export const loginUser = z.object({ id: z.uuid(), username: z.string(), displayName: z.string(), locale: z.enum(LOCALES) });

export const loginResponse = z.object({
  user: loginUser,
  /** The password was right; POST /auth/totp with the code completes the sign-in. */
  mfaRequired: z.boolean(),
  /** An administrator who must enrol TOTP before using anything else. */
  mfaSetupRequired: z.boolean(),
});
export type LoginResponse = z.infer<typeof loginResponse>;

export const totpCodeBody = z.strictObject({ code: z.string().trim().min(1).max(16) });

export const sessionParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{64}$/) });

export const sessionItem = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export const sessionList = z.object({ items: z.array(sessionItem), nextCursor: z.string().nullable() });
export const listQuery = z.strictObject({ ...pageQuery });

export const logoutAllResponse = z.object({ revoked: z.number().int() });

export const meResponse = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  locale: z.enum(LOCALES),
  departmentId: z.string().nullable(),
  permissions: z.array(z.string()),
  scopes: z.record(z.string(), z.enum(DATA_SCOPES)),
  fieldRules: z.record(z.string(), z.enum(FIELD_RULES)),
  roles: z.array(z.string()),
  totpEnabled: z.boolean(),
  mfaSetupRequired: z.boolean(),
  passwordChangedAt: z.string().nullable(),
  /** How this request authenticated. */
  authKind: z.enum(['session', 'token']),
  version: z.number().int(),
});
export type MeResponse = z.infer<typeof meResponse>;

export const patchMeBody = z.strictObject({
  locale: z.enum(LOCALES).optional(),
  displayName: z.string().trim().min(1).max(100).optional(),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  // The policy (8..128) answers with its own codes; this bound only keeps hashing cheap.
  newPassword: z.string().max(4096),
});

export const totpSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const totpStateResponse = z.object({ totpEnabled: z.boolean() });
export const totpDisableBody = z
  .strictObject({ code: z.string().trim().min(1).max(16).optional(), password: z.string().min(1).max(1024).optional() })
  .refine((b) => (b.code === undefined) !== (b.password === undefined), { message: 'give either code or password' });

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Permissions the token may use, a subset of the owner's; empty or absent = all of them. */
  scopes: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length).optional(),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateTokenBody = z.infer<typeof createTokenBody>;

export const tokenItem = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});
export const tokenList = z.object({ items: z.array(tokenItem), nextCursor: z.string().nullable() });
export const createdToken = z.object({ token: tokenItem, secret: z.string() });
