import { Alert, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RetentionDryRun } from '../../../shared/customer-privacy';
import { formatDate } from '../../ui/format';

/** `POST /api/v1/customer-retention/dry-run`: how many customers a run would anonymize, with a sample. */
export type RetentionDryRunData = RetentionDryRun;

type Row = RetentionDryRunData['sample'][number];

/** The answer of a dry run: the count in words, then the oldest customers it would take. */
export function RetentionDryRunResult({ data }: { data: RetentionDryRunData }) {
  const { t } = useTranslation();
  const none = data.count === 0;
  const columns = [
    { title: t('customerPrivacy.retention.columns.name'), dataIndex: 'name', render: (v: string, r: Row) => <Link to={`/customers/${r.id}`}>{v}</Link> },
    { title: t('customerPrivacy.request.phones'), dataIndex: 'phone', render: (v: string | null) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v ?? '—'}</span> },
    { title: t('customerPrivacy.retention.columns.lastActivity'), dataIndex: 'lastActivityAt', render: (v: string) => formatDate(v) },
  ];
  return (
    <div data-testid="retention-dry-run">
      <Alert
        type={none ? 'success' : 'warning'}
        showIcon
        title={none ? t('customerPrivacy.retention.dryRunNone', { years: data.inactiveYears }) : t('customerPrivacy.retention.dryRunTitle', { years: data.inactiveYears, count: data.count })}
        description={t('customerPrivacy.retention.cutoff', { date: formatDate(data.cutoff) })}
        style={{ marginBottom: none ? 0 : 12 }}
      />
      {!none && (
        <>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            {t('customerPrivacy.retention.sampleNote', { shown: data.sample.length })}
          </Typography.Text>
          <Table<Row> rowKey="id" size="small" pagination={false} columns={columns} dataSource={data.sample} scroll={{ y: 320 }} data-testid="retention-sample" />
        </>
      )}
    </div>
  );
}
