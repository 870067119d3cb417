import { Card, Descriptions, Space, Typography, type DescriptionsProps } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel, type CustomFieldDef } from '../../../shared/custom-fields';
import type { CustomerView } from '../../../shared/customers';
import { RevealButton } from '../../ui/reveal-button';
import { formatFen } from './money';
import { formatMinute, Muted, orEmpty, StatusTag } from './labels';
import { useCustomerFieldDefs } from './queries';
import { enumLabel, type EnumGroup } from '../customers/customer-labels';

type Item = NonNullable<DescriptionsProps['items']>[number];

/** A personal-data value as the viewer may see it: masked with the reveal eye, or withheld. */
function Protected({ customer, field, children }: { customer: CustomerView; field: 'phone' | 'email' | 'address' | 'id_number'; children: ReactNode }) {
  const { t } = useTranslation();
  if (customer.hiddenFields.includes(field)) return <Muted>{t('customer360.info.hidden')}</Muted>;
  return (
    <Space size={0} wrap>
      <span style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`c360-${field}`}>
        {orEmpty(children)}
      </span>
      {customer.maskedFields.includes(field) && <RevealButton entity="customer" id={customer.id} field={field} subject={customer.name} />}
    </Space>
  );
}

function Section({ title, items, testId }: { title: string; items: Item[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <Descriptions
      size="small"
      column={1}
      title={<Typography.Text strong style={{ fontSize: 14 }}>{title}</Typography.Text>}
      items={items}
      styles={{ label: { width: 132, color: '#8c8c8c' } }}
      style={{ marginBottom: 16 }}
      data-testid={testId}
    />
  );
}

/** A custom value in words: option labels in the user's language, yes/no, dates as days. */
function customValueText(def: CustomFieldDef, value: unknown, locale: 'zh-CN' | 'en', yesNo: (b: boolean) => string): string | null {
  if (value === null || value === undefined || value === '') return null;
  const option = (v: unknown) => {
    const o = def.options?.find((x) => x.value === v);
    return o ? (locale === 'en' ? o.labelEn || o.label : o.label) || o.value : String(v);
  };
  switch (def.type) {
    case 'boolean':
      return yesNo(Boolean(value));
    case 'select':
      return option(value);
    case 'multiselect':
      return Array.isArray(value) && value.length > 0 ? value.map(option).join('、') : null;
    case 'date':
      return dayjs(String(value)).isValid() ? dayjs(String(value)).format('YYYY-MM-DD') : String(value);
    case 'number':
      return typeof value === 'number' ? value.toLocaleString('zh-CN') : String(value);
    default:
      return String(value);
  }
}

/**
 * 客户资料卡 (§2.1) grouped as the seeds' card: basic information, contact information (masked
 * values with "reveal"), company information for organizations, classifications, source and
 * ownership, custom fields and the remark.
 */
export function InfoCard({ customer: c }: { customer: CustomerView }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const defs = useCustomerFieldDefs();
  const org = c.kind === 'organization';
  const f = (key: string) => t(`customer360.fields.${key}`);
  const item = (key: string, children: ReactNode): Item => ({ key, label: f(key), children: orEmpty(children) });
  const label = (group: EnumGroup, v: string | null) => enumLabel(t, group, v) || null;

  const basic: Item[] = [
    item('name', c.name),
    item('nameEn', c.nameEn),
    item('kind', enumLabel(t, 'kind', c.kind)),
    ...(org
      ? []
      : [
          item('gender', label('gender', c.gender)),
          item('birthday', c.birthday),
          item('company', c.company),
          item('jobTitle', c.jobTitle),
        ]),
    ...(!org || c.idNumber || c.hiddenFields.includes('id_number')
      ? [{ key: 'idNumber', label: f('idNumber'), children: <Protected customer={c} field="id_number">{c.idNumber}</Protected> }]
      : []),
  ];

  const phones =
    c.phones.length === 0 && !c.hiddenFields.includes('phone') ? null : (
      <Space orientation="vertical" size={2}>
        {c.phones.map((p, i) => (
          <span key={i} style={{ whiteSpace: 'nowrap' }}>
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>{p.value ?? t('customer360.info.hidden')}</span>{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.kind === 'mobile' ? t('customer360.info.mobile') : t('customer360.info.landline')}
              {p.label && ` · ${p.label}`}
            </Typography.Text>
          </span>
        ))}
      </Space>
    );
  const contact: Item[] = [
    {
      key: 'phones',
      label: f('phones'),
      children: (
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', columnGap: 4 }}>
          <span data-testid="c360-phone">{orEmpty(phones)}</span>
          {c.maskedFields.includes('phone') && <RevealButton entity="customer" id={c.id} field="phone" subject={c.name} />}
        </div>
      ),
    },
    { key: 'email', label: f('email'), children: <Protected customer={c} field="email">{c.email}</Protected> },
    item('wechat', c.wechat),
    item('region', c.regionLabel),
    { key: 'address', label: f('address'), children: <Protected customer={c} field="address">{c.address}</Protected> },
  ];

  const company: Item[] = org
    ? [
        item('creditCode', c.creditCode && <span style={{ fontVariantNumeric: 'tabular-nums' }}>{c.creditCode}</span>),
        item('industry', c.industry),
        item('companySize', label('companySize', c.companySize)),
        item('legalRep', c.legalRep),
        item('registeredCapital', c.registeredCapitalFen === null ? null : formatFen(c.registeredCapitalFen)),
      ]
    : [];

  const classes: Item[] = [
    item('classMarketing', label('classMarketing', c.classMarketing)),
    item('classManagement', label('classManagement', c.classManagement)),
    item('classProduct', label('classProduct', c.classProduct)),
    item('internal', c.isInternal ? t('customer360.info.internal') : t('customer360.info.external')),
  ];

  const source: Item[] = [
    item('sourceChannel', label('sourceChannel', c.sourceChannel)),
    item('owner', c.ownerName),
    item('lifecycleStatus', <StatusTag status={c.lifecycleStatus} />),
    item('createdAt', formatMinute(c.createdAt)),
    item('updatedAt', formatMinute(c.updatedAt)),
  ];

  const activeDefs = (defs.data ?? []).filter((d) => d.active !== false || c.custom[d.key] !== undefined);
  const custom: Item[] = activeDefs.map((d) => ({
    key: `custom.${d.key}`,
    label: fieldLabel(d, locale),
    children: orEmpty(customValueText(d, c.custom[d.key], locale, (b) => (b ? t('customer360.info.yes') : t('customer360.info.no')))),
  }));

  return (
    <Card title={t('customer360.info.title')} size="small" data-testid="c360-info-card" styles={{ body: { paddingBottom: 4 } }}>
      <Section title={t('customer360.info.basic')} items={basic} testId="c360-info-basic" />
      <Section title={t('customer360.info.contact')} items={contact} testId="c360-info-contact" />
      <Section title={t('customer360.info.company')} items={company} testId="c360-info-company" />
      <Section title={t('customer360.info.classes')} items={classes} testId="c360-info-classes" />
      <Section title={t('customer360.info.source')} items={source} testId="c360-info-source" />
      <Section title={t('customer360.info.custom')} items={custom} testId="c360-info-custom" />
      {c.remark && (
        <Section
          title={t('customer360.info.remark')}
          items={[{ key: 'remark', children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.remark}</Typography.Paragraph> }]}
          testId="c360-info-remark"
        />
      )}
    </Card>
  );
}
