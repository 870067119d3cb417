import { BankOutlined, UserOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography, type TableColumnType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { fieldLabel } from '../../../shared/custom-fields';
import { VIEW_COLUMNS } from '../../../shared/customers';
import { formatDate, formatDateTime } from '../../ui/format';
import { RevealButton } from '../../ui/reveal-button';
import { enumLabel } from './customer-labels';
import { KindTag, LifecycleTag } from './customer-tags';
import type { CustomerFieldDef, CustomerView } from './customer-types';

export type ColumnKey = (typeof VIEW_COLUMNS)[number] | `custom.${string}`;

/** What the register shows when no view says otherwise. */
export const DEFAULT_COLUMNS: ColumnKey[] = ['name', 'phone', 'lifecycleStatus', 'owner', 'tags', 'region', 'sourceChannel', 'updatedAt'];

/** Columns that stay: a row needs something to click. */
export const FIXED_COLUMNS: ColumnKey[] = ['name'];

/** Column header (also the chooser's label) of a built-in or custom column. */
export function columnTitle(t: TFunction, key: ColumnKey, defs: CustomerFieldDef[], locale: 'zh-CN' | 'en'): string {
  if (key.startsWith('custom.')) {
    const def = defs.find((d) => d.key === key.slice(7));
    return def ? fieldLabel(def, locale) : key.slice(7);
  }
  return t(`customers.columns.${key}`);
}

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const when = (v: string | null) => (v ? <Tooltip title={formatDateTime(v)}>{formatDateTime(v).slice(0, 16)}</Tooltip> : dash);

function customValue(t: TFunction, def: CustomerFieldDef | undefined, value: unknown, locale: 'zh-CN' | 'en') {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return dash;
  const option = (v: unknown) => {
    const o = def?.options?.find((x) => x.value === v);
    return o ? (locale === 'en' ? o.labelEn || o.label : o.label) : String(v);
  };
  if (def?.type === 'boolean') return value ? t('common.yes') : t('common.no');
  if (def?.type === 'select') return option(value);
  if (def?.type === 'multiselect' && Array.isArray(value)) return value.map(option).join(t('customers.listSeparator'));
  return String(value);
}

/** One table column of the register. */
export function buildColumn(t: TFunction, key: ColumnKey, defs: CustomerFieldDef[], locale: 'zh-CN' | 'en'): TableColumnType<CustomerView> {
  const title = columnTitle(t, key, defs, locale);
  const base = { key, title, onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }), onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) };
  switch (key) {
    case 'name':
      return {
        ...base,
        fixed: 'left',
        render: (_: unknown, c: CustomerView) => (
          <Space size={8} align="start">
            {c.kind === 'organization' ? <BankOutlined style={{ color: '#8c8c8c', marginTop: 4 }} /> : <UserOutlined style={{ color: '#8c8c8c', marginTop: 4 }} />}
            <Space orientation="vertical" size={0}>
              <Space size={4}>
                <Link to={`/customers/${c.id}`} data-testid="customer-link">
                  <Typography.Text strong style={{ color: 'inherit' }}>
                    {c.name}
                  </Typography.Text>
                </Link>
                {c.isInternal && (
                  <Tag bordered={false} color="cyan" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '18px' }}>
                    {t('customers.internal')}
                  </Tag>
                )}
              </Space>
              {(c.nameEn || c.company) && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.kind === 'individual' ? [c.nameEn, c.company].filter(Boolean).join(' · ') : c.nameEn}
                </Typography.Text>
              )}
            </Space>
          </Space>
        ),
      };
    case 'kind':
      return { ...base, render: (_: unknown, c: CustomerView) => <KindTag kind={c.kind} /> };
    case 'phone':
      return {
        ...base,
        render: (_: unknown, c: CustomerView) => {
          if (c.phones.length === 0) return dash;
          const first = c.phones[0];
          return (
            <Space size={0}>
              <Tooltip title={c.phones.length > 1 ? c.phones.map((p) => `${p.label ? `${p.label}：` : ''}${p.value ?? t('customers.hiddenValue')}`).join('\n') : undefined}>
                <span data-testid="customer-phone" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                  {first.value ?? t('customers.hiddenValue')}
                  {c.phones.length > 1 && <Typography.Text type="secondary"> +{c.phones.length - 1}</Typography.Text>}
                </span>
              </Tooltip>
              {c.maskedFields.includes('phone') && <RevealButton entity="customer" id={c.id} field="phone" subject={c.name} />}
            </Space>
          );
        },
      };
    case 'email':
      return {
        ...base,
        render: (_: unknown, c: CustomerView) =>
          c.email ? (
            <Space size={0}>
              <span>{c.email}</span>
              {c.maskedFields.includes('email') && <RevealButton entity="customer" id={c.id} field="email" subject={c.name} />}
            </Space>
          ) : c.hiddenFields.includes('email') ? (
            <Typography.Text type="secondary">{t('customers.hiddenValue')}</Typography.Text>
          ) : (
            dash
          ),
      };
    case 'lifecycleStatus':
      return { ...base, render: (_: unknown, c: CustomerView) => <LifecycleTag status={c.lifecycleStatus} /> };
    case 'owner':
      return {
        ...base,
        render: (_: unknown, c: CustomerView) => c.ownerName ?? <Typography.Text type="secondary">{t('customers.unassigned')}</Typography.Text>,
      };
    case 'tags':
      return {
        ...base,
        render: (_: unknown, c: CustomerView) =>
          c.tags.length === 0 ? (
            dash
          ) : (
            <Tooltip title={c.tags.length > 3 ? c.tags.join(t('customers.listSeparator')) : undefined}>
              <Space size={4}>
                {c.tags.slice(0, 3).map((tag) => (
                  <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                    {tag}
                  </Tag>
                ))}
                {c.tags.length > 3 && <Typography.Text type="secondary">+{c.tags.length - 3}</Typography.Text>}
              </Space>
            </Tooltip>
          ),
      };
    case 'region':
      return { ...base, render: (_: unknown, c: CustomerView) => c.regionLabel || dash };
    case 'company':
      return { ...base, width: 180, ellipsis: true, render: (_: unknown, c: CustomerView) => c.company || dash };
    case 'industry':
      return { ...base, render: (_: unknown, c: CustomerView) => c.industry || dash };
    case 'sourceChannel':
      return { ...base, render: (_: unknown, c: CustomerView) => enumLabel(t, 'sourceChannel', c.sourceChannel) || dash };
    case 'classManagement':
      return { ...base, render: (_: unknown, c: CustomerView) => enumLabel(t, 'classManagement', c.classManagement) || dash };
    case 'createdAt':
      return { ...base, render: (_: unknown, c: CustomerView) => when(c.createdAt) };
    case 'updatedAt':
      return { ...base, render: (_: unknown, c: CustomerView) => when(c.updatedAt) };
    case 'lastActivityAt':
      return {
        ...base,
        render: (_: unknown, c: CustomerView) => (c.lastActivityAt ? when(c.lastActivityAt) : <Typography.Text type="secondary">{t('customers.noActivity')}</Typography.Text>),
      };
    default: {
      const def = defs.find((d) => d.key === key.slice(7));
      return {
        ...base,
        width: 140,
        ellipsis: true,
        render: (_: unknown, c: CustomerView) => (def?.type === 'date' && typeof c.custom[def.key] === 'string' ? formatDate(c.custom[def.key] as string) : customValue(t, def, c.custom[key.slice(7)], locale)),
      };
    }
  }
}
