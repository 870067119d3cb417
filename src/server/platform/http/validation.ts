import type { ZodError } from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { hasMessage, type Locale, t } from '../i18n.js';

const maps = { 'zh-CN': zhCN().localeError, en: en().localeError };
/** Zod's own message catalogue in the request's language. */
export const zodErrorMap = (locale: Locale) => maps[locale];

export type Issue = { path: (string | number)[]; code: string; message: string };

/**
 * A schema's own checks (`refine`) name their message by a code of the server catalogue
 * (`web_form_phone_invalid` → `errors.web_form_phone_invalid`), since the schema is shared with the
 * web and knows no language; such a message is shown in the reader's language here.
 */
function issueMessage(code: string, message: string, locale: Locale | undefined): string {
  if (!locale || code !== 'custom' || !/^[a-z][a-z0-9_]*$/.test(message) || !hasMessage(`errors.${message}`)) return message;
  return t(locale, `errors.${message}`);
}

export function zodIssues(error: ZodError, where: string, locale?: Locale): Issue[] {
  return error.issues.map((i) => ({
    path: [where, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    code: i.code,
    message: issueMessage(i.code, i.message, locale),
  }));
}

/**
 * NUL bytes break PostgreSQL text and lone surrogates are not valid UTF-8: both are refused
 * at the edge (400) so they never reach a query and turn into a 500.
 */
export function findBadText(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (depth > 64) return path;
  if (typeof value === 'string') {
    return value.includes('\u0000') || !value.isWellFormed() ? path : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadText(value[i], [...path, String(i)], depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000') || !k.isWellFormed()) return [...path, k];
      const bad = findBadText(v, [...path, k], depth + 1);
      if (bad) return bad;
    }
  }
  return null;
}
