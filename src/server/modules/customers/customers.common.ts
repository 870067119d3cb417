import type { Actor } from '../../platform/actor.js';
import type { Kefu } from '../../platform/context.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { shareLockCustomer } from './customers.repo.js';

/** What every customer service call needs: the app services and the caller. */
export type CustomerCtx = { kefu: Kefu; actor: Actor };

/** One problem with one input field; `field` is the body field name (`phones.0`, `custom.level`). */
export type FieldProblem = { field: string; code: string; message: string };

export function problem(actor: Pick<Actor, 'locale'>, field: string, code: string, params: Record<string, unknown> = {}): FieldProblem {
  return { field, code, message: t(actor.locale, `errors.${code}`, params) };
}

/** A 400 whose details point at body fields, so forms show each message under its field. */
export function validationError(problems: FieldProblem[]): AppError {
  return new AppError(
    'validation',
    400,
    problems.map((p) => ({ path: ['body', ...p.field.split('.')], code: p.code, message: p.message })),
  );
}

/**
 * Re-checks, inside the write's transaction and under a share lock, that the customer still
 * takes new records: a merge or anonymization committing meanwhile must not be raced past.
 */
export async function assertCustomerWritable(tx: Kysely<DB>, orgId: string, customerId: string): Promise<void> {
  const row = await shareLockCustomer(tx, orgId, customerId);
  if (!row) throw notFound('customer');
  if (row.merged_into_id) throw new AppError('customer_merged', 409, { mergedIntoId: row.merged_into_id });
  if (row.anonymized_at) throw new AppError('customer_anonymized', 409);
}
