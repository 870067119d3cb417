import { PlayCircleOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Popconfirm, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import { jobNameKey, type Schedule } from './job-types';

/** "Every 1 day 2 h" from seconds, in the UI language. */
export function formatEvery(seconds: number, t: (k: string, o?: Record<string, unknown>) => string) {
  const units: [number, string][] = [
    [86400, 'jobs.every.day'],
    [3600, 'jobs.every.hour'],
    [60, 'jobs.every.minute'],
    [1, 'jobs.every.second'],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, key] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(t(key, { n }));
    rest -= n * size;
  }
  return t('jobs.every.label', { span: parts.join(' ') || t('jobs.every.second', { n: 0 }) });
}

/** Recurring schedules: what runs by itself, how often, when next; "run now" for managers. */
export function JobSchedules() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const qc = useQueryClient();
  const query = useQuery({ queryKey: ['job-schedules'], queryFn: () => api<{ items: Schedule[] }>('/jobs/schedules') });
  const runNow = async (s: Schedule) => {
    try {
      await api(`/jobs/schedules/${encodeURIComponent(s.name)}/run`, { method: 'POST' });
      message.success(t('jobs.scheduleQueued', { name: t(jobNameKey(s.name), { defaultValue: s.name }) }));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
    await qc.invalidateQueries({ queryKey: ['job-schedules'] });
    await qc.invalidateQueries({ queryKey: ['jobs'] });
  };
  return (
    <Table<Schedule>
      rowKey="name"
      size="middle"
      loading={query.isFetching}
      dataSource={query.data?.items ?? []}
      pagination={false}
      data-testid="job-schedules"
      locale={{ emptyText: query.isLoading ? ' ' : <Empty description={t('jobs.noSchedules')} /> }}
      columns={[
        {
          title: t('jobs.name'),
          dataIndex: 'name',
          render: (n: string) => (
            <div>
              <div>{t(jobNameKey(n), { defaultValue: n })}</div>
              {i18n.exists(jobNameKey(n)) && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} code>
                  {n}
                </Typography.Text>
              )}
            </div>
          ),
        },
        { title: t('jobs.interval'), dataIndex: 'everySeconds', render: (s: number) => formatEvery(s, t) },
        { title: t('jobs.nextRunAt'), dataIndex: 'nextRunAt', render: formatDateTime },
        { title: t('jobs.lastEnqueuedAt'), dataIndex: 'lastEnqueuedAt', render: formatDateTime },
        ...(can('jobs.manage')
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                width: 120,
                render: (_: unknown, s: Schedule) => (
                  <Popconfirm title={t('jobs.runNowConfirm')} onConfirm={() => runNow(s)}>
                    <Button size="small" icon={<PlayCircleOutlined />} data-testid={`schedule-run-${s.name}`}>
                      {t('jobs.runNow')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
