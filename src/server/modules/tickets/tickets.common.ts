import type { Actor } from '../../platform/actor.js';
import type { Kefu } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';

/** What every ticket service call needs: the app services and the caller. */
export type TicketCtx = { kefu: Kefu; actor: Actor };

export type FieldProblem = { field: string; code: string; message: string };

export function problem(actor: Pick<Actor, 'locale'>, field: string, code: string, params: Record<string, unknown> = {}): FieldProblem {
  return { field, code, message: t(actor.locale, `errors.${code}`, params) };
}

/** A 400 whose details point at body fields, so the form shows each message under its field. */
export function invalid(problems: FieldProblem[]): AppError {
  return new AppError('validation', 400, problems.map((p) => ({ path: ['body', ...p.field.split('.')], code: p.code, message: p.message })));
}

export function invalidField(actor: Pick<Actor, 'locale'>, field: string, code: string, params: Record<string, unknown> = {}): AppError {
  return invalid([problem(actor, field, code, params)]);
}
