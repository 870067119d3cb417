import type { TFunction } from 'i18next';
import type { LifecycleStatus } from '../../../shared/customers';

/**
 * Labels and colours of the customer enums, for every page that shows a customer. The texts live
 * in the `customers` i18n catalogue: customers.kind.*, customers.status.*, customers.classMarketing.*,
 * customers.classManagement.*, customers.classProduct.*, customers.sourceChannel.*,
 * customers.companySize.*, customers.gender.*, customers.contactRole.*, customers.fields.*.
 */

/** Lifecycle colours: grey → blue → green for the good path, orange/red for trouble, purple for won back. */
export const STATUS_COLORS: Record<LifecycleStatus, string> = {
  potential: 'default',
  new: 'blue',
  active: 'green',
  at_risk: 'orange',
  churned: 'red',
  won_back: 'purple',
};

export type EnumGroup =
  | 'kind'
  | 'status'
  | 'classMarketing'
  | 'classManagement'
  | 'classProduct'
  | 'sourceChannel'
  | 'companySize'
  | 'gender'
  | 'contactRole'
  | 'preferredChannel'
  | 'duplicateReason';

/** The label of one enum value; values the catalogue does not know (older data, imports) show as they are. */
export function enumLabel(t: TFunction, group: EnumGroup, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return t(`customers.${group}.${value}`, { defaultValue: value });
}

/** Select options for an enum, labelled in the user's language. */
export function enumOptions(t: TFunction, group: EnumGroup, values: readonly string[]) {
  return values.map((value) => ({ value, label: enumLabel(t, group, value) }));
}

/** How a customer prefers to be contacted (stored as a code; free text from imports shows as is). */
export const PREFERRED_CHANNELS = ['phone', 'sms', 'wechat', 'email', 'visit', 'online'] as const;

/** 1234567 fen → "12,345.67" (元). */
export function formatYuan(fen: number | null | undefined, locale = 'zh-CN'): string {
  if (fen === null || fen === undefined) return '—';
  return (fen / 100).toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
