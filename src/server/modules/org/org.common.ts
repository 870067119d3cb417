import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import type { Kefu } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';

/** What every org service call needs: the app services and the caller. */
export type OrgCtx = { kefu: Kefu; actor: Actor };

// Names are shown in trees, selects and reports: single line, no control characters.
const NO_CONTROL = /^[^\p{Cc}\u2028\u2029]*$/u;

/** A trimmed single-line name of 1..max characters. */
export const nameText = (max = 64) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(NO_CONTROL);

/** Free multi-line text (responsibilities, descriptions). */
export const longText = (max = 4000) => z.string().trim().max(max);

/** A machine code such as `CALL_CENTER` or `cs_manager`. */
export const codeText = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,31}$/);

export const isoDate = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A 4xx whose details point at one body field, so forms can show it under that field. */
export function fieldError(actor: Actor, code: string, status: number, field: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError(code, status, [{ path: ['body', field], code, message: t(actor.locale, `errors.${code}`), ...extra }]);
}

/** PostgreSQL unique_violation, from either engine. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/**
 * Runs a write in one transaction; a unique-index violation (also one lost to a concurrent
 * writer after our own check) becomes a 409 on the form field that must change.
 */
export async function transactUnique<T>(ctx: OrgCtx, conflict: { code: string; field: string }, work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  try {
    return await ctx.kefu.db.transaction().execute(work);
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError(ctx.actor, conflict.code, 409, conflict.field);
    throw err;
  }
}

/** LIKE pattern for a substring search (one definition for every module: platform/sql-like). */
export { likeContains } from '../../platform/sql-like.js';
