import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldLabel, type CustomFieldDef } from '../../../shared/custom-fields';
import { api, type Page } from '../../ui/api';

/** Active and inactive custom field definitions of customers (labels for merge rows and import targets). */
export function useCustomerFieldDefs() {
  return useQuery({
    queryKey: ['customerData', 'customFieldDefs'],
    queryFn: async () => {
      const res = await api<Page<CustomFieldDef> | CustomFieldDef[]>('/custom-fields', { query: { entity: 'customer' } });
      return Array.isArray(res) ? res : res.items;
    },
    staleTime: 60_000,
  });
}

/**
 * Labels of customer fields and enum values. The customer register's catalogue (`customers.*`)
 * is used where it has the key, so a field reads the same on every page; ours is the fallback.
 */
export function useCustomerLabels() {
  const { t, i18n } = useTranslation();
  const defs = useCustomerFieldDefs();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const shared = (sharedKey: string, ownKey: string) => (i18n.exists(sharedKey) ? t(sharedKey) : i18n.exists(ownKey) ? t(ownKey) : null);

  const field = (name: string): string => {
    if (name.startsWith('custom.')) {
      const key = name.slice(7);
      const def = defs.data?.find((d) => d.key === key);
      return def ? fieldLabel(def, locale) : key;
    }
    if (name.startsWith('preferences.')) {
      const key = name.slice(12);
      return i18n.exists(`customerData.preferences.${key}`) ? t(`customerData.preferences.${key}`) : key;
    }
    return shared(`customers.fields.${name}`, `customerData.fields.${name}`) ?? name;
  };

  /** An enum value (kind, lifecycleStatus, gender, sourceChannel, companySize, class*) as a label. */
  const value = (name: string, v: string): string => {
    if (name === 'kind') return shared(`customers.kind.${v}`, `customerData.values.kind.${v}`) ?? v;
    if (name === 'lifecycleStatus') return shared(`customers.status.${v}`, `customerData.values.lifecycleStatus.${v}`) ?? v;
    return i18n.exists(`customerData.values.${name}.${v}`) ? t(`customerData.values.${name}.${v}`) : v;
  };

  const customOption = (name: string, v: string): string => {
    const def = defs.data?.find((d) => d.key === name.slice(7));
    const opt = def?.options?.find((o) => o.value === v);
    return opt ? (locale === 'en' ? opt.labelEn || opt.label : opt.label) || v : v;
  };

  return { field, value, customOption, reason: (r: string) => t(`customerData.reasons.${r}`), defs: defs.data ?? [] };
}
