import { AppError } from '../../platform/errors.js';
import { type Locale, t } from '../../platform/i18n.js';

export type Issue = { path: (string | number)[]; code: string; message: string };

/**
 * Collects field-level problems found after schema parsing (cross-field rules, real dates,
 * time zones) with messages from the `config.issues.*` catalogue, and throws them as one 400
 * in the same shape as schema errors, so forms can show each under its field.
 */
export class Issues {
  readonly list: Issue[] = [];
  constructor(private readonly locale: Locale) {}

  add(path: (string | number)[], code: string, params: Record<string, unknown> = {}): void {
    this.list.push({ path, code, message: t(this.locale, `config.issues.${code}`, params) });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new AppError('validation', 400, this.list);
  }
}

/** True for PostgreSQL's unique-violation error (a concurrent insert won the race). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string } | null;
  return !!e && e.code === '23505' && (!constraint || e.constraint === constraint);
}
