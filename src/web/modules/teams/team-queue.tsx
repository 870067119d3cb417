import { CrownOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import type { QueueItem } from './team-types';
import { waitingFor } from './waiting-time';

const PRIORITY_COLORS: Record<QueueItem['priority'], string> = { urgent: 'red', high: 'orange', normal: 'blue', low: 'default' };
const SHOWN = 100;

function TierTag({ tier }: { tier: string | null }) {
  const { t } = useTranslation();
  if (tier === 'vip')
    return (
      <Tag color="gold" icon={<CrownOutlined />} data-testid="vip-tag">
        {t('teams.tier.vip')}
      </Tag>
    );
  if (tier === 'key') return <Tag color="purple">{t('teams.tier.key')}</Tag>;
  if (tier === 'ordinary' || tier === 'small') return <Tag>{t(`teams.tier.${tier}`)}</Tag>;
  return <Typography.Text type="secondary">—</Typography.Text>;
}

/** The team's waiting queue in serving order; refreshed every half minute, waiting times every minute. */
export function TeamQueue({ teamId }: { teamId: string }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const queue = useQuery({
    queryKey: ['teams', teamId, 'queue'],
    queryFn: () => api<{ items: QueueItem[]; total: number }>(`/teams/${teamId}/queue`, { query: { limit: SHOWN } }),
    refetchInterval: 30_000,
  });
  const items = queue.data?.items ?? [];
  const total = queue.data?.total ?? 0;

  return (
    <>
      <Typography.Paragraph type="secondary">{t('teams.queue.order')}</Typography.Paragraph>
      {total > items.length && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('teams.queue.more', { total, shown: items.length })} />}
      <Table<QueueItem>
        rowKey="id"
        size="middle"
        dataSource={items}
        loading={queue.isFetching && !queue.data}
        pagination={false}
        data-testid="queue-table"
        locale={{ emptyText: queue.isLoading ? ' ' : <Empty description={queue.error ? (queue.error as Error).message : t('teams.queue.empty')} /> }}
        columns={[
          { title: t('teams.queue.position'), dataIndex: 'position', width: 70, align: 'right' },
          { title: t('teams.queue.number'), dataIndex: 'number', width: 100, render: (n: string) => <Typography.Text code>{n}</Typography.Text> },
          { title: t('teams.queue.subject'), dataIndex: 'subject', ellipsis: true },
          { title: t('teams.queue.tier'), dataIndex: 'customerTier', width: 120, render: (tier: string | null) => <TierTag tier={tier} /> },
          { title: t('teams.queue.priority'), dataIndex: 'priority', width: 90, render: (p: QueueItem['priority']) => <Tag color={PRIORITY_COLORS[p]}>{t(`teams.priority.${p}`)}</Tag> },
          {
            title: t('teams.queue.waiting'),
            dataIndex: 'queuedAt',
            width: 150,
            render: (iso: string) => (
              <Tooltip title={t('teams.queue.since', { time: formatDateTime(iso) })}>
                <span data-testid="queue-waiting">{waitingFor(t, iso, now)}</span>
              </Tooltip>
            ),
          },
        ]}
      />
    </>
  );
}
