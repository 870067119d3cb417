import { AppError } from '../../platform/errors.js';
import { type Locale, t } from '../../platform/i18n.js';

export type Issue = { path: (string | number)[]; code: string; message: string };

/**
 * Field-level problems found after schema parsing (references that must exist, rules across
 * fields), with messages from the `sla.issues.*` catalogue, thrown as one 400 in the shape of
 * schema errors so the form shows each under its field.
 */
export class SlaIssues {
  readonly list: Issue[] = [];
  constructor(private readonly locale: Locale) {}

  add(path: (string | number)[], code: string, params: Record<string, unknown> = {}): void {
    this.list.push({ path, code, message: t(this.locale, `sla.issues.${code}`, params) });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new AppError('validation', 400, this.list);
  }
}
