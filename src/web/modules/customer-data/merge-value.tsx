import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PhoneValue } from './duplicate-types';
import { useCustomerLabels } from './merge-labels';

const ENUM_FIELDS = new Set(['kind', 'lifecycleStatus', 'gender', 'sourceChannel', 'companySize', 'classMarketing', 'classManagement', 'classProduct']);

export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;

/** One field's value in the merge preview, presented the way the customer card shows it. */
export function MergeValue({ field, value }: { field: string; value: unknown }) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  if (isEmptyValue(value)) return <Typography.Text type="secondary">—</Typography.Text>;

  if (field === 'phones' && Array.isArray(value)) {
    return (
      <Space orientation="vertical" size={0}>
        {(value as PhoneValue[]).map((p, i) => (
          <span key={i} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {p.value ?? '—'}
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
              {p.label || t(`customerData.phoneKind.${p.kind}`)}
            </Typography.Text>
          </span>
        ))}
      </Space>
    );
  }
  if (field === 'tags' && Array.isArray(value)) {
    return (
      <Space size={[0, 4]} wrap>
        {(value as string[]).map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </Space>
    );
  }
  if (field === 'owner' && typeof value === 'object') return <span>{(value as { name?: string | null }).name ?? '—'}</span>;
  if (field === 'registeredCapitalFen' && typeof value === 'number') return <span>{yuan(value)}</span>;
  if (typeof value === 'boolean') return <span>{value ? t('common.yes') : t('common.no')}</span>;
  if (ENUM_FIELDS.has(field) && typeof value === 'string') return <span>{labels.value(field, value)}</span>;
  if (field.startsWith('custom.')) {
    const list = Array.isArray(value) ? value : [value];
    return <span>{list.map((v) => (typeof v === 'string' ? labels.customOption(field, v) : String(v))).join('、')}</span>;
  }
  if (field === 'birthday' && typeof value === 'string') return <span>{value.slice(0, 10)}</span>;
  if (Array.isArray(value)) return <span>{value.map(String).join('、')}</span>;
  if (typeof value === 'object') return <span>{JSON.stringify(value)}</span>;
  return <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{String(value)}</span>;
}
