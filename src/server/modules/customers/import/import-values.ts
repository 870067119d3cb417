import {
  CLASS_MANAGEMENT,
  CLASS_MARKETING,
  CLASS_PRODUCT,
  COMPANY_SIZES,
  CUSTOMER_KINDS,
  GENDERS,
  LIFECYCLE_STATUSES,
  SOURCE_CHANNELS,
} from '../../../../shared/customers.js';
import { cleanText } from '../../../../shared/text-clean.js';
import { type Locale, t } from '../../../platform/i18n.js';

/**
 * Reading the values people type into a spreadsheet: enum labels in Chinese or English (or
 * the code itself), dates in the usual Chinese spellings, amounts with 万/元 and separators,
 * yes/no, lists split on the separators Chinese text uses. Pure: no I/O, no clock.
 */

export const ENUMS = {
  kind: CUSTOMER_KINDS,
  gender: GENDERS,
  lifecycleStatus: LIFECYCLE_STATUSES,
  sourceChannel: SOURCE_CHANNELS,
  companySize: COMPANY_SIZES,
  classMarketing: CLASS_MARKETING,
  classManagement: CLASS_MANAGEMENT,
  classProduct: CLASS_PRODUCT,
} as const;
export type EnumField = keyof typeof ENUMS;

// Spellings beyond the catalogue labels, as found in real customer lists.
const EXTRA: Partial<Record<EnumField, Record<string, string[]>>> = {
  kind: {
    individual: ['自然人', '个人客户', '个体', '人', 'person', 'personal', 'p'],
    organization: ['单位', '公司', '组织', '机构', '企业客户', '单位客户', '公司客户', '政府', 'company', 'org', 'business', 'enterprise', 'b'],
  },
  gender: { male: ['男性', '先生', 'm', 'man'], female: ['女性', '女士', 'f', 'woman'] },
  lifecycleStatus: {
    potential: ['潜在客户', '意向', '意向客户', 'prospect', 'lead'],
    new: ['新', '新增', '新增客户'],
    active: ['现实客户', '活跃', '活跃客户', '正式客户', '成交客户', '成交'],
    at_risk: ['风险客户', '有风险', 'atrisk', 'risk'],
    churned: ['流失客户', '已流失', 'lost', 'churn'],
    won_back: ['挽回客户', '已挽回', 'wonback', 'recovered'],
  },
  sourceChannel: {
    phone: ['电话咨询', '来电', '电话营销'],
    web: ['官网', '网络', '网页', '线上', 'website', 'online', 'internet'],
    wechat: ['微信公众号', '公众号', '小程序'],
    email: ['电子邮件', '邮箱', 'e-mail', 'mail'],
    walk_in: ['到店', '来访', '门店', 'walkin', 'visit'],
    referral: ['介绍', '推荐', '老客户介绍', '客户推荐'],
    exhibition: ['会展', '展销会', 'fair', 'tradeshow'],
    sales: ['销售开发', '地推', '陌拜', '销售拜访'],
    import: ['批量导入'],
    other: ['其它', '未知'],
  },
  companySize: { micro: ['微型企业'], small: ['小型企业', '小微'], medium: ['中型企业'], large: ['大型企业'] },
};

const fold = (s: string) => cleanText(s).toLowerCase().replace(/[\s_-]+/g, '');

const indexes = new Map<EnumField, Map<string, string>>();

function enumIndex(field: EnumField): Map<string, string> {
  let index = indexes.get(field);
  if (index) return index;
  index = new Map();
  for (const code of ENUMS[field]) {
    const spellings = [code, ...(['zh-CN', 'en'] as Locale[]).map((l) => t(l, `customerImport.values.${field}.${code}`)), ...(EXTRA[field]?.[code] ?? [])];
    for (const s of spellings) if (!index.has(fold(s))) index.set(fold(s), code);
  }
  indexes.set(field, index);
  return index;
}

/** The code of an enum value written as its code, a Chinese or English label or a common synonym; null when unknown. */
export function parseEnum(field: EnumField, text: string): string | null {
  return enumIndex(field).get(fold(text)) ?? null;
}

/** The labels people may write, for the "allowed: …" part of a message. */
export function enumLabels(field: EnumField, locale: Locale): string {
  return ENUMS[field].map((code) => t(locale, `customerImport.values.${field}.${code}`)).join(locale === 'en' ? ', ' : '、');
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '对', '√', '✓']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '不是', '×', '✗']);

/** 是/否, yes/no, true/false, 1/0; null when it is neither. */
export function parseBoolean(text: string): boolean | null {
  const v = fold(text);
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * A calendar day as `YYYY-MM-DD`: 2024-01-31, 2024/1/31, 2024.1.31, 2024年1月31日, 20240131,
 * also with a time after it (an Excel date-time cell). Null when it is not a real date.
 */
export function parseDay(text: string): string | null {
  const v = cleanText(text);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * An amount in yuan as integer fen: `1,000,000`, `100万`, `100 万元`, `¥5000.50`. A header saying
 * 万元 multiplies by 10,000 (`inWan`). Null when it is not a non-negative amount.
 */
export function parseAmountFen(text: string, inWan = false): number | null {
  let v = cleanText(text).replace(/[,，\s¥￥]|人民币|rmb|cny/gi, '');
  let factor = inWan ? 10_000 : 1;
  if (/万元?$/.test(v)) {
    factor = 10_000;
    v = v.replace(/万元?$/, '');
  } else if (/亿元?$/.test(v)) {
    factor = 100_000_000;
    v = v.replace(/亿元?$/, '');
  } else v = v.replace(/元$/, '');
  if (!/^\d+(?:\.\d+)?$/.test(v)) return null;
  const fen = Math.round(Number(v) * factor * 100);
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Items of a list cell: split on , ， 、 ; ； and line breaks; empty items dropped, repeats removed. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\n\r|]+/).map((s) => cleanText(s)).filter((s) => s !== ''))];
}

/** Phone numbers in one cell: like splitList, plus `/` and runs of spaces between complete numbers. */
export function splitPhones(text: string): string[] {
  return splitList(text.replace(/[/／]/g, ','));
}
