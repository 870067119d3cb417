import { ArrowRightOutlined, HistoryOutlined } from '@ant-design/icons';
import { Card, Empty, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMinute, STATUS_COLORS, StatusTag } from './labels';
import type { StatusHistoryEntry } from './types';

const DOT: Record<string, string> = { default: '#bfbfbf', blue: '#1677ff', green: '#52c41a', orange: '#fa8c16', red: '#f5222d', purple: '#722ed1' };

/** The lifecycle's history, newest first: from → to, why, who and when. */
export function StatusHistoryCard({ history }: { history: StatusHistoryEntry[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={<><HistoryOutlined /> {t('customer360.statusHistory.title')}</>} data-testid="c360-status-history">
      {history.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer360.statusHistory.empty')} />
      ) : (
        <Timeline
          style={{ marginTop: 8, marginBottom: -16 }}
          items={history.map((h) => ({
            key: h.id,
            color: DOT[STATUS_COLORS[h.to as keyof typeof STATUS_COLORS] ?? 'default'],
            content: (
              <div>
                <Space size={6} wrap>
                  {h.from ? (
                    <>
                      <StatusTag status={h.from} />
                      <ArrowRightOutlined style={{ color: '#8c8c8c', fontSize: 11 }} />
                      <StatusTag status={h.to} />
                    </>
                  ) : (
                    <>
                      <Typography.Text type="secondary">{t('customer360.statusHistory.initial')}</Typography.Text>
                      <StatusTag status={h.to} />
                    </>
                  )}
                </Space>
                {h.reason && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{h.reason}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {h.actorName ?? t('customer360.timeline.system')} · {formatMinute(h.at)}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
