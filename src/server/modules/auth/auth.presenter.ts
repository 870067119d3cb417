import type { Actor } from '../../platform/actor.js';
import type { AuthInfo } from '../../platform/auth/authenticate.js';
import type { AuthUser, TokenRow } from './auth.repo.js';
import type { LoginResponse, MeResponse } from './auth.schema.js';

/** Rows to wire shapes; secrets (hashes, TOTP seeds) never leave through here. */

export function presentLogin(user: Pick<AuthUser, 'id' | 'username' | 'display_name' | 'locale'>, flags: { mfaRequired: boolean; mfaSetupRequired: boolean }): LoginResponse {
  return {
    user: { id: user.id, username: user.username, displayName: user.display_name, locale: user.locale },
    mfaRequired: flags.mfaRequired,
    mfaSetupRequired: flags.mfaSetupRequired,
  };
}

export function presentMe(user: AuthUser, actor: Actor, auth: AuthInfo): MeResponse {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    locale: user.locale,
    departmentId: user.department_id,
    permissions: [...actor.permissions].sort(),
    scopes: { ...actor.scopes },
    fieldRules: { ...actor.fieldRules },
    roles: [...actor.roleCodes].sort(),
    totpEnabled: user.totp_enabled,
    mfaSetupRequired: auth.mfaSetupRequired,
    passwordChangedAt: user.password_changed_at?.toISOString() ?? null,
    authKind: auth.kind,
    version: user.version,
  };
}

export type SessionRow = { id: string; created_at: Date; last_seen_at: Date; expires_at: Date; ip: string | null; user_agent: string | null };

export function presentSession(row: SessionRow, currentId: string | undefined) {
  return {
    id: row.id,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    ip: row.ip,
    userAgent: row.user_agent,
    current: row.id === currentId,
  };
}

export function presentToken(row: TokenRow, now = Date.now()) {
  const status = row.revoked_at ? 'revoked' : row.expires_at && row.expires_at.getTime() <= now ? 'expired' : 'active';
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    status: status as 'active' | 'expired' | 'revoked',
  };
}
