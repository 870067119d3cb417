import type { Kysely } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import type { DB } from '../db-schema.js';

/** RFC 6238 with the parameters every authenticator app supports. */
const PERIOD = 30;
const DIGITS = 6;
const ALGORITHM = 'SHA1';
/** One step either side tolerates clock drift of up to ±30 s. */
const WINDOW = 1;
export const TOTP_ISSUER = 'Kefu';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secretBase32: string, label: string, issuer = TOTP_ISSUER): TOTP {
  return new TOTP({ issuer, label, algorithm: ALGORITHM, digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

export function otpauthUrl(secretBase32: string, label: string, issuer = TOTP_ISSUER): string {
  return totpFor(secretBase32, label, issuer).toString();
}

/** The time step a code belongs to, or null when the code is wrong (format or value). */
export function matchTotp(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = TOTP.validate({ token, secret: Secret.fromBase32(secretBase32), algorithm: ALGORITHM, digits: DIGITS, period: PERIOD, timestamp: now, window: WINDOW });
  if (delta === null) return null;
  return TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}

/**
 * Accepts a time step for a user once: the update succeeds only if no equal or later step was
 * accepted before, so a code seen over someone's shoulder cannot be replayed (also across nodes).
 */
export async function consumeTotpStep(db: Kysely<DB>, orgId: string, userId: string, step: number): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}
