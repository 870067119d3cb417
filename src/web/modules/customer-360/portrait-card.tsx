import { QuestionCircleOutlined, RadarChartOutlined } from '@ant-design/icons';
import { Card, Col, Divider, Row, Space, Statistic, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from './money';
import { useChannelLabel } from './labels';
import type { Portrait } from './types';

function Metric({ title, hint, value, testId }: { title: string; hint: string; value: ReactNode; testId: string }) {
  return (
    <Statistic
      title={
        <Space size={4}>
          {title}
          <Tooltip title={hint}>
            <QuestionCircleOutlined style={{ fontSize: 12 }} />
          </Tooltip>
        </Space>
      }
      valueRender={() => value}
      styles={{ content: { fontSize: 18, fontWeight: 600 } }}
      data-testid={testId}
    />
  );
}

/**
 * 客户画像 (§2.10). Value, frequency and recency come from the file today; tier, RFM segment,
 * satisfaction trend and churn risk are computed by the tiering module once it is set up, and
 * until then the card says so instead of inventing numbers.
 */
export function PortraitCard({ portrait: p }: { portrait: Portrait }) {
  const { t } = useTranslation();
  const channel = useChannelLabel();
  const muted = (text: string) => <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>{text}</Typography.Text>;
  const days = (n: number | null, none: string) => (n === null ? muted(none) : t('customer360.portrait.days', { count: n }));
  const pending = t('customer360.portrait.pending');

  return (
    <Card size="small" title={<><RadarChartOutlined /> {t('customer360.portrait.title')}</>} data-testid="c360-portrait">
      <Row gutter={[16, 16]}>
        <Col span={12}>
          <Metric title={t('customer360.portrait.lifetimeValue')} hint={t('customer360.portrait.lifetimeValueHint')} value={formatFen(p.lifetimeValueFen)} testId="portrait-ltv" />
        </Col>
        <Col span={12}>
          <Metric title={t('customer360.portrait.orderCount')} hint={t('customer360.portrait.orderCountHint')} value={p.orderCount} testId="portrait-orders" />
        </Col>
        <Col span={12}>
          <Metric title={t('customer360.portrait.averageOrder')} hint={t('customer360.portrait.averageOrderHint')} value={p.averageOrderFen === null ? muted(t('customer360.portrait.noOrders')) : formatFen(p.averageOrderFen)} testId="portrait-aov" />
        </Col>
        <Col span={12}>
          <Metric title={t('customer360.portrait.preferredChannel')} hint={t('customer360.portrait.preferredChannelHint')} value={channel(p.preferredChannel) ?? muted(t('customer360.portrait.unknown'))} testId="portrait-channel" />
        </Col>
        <Col span={12}>
          <Metric title={t('customer360.portrait.sinceOrder')} hint={t('customer360.portrait.sinceOrderHint')} value={days(p.daysSinceLastOrder, t('customer360.portrait.noOrders'))} testId="portrait-since-order" />
        </Col>
        <Col span={12}>
          <Metric title={t('customer360.portrait.sinceActivity')} hint={t('customer360.portrait.sinceActivityHint')} value={days(p.daysSinceLastActivity, t('customer360.portrait.noActivity'))} testId="portrait-since-activity" />
        </Col>
      </Row>
      <Divider style={{ margin: '16px 0 12px' }} />
      <Row gutter={[16, 8]} data-testid="portrait-pending">
        {(['valueTier', 'rfmSegment', 'satisfactionTrend', 'churnRisk'] as const).map((key) => ({ key, value: p[key] })).map(({ key, value }) => (
          <Col span={12} key={key}>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t(`customer360.portrait.${key}`)}
              </Typography.Text>
            </div>
            {value === null || value === undefined ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {pending}
              </Typography.Text>
            ) : (
              <Typography.Text strong>{String(value)}</Typography.Text>
            )}
          </Col>
        ))}
      </Row>
    </Card>
  );
}
