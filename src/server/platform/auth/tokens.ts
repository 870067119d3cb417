import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'kefu_session';
export const API_TOKEN_PREFIX = 'kefu_';

/** A random secret for the client; only its SHA-256 is ever stored. */
export function newSecret(prefix = ''): { secret: string; hash: string } {
  const secret = prefix + randomBytes(32).toString('base64url');
  return { secret, hash: sha256(secret) };
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
