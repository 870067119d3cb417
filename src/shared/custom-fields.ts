/**
 * Custom fields (§1.5): definitions and the one validator every module uses for a record's
 * custom values, on the server and in web forms. Pure, no I/O.
 */
import { isValidDate } from './business-time.js';

export const CUSTOM_FIELD_ENTITIES = ['customer', 'contact', 'ticket'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'select', 'multiselect', 'boolean'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const CUSTOM_TEXT_MAX = 2000;

export type CustomFieldOption = { value: string; label: string; labelEn?: string | null };
export type CustomFieldDef = {
  key: string;
  label: string;
  labelEn?: string | null;
  type: CustomFieldType;
  options?: readonly CustomFieldOption[];
  required?: boolean;
  active?: boolean;
};

export type CustomValue = string | number | boolean | string[] | null;
export type CustomValueErrorCode = 'unknown_field' | 'inactive_field' | 'required' | 'type' | 'too_long' | 'invalid_date' | 'invalid_option' | 'duplicate_option';
export type CustomValueError = { key: string; code: CustomValueErrorCode; message: string };
export type CustomValuesResult = { ok: boolean; errors: CustomValueError[]; values: Record<string, CustomValue> };

type Locale = 'zh-CN' | 'en';

const MESSAGES: Record<Locale, Record<CustomValueErrorCode, string>> = {
  'zh-CN': {
    unknown_field: '未定义的自定义字段“{field}”',
    inactive_field: '自定义字段“{field}”已停用，不能填写',
    required: '“{field}”为必填项',
    type: '“{field}”应为{type}',
    too_long: '“{field}”不能超过 {max} 个字符',
    invalid_date: '“{field}”不是有效日期（格式 YYYY-MM-DD）',
    invalid_option: '“{field}”的选项“{value}”不存在',
    duplicate_option: '“{field}”的选项“{value}”重复',
  },
  en: {
    unknown_field: 'Unknown custom field "{field}"',
    inactive_field: 'Custom field "{field}" is inactive and cannot be set',
    required: '"{field}" is required',
    type: '"{field}" must be {type}',
    too_long: '"{field}" must be at most {max} characters',
    invalid_date: '"{field}" is not a valid date (YYYY-MM-DD)',
    invalid_option: '"{field}" has no option "{value}"',
    duplicate_option: '"{field}" lists option "{value}" twice',
  },
};

const TYPE_NAMES: Record<Locale, Record<CustomFieldType, string>> = {
  'zh-CN': { text: '文本', number: '数字', date: '日期', select: '单个选项', multiselect: '选项列表', boolean: '是/否' },
  en: { text: 'text', number: 'a number', date: 'a date', select: 'one option', multiselect: 'a list of options', boolean: 'true or false' },
};

/** The label of a field in the given language (English falls back to the Chinese label). */
export function fieldLabel(def: Pick<CustomFieldDef, 'label' | 'labelEn' | 'key'>, locale: Locale): string {
  return (locale === 'en' ? def.labelEn || def.label : def.label) || def.key;
}

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Validates a record's custom values against the definitions of its entity. Returns the
 * normalized values (trimmed text, numbers parsed from numeric strings, empty → null) and one
 * error per offending field. With `partial` (an update), absent required fields are not errors;
 * a value explicitly cleared still is.
 */
export function validateCustomValues(
  defs: readonly CustomFieldDef[],
  values: Readonly<Record<string, unknown>> | null | undefined,
  locale: Locale = 'zh-CN',
  opts: { partial?: boolean } = {},
): CustomValuesResult {
  const input = values ?? {};
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const errors: CustomValueError[] = [];
  const out: Record<string, CustomValue> = {};
  const fail = (key: string, code: CustomValueErrorCode, params: Record<string, unknown> = {}) => {
    const def = byKey.get(key);
    const field = def ? fieldLabel(def, locale) : key;
    const message = MESSAGES[locale][code].replace(/\{(\w+)\}/g, (_, n: string) => String(n === 'field' ? field : params[n] ?? ''));
    errors.push({ key, code, message });
  };

  for (const key of Object.keys(input)) {
    const def = byKey.get(key);
    if (!def) fail(key, 'unknown_field');
  }

  for (const def of defs) {
    const present = Object.prototype.hasOwnProperty.call(input, def.key);
    const raw = present ? input[def.key] : undefined;
    if (def.active === false) {
      if (raw !== undefined && raw !== null) fail(def.key, 'inactive_field');
      continue;
    }
    const parsed = present ? normalize(def, raw, fail, locale) : undefined;
    if (parsed === INVALID) continue;
    const empty = parsed === undefined || parsed === null;
    if (def.required && empty && (present || !opts.partial)) {
      fail(def.key, 'required');
      continue;
    }
    if (present) out[def.key] = parsed ?? null;
  }
  return { ok: errors.length === 0, errors, values: out };
}

const INVALID = Symbol('invalid');

function normalize(
  def: CustomFieldDef,
  raw: unknown,
  fail: (key: string, code: CustomValueErrorCode, params?: Record<string, unknown>) => void,
  locale: Locale,
): CustomValue | undefined | typeof INVALID {
  if (raw === null || raw === undefined) return null;
  const typeError = (): typeof INVALID => {
    fail(def.key, 'type', { type: TYPE_NAMES[locale][def.type] });
    return INVALID;
  };
  const options = new Set((def.options ?? []).map((o) => o.value));
  switch (def.type) {
    case 'text': {
      if (typeof raw !== 'string') return typeError();
      const text = raw.trim();
      if (text.length > CUSTOM_TEXT_MAX) {
        fail(def.key, 'too_long', { max: CUSTOM_TEXT_MAX });
        return INVALID;
      }
      return text === '' ? null : text;
    }
    case 'number': {
      if (typeof raw === 'number') return Number.isFinite(raw) ? raw : typeError();
      // imports and plain HTML inputs send numbers as text
      if (typeof raw === 'string') {
        const s = raw.trim();
        if (s === '') return null;
        return NUMERIC.test(s) && Number.isFinite(Number(s)) ? Number(s) : typeError();
      }
      return typeError();
    }
    case 'date': {
      if (typeof raw !== 'string') return typeError();
      if (raw.trim() === '') return null;
      if (!isValidDate(raw.trim())) {
        fail(def.key, 'invalid_date');
        return INVALID;
      }
      return raw.trim();
    }
    case 'boolean':
      return typeof raw === 'boolean' ? raw : typeError();
    case 'select': {
      if (typeof raw !== 'string') return typeError();
      if (raw === '') return null;
      if (!options.has(raw)) {
        fail(def.key, 'invalid_option', { value: raw });
        return INVALID;
      }
      return raw;
    }
    case 'multiselect': {
      if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) return typeError();
      const seen = new Set<string>();
      for (const v of raw as string[]) {
        if (!options.has(v)) {
          fail(def.key, 'invalid_option', { value: v });
          return INVALID;
        }
        if (seen.has(v)) {
          fail(def.key, 'duplicate_option', { value: v });
          return INVALID;
        }
        seen.add(v);
      }
      return raw.length === 0 ? null : [...(raw as string[])];
    }
  }
}
