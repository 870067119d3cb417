import { type CustomFieldDef, fieldLabel } from '../../../../shared/custom-fields.js';
import type { CustomerView } from '../../../../shared/customers.js';
import { type Locale, t } from '../../../platform/i18n.js';

/**
 * Columns of a customer export (§2.8). Values come from the presented customer, so masked and
 * hidden personal data stay masked and hidden; enum codes become labels in the reader's
 * language; headers are the same labels the import recognizes, so an export re-imports.
 */

export const EXPORT_COLUMNS = [
  'name', 'nameEn', 'kind', 'gender', 'birthday', 'phone', 'email', 'wechat', 'region', 'address', 'company', 'jobTitle',
  'industry', 'companySize', 'legalRep', 'registeredCapital', 'creditCode', 'idNumber', 'sourceChannel', 'owner', 'tags',
  'lifecycleStatus', 'classMarketing', 'classManagement', 'classProduct', 'isInternal', 'remark', 'createdAt', 'updatedAt',
  'lastActivityAt',
] as const;

/** At most this many rows per export; a bigger view is cut (and the cut is audited). */
export const EXPORT_CAP = 200_000;

/**
 * Spreadsheet formula injection: a cell that begins with = + - @ (or a tab or carriage return,
 * which Excel skips before looking) is prefixed with an apostrophe, so it stays text.
 */
export function escapeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const ZONE = 'Asia/Shanghai';
const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** `2025-01-31 14:05:00`, China time: what people expect to read in a sheet. */
export function formatTime(iso: string | null): string {
  return iso ? stamp.format(new Date(iso)) : '';
}

export type ExportColumn = { key: string; header: string; value: (c: CustomerView) => string };

/** The columns asked for (`name,phone,custom.level`), or every column; unknown names are returned as `unknown`. */
export function resolveColumns(requested: readonly string[] | undefined, defs: readonly CustomFieldDef[], locale: Locale): { columns: ExportColumn[]; unknown: string[] } {
  const active = defs.filter((d) => d.active !== false);
  const keys = requested && requested.length > 0 ? requested : [...EXPORT_COLUMNS, ...active.map((d) => `custom.${d.key}`)];
  const columns: ExportColumn[] = [];
  const unknown: string[] = [];
  for (const key of [...new Set(keys)]) {
    if (key.startsWith('custom.')) {
      const def = active.find((d) => d.key === key.slice(7));
      if (def) columns.push({ key, header: fieldLabel(def, locale), value: (c) => customText(def, c.custom[def.key], locale) });
      else unknown.push(key);
    } else if ((EXPORT_COLUMNS as readonly string[]).includes(key)) {
      columns.push({ key, header: t(locale, `customerImport.fields.${key}`), value: builtIn(key as (typeof EXPORT_COLUMNS)[number], locale) });
    } else unknown.push(key);
  }
  return { columns, unknown };
}

function label(locale: Locale, field: string, code: string | null): string {
  return code ? t(locale, `customerImport.values.${field}.${code}`) : '';
}

const yesNo = (locale: Locale, v: boolean) => t(locale, `customerImport.values.boolean.${v ? 'yes' : 'no'}`);

function builtIn(key: (typeof EXPORT_COLUMNS)[number], locale: Locale): (c: CustomerView) => string {
  const text = (v: string | null | undefined) => v ?? '';
  const list = locale === 'en' ? ', ' : '、';
  switch (key) {
    case 'phone':
      return (c) => c.phones.map((p) => p.value).filter((v): v is string => !!v).join(', ');
    case 'region':
      return (c) => text(c.regionLabel);
    case 'registeredCapital':
      return (c) => (c.registeredCapitalFen === null ? '' : String(c.registeredCapitalFen / 100));
    case 'owner':
      return (c) => text(c.ownerName);
    case 'tags':
      return (c) => c.tags.join(list);
    case 'isInternal':
      return (c) => yesNo(locale, c.isInternal);
    case 'kind':
    case 'gender':
    case 'sourceChannel':
    case 'companySize':
    case 'lifecycleStatus':
    case 'classMarketing':
    case 'classManagement':
    case 'classProduct':
      return (c) => label(locale, key, c[key] as string | null);
    case 'createdAt':
    case 'updatedAt':
    case 'lastActivityAt':
      return (c) => formatTime(c[key]);
    default:
      return (c) => text(c[key] as string | null);
  }
}

function customText(def: CustomFieldDef, value: unknown, locale: Locale): string {
  if (value === null || value === undefined) return '';
  const optionLabel = (v: unknown) => {
    const o = def.options?.find((x) => x.value === v);
    return o ? (locale === 'en' ? o.labelEn || o.label : o.label) : String(v);
  };
  if (def.type === 'select') return optionLabel(value);
  if (def.type === 'multiselect' && Array.isArray(value)) return value.map(optionLabel).join(locale === 'en' ? ', ' : '、');
  if (def.type === 'boolean') return yesNo(locale, value === true);
  return String(value);
}
