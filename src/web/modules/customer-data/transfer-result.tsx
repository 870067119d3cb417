import { Button, Result, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { countsSummary, participantLabel, totalOf, type TransferResultData } from './transfer-preview';

type Row = TransferResultData['recipients'][number];

/** What a transfer moved: totals, then one row per recipient with what each received. */
export function TransferResult({ result, fromName, onAgain }: { result: TransferResultData; fromName: string; onAgain: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const names = Object.keys(result.counts);
  const columns = [
    { title: t('customerPrivacy.transfer.recipient'), dataIndex: 'displayName', key: 'name' },
    ...names.map((k) => ({
      title: participantLabel(t, k),
      key: k,
      align: 'right' as const,
      render: (_: unknown, r: Row) => r.counts[k] ?? 0,
    })),
  ];
  return (
    <div data-testid="transfer-result">
      <Result
        status="success"
        title={t('customerPrivacy.transfer.resultTitle', { from: fromName })}
        subTitle={t('customerPrivacy.transfer.resultSub', { total: totalOf(result.counts), summary: countsSummary(t, result.counts) || '—' })}
        extra={[
          <Button key="again" type="primary" onClick={onAgain} data-testid="transfer-again">
            {t('customerPrivacy.transfer.again')}
          </Button>,
          <Button key="customers" onClick={() => navigate('/customers')}>
            {t('customerPrivacy.transfer.viewCustomers')}
          </Button>,
        ]}
        style={{ paddingBottom: 8 }}
      />
      <Table<Row>
        rowKey="userId"
        size="small"
        bordered
        pagination={false}
        columns={columns}
        dataSource={result.recipients}
        style={{ maxWidth: 720, margin: '0 auto' }}
        data-testid="transfer-split"
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('customerPrivacy.transfer.total')}</Typography.Text>
            </Table.Summary.Cell>
            {names.map((k, i) => (
              <Table.Summary.Cell key={k} index={i + 1} align="right">
                <Typography.Text strong>{result.counts[k]}</Typography.Text>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
    </div>
  );
}
