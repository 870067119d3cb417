import { z } from 'zod';

/**
 * The `security` block of `orgs.settings`. Values out of range fall back to the default rather
 * than failing: a mistyped setting must never lock everyone out or disable timeouts.
 */
export type SecuritySettings = {
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  requireTotpForAdmins: boolean;
};

export const SECURITY_DEFAULTS: SecuritySettings = {
  sessionIdleMinutes: 8 * 60,
  sessionAbsoluteHours: 7 * 24,
  requireTotpForAdmins: false,
};

const fields = {
  // 5 minutes .. 7 days idle; 1 hour .. 90 days absolute.
  sessionIdleMinutes: z.number().int().min(5).max(7 * 24 * 60),
  sessionAbsoluteHours: z.number().int().min(1).max(90 * 24),
  requireTotpForAdmins: z.boolean(),
};

export function securitySettings(orgSettings: unknown): SecuritySettings {
  const block = (orgSettings as { security?: Record<string, unknown> } | null)?.security ?? {};
  const pick = <K extends keyof SecuritySettings>(key: K): SecuritySettings[K] => {
    const parsed = fields[key].safeParse(block[key]);
    return (parsed.success ? parsed.data : SECURITY_DEFAULTS[key]) as SecuritySettings[K];
  };
  return {
    sessionIdleMinutes: pick('sessionIdleMinutes'),
    sessionAbsoluteHours: pick('sessionAbsoluteHours'),
    requireTotpForAdmins: pick('requireTotpForAdmins'),
  };
}

/** Role code whose holders must use TOTP when `requireTotpForAdmins` is on. */
export const ADMIN_ROLE_CODE = 'admin';

export function mustSetUpTotp(settings: SecuritySettings, roleCodes: readonly string[], totpEnabled: boolean): boolean {
  return settings.requireTotpForAdmins && !totpEnabled && roleCodes.includes(ADMIN_ROLE_CODE);
}
