import { HeartOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomerView } from '../../../shared/customers';
import { orEmpty, useChannelLabel } from './labels';

const KEYS = ['likes', 'habits', 'needs', 'contactTime', 'preferredChannel'] as const;

/** §2.4 喜好、习惯、需求: what the customer likes and how they want to be served. */
export function PreferencesCard({ customer }: { customer: CustomerView }) {
  const { t } = useTranslation();
  const channel = useChannelLabel();
  const p = customer.preferences ?? {};
  const empty = KEYS.every((k) => !p[k]);
  return (
    <Card size="small" title={<><HeartOutlined /> {t('customer360.preferences.title')}</>} data-testid="c360-preferences">
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer360.preferences.empty')} />
      ) : (
        <Descriptions
          size="small"
          column={1}
          styles={{ label: { width: 132, color: '#8c8c8c' } }}
          items={KEYS.map((k) => ({
            key: k,
            label: t(`customer360.preferences.${k}`),
            children: orEmpty(k === 'preferredChannel' ? channel(p[k]) : p[k] && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{p[k]}</Typography.Text>),
          }))}
        />
      )}
    </Card>
  );
}
