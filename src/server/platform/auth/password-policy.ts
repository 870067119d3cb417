import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../errors.js';

/** §1.3: passwords are 8..128 characters (code points, so Chinese characters count as one each). */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export type PasswordProblem = 'password_too_short' | 'password_too_long' | 'password_too_common' | 'password_equals_username';

let common: Set<string> | null = null;

/**
 * The breached/common list: the ~49,000 most frequent passwords of public breach corpora that
 * zxcvbn-ts maintains, plus a bundled supplement of passwords common among Chinese users.
 * Loaded on first use (~30 ms) and kept.
 */
function commonPasswords(): Set<string> {
  if (common) return common;
  const set = new Set<string>();
  for (const p of dictionary['passwords-common']) set.add(p.toLowerCase());
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'common-passwords-zh.txt');
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const p = line.trim();
    if (p && !p.startsWith('#')) set.add(p.toLowerCase());
  }
  common = set;
  return set;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/** Whether a password is on the common list, or is one character repeated. */
export function isCommonPassword(password: string): boolean {
  const p = fold(password);
  if (commonPasswords().has(p)) return true;
  return [...p].every((ch) => ch === p[0]);
}

/** The first policy rule a password breaks, or null when it is acceptable. */
export function checkPasswordPolicy(password: string, opts: { username?: string | null } = {}): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'password_too_short';
  if (length > PASSWORD_MAX) return 'password_too_long';
  if (opts.username && fold(password) === fold(opts.username)) return 'password_equals_username';
  if (isCommonPassword(password)) return 'password_too_common';
  return null;
}

/**
 * Asserts the password policy; throws a 400 AppError whose code names the broken rule
 * (`password_too_short`, `password_too_long`, `password_too_common`, `password_equals_username`).
 * Used for self-service changes and by administrators setting a user's password.
 */
export function validatePasswordPolicy(password: string, opts: { username?: string | null } = {}): void {
  const problem = checkPasswordPolicy(password, opts);
  if (problem) throw new AppError(problem, 400, { min: PASSWORD_MIN, max: PASSWORD_MAX });
}
