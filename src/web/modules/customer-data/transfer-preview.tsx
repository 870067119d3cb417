import { Alert, Card, Col, Empty, Row, Skeleton, Space, Statistic } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TransferPreview as TransferPreviewWire, TransferResult } from '../../../shared/customer-transfer';
import { UserStatusTag } from './transfer-user-select';

/** `GET /api/v1/customers/transfer-preview`: what the person holds, one count per participant. */
export type TransferPreviewData = TransferPreviewWire;

/** `POST /api/v1/customers/transfer`: totals and the per-recipient split. */
export type TransferResultData = TransferResult;

/** The label of a participant; one the catalogue does not know yet shows its key. */
export const participantLabel = (t: TFunction, name: string) => t(`customerPrivacy.participants.${name}`, { defaultValue: name });

export const totalOf = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** "12 customers, 3 open tickets" in the user's language. */
export const countsSummary = (t: TFunction, counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${participantLabel(t, k)} ${n}`)
    .join(t('customerPrivacy.listSeparator'));

type Props = { loading: boolean; error: Error | null; data: TransferPreviewData | undefined };

/** The counts of what a transfer would move, with the departing owner's account status. */
export function TransferPreview({ loading, error, data }: Props) {
  const { t } = useTranslation();
  if (loading) {
    return (
      <Card size="small" data-testid="transfer-preview">
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      </Card>
    );
  }
  if (error) return <Alert type="error" showIcon title={t('customerPrivacy.transfer.previewFailed', { message: error.message })} />;
  if (!data) {
    return (
      <Card size="small" data-testid="transfer-preview">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerPrivacy.transfer.pickFirst')} />
      </Card>
    );
  }
  const name = data.fromOwner.displayName;
  const empty = totalOf(data.counts) === 0;
  return (
    <Card
      size="small"
      data-testid="transfer-preview"
      title={
        <Space>
          <span>{t('customerPrivacy.transfer.previewTitle', { name })}</span>
          <UserStatusTag status={data.fromOwner.status} />
        </Space>
      }
    >
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerPrivacy.transfer.previewEmpty', { name })} />
      ) : (
        <Row gutter={[24, 12]}>
          {Object.entries(data.counts).map(([k, n]) => (
            <Col key={k} xs={12} sm={8}>
              <Statistic title={participantLabel(t, k)} value={n} data-testid={`transfer-count-${k}`} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
