import type { Actor } from '../../platform/actor.js';
import type { Kefu } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';

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
