import { ArrowLeftOutlined, ExportOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Empty, Input, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import type { CustomerView } from '../../../shared/customers';
import { api, type Page } from '../../ui/api';
import { formatDate, formatDateTime } from '../../ui/format';
import { PageCard } from '../../ui/page-card';
import { ConsentsPanel } from './consents-panel';
import { PersonalDataActions } from './personal-data-actions';

const phonesOf = (c: CustomerView) => c.phones.map((p) => p.value).filter(Boolean).join(', ') || '—';

function AnonymizedTag({ at }: { at: string | null }) {
  const { t } = useTranslation();
  return at ? <Tag color="default">{t('customerPrivacy.request.anonymized')}</Tag> : null;
}

/** The chosen customer: who it is, the export and anonymize actions, and the consent records. */
function CustomerRequest({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const customer = useQuery({ queryKey: ['customer', id], queryFn: () => api<CustomerView>(`/customers/${id}`) });
  const c = customer.data;
  if (customer.isLoading) return <Skeleton active />;
  if (customer.error || !c) return <Alert type="error" showIcon title={customer.error?.message ?? ''} action={<Button onClick={onBack}>{t('customerPrivacy.request.change')}</Button>} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="privacy-customer">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
        <Space size={8} wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label={t('customerPrivacy.request.change')} data-testid="privacy-customer-back" />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {c.name}
          </Typography.Title>
          <AnonymizedTag at={c.anonymizedAt} />
          <Link to={`/customers/${c.id}`}>
            <ExportOutlined /> {t('customerPrivacy.request.open360')}
          </Link>
        </Space>
        <PersonalDataActions customerId={c.id} customerName={c.name} anonymizedAt={c.anonymizedAt} />
      </div>
      {c.anonymizedAt && <Alert type="info" showIcon title={t('customerPrivacy.request.anonymizedAt', { at: formatDateTime(c.anonymizedAt).slice(0, 16) })} />}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('customerPrivacy.request.phones')}>{phonesOf(c)}</Descriptions.Item>
        <Descriptions.Item label={t('customerPrivacy.request.email')}>{c.email ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('customerPrivacy.request.owner')}>{c.ownerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('customerPrivacy.request.lastActivity')}>{formatDate(c.lastActivityAt)}</Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('customerPrivacy.request.consentsTitle')}
        </Typography.Title>
        <ConsentsPanel customerId={c.id} canEdit={can('customers.update') && !c.anonymizedAt && !c.mergedIntoId} />
      </div>
    </Space>
  );
}

/** 个人信息请求 (§2.11): find the person, then export their data, anonymize them, or look at their consents. */
export function PersonalDataRequestCard() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const results = useQuery({
    queryKey: ['privacy-customer-search', q],
    enabled: !!q,
    queryFn: () => api<Page<CustomerView>>('/customers', { query: { q, limit: 10 } }),
  });

  const columns = [
    {
      title: t('customerPrivacy.retention.columns.name'),
      key: 'name',
      render: (_: unknown, c: CustomerView) => (
        <Space size={6}>
          <Typography.Text strong>{c.name}</Typography.Text>
          <AnonymizedTag at={c.anonymizedAt} />
        </Space>
      ),
    },
    { title: t('customerPrivacy.request.phones'), key: 'phones', render: (_: unknown, c: CustomerView) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{phonesOf(c)}</span> },
    { title: t('customerPrivacy.request.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '—' },
    { title: t('customerPrivacy.request.lastActivity'), dataIndex: 'lastActivityAt', render: (v: string | null) => formatDate(v) },
    {
      title: t('common.actions'),
      key: 'pick',
      width: 90,
      render: (_: unknown, c: CustomerView) => (
        <Button type="link" size="small" onClick={() => setPicked(c.id)} data-testid="privacy-pick">
          {t('customerPrivacy.request.pick')}
        </Button>
      ),
    },
  ];

  return (
    <PageCard title={<span data-testid="privacy-request-card">{t('customerPrivacy.request.title')}</span>} description={t('customerPrivacy.request.description')}>
      {picked ? (
        <CustomerRequest id={picked} onBack={() => setPicked(null)} />
      ) : (
        <>
          <Input.Search
            allowClear
            enterButton
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (!e.target.value) setQ('');
            }}
            onSearch={(v) => setQ(v.trim())}
            placeholder={t('customerPrivacy.request.searchPlaceholder')}
            style={{ maxWidth: 520, marginBottom: 16 }}
            loading={results.isFetching}
            data-testid="privacy-search"
          />
          {q ? (
            <Table<CustomerView>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={results.data?.items ?? []}
              loading={results.isFetching}
              pagination={false}
              onRow={(c) => ({ onDoubleClick: () => setPicked(c.id) })}
              locale={{ emptyText: results.isLoading ? ' ' : results.error ? <Typography.Text type="danger">{results.error.message}</Typography.Text> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerPrivacy.request.noMatch')} /> }}
              data-testid="privacy-search-results"
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerPrivacy.request.searchHint')} />
          )}
        </>
      )}
    </PageCard>
  );
}
