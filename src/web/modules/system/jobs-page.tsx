import { EyeOutlined, ReloadOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Button, Card, Col, Popconfirm, Progress, Row, Select, Space, Statistic, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api } from '../../ui/api';
import { CursorTable } from '../../ui/cursor-table';
import { formatDateTime } from '../../ui/format';
import { PageCard } from '../../ui/page-card';
import { useCursorList } from '../../ui/use-cursor-list';
import { JobDetailDrawer } from './job-detail-drawer';
import { JobSchedules } from './job-schedules';
import { canCancel, canRetry, JOB_STATUSES, jobNameKey, STATUS_COLORS, type JobStats, type JobStatus, type JobSummary } from './job-types';

dayjs.extend(relativeTime);

const REFRESH_MS = 5000;
const STAT_COLORS: Record<JobStatus, string> = { queued: '#1677ff', running: '#13c2c2', succeeded: '#52c41a', failed: '#faad14', dead: '#ff4d4f', cancelled: '#8c8c8c' };

function StatsCards({ stats, active, onPick }: { stats: JobStats | undefined; active: JobStatus | undefined; onPick: (s: JobStatus | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="job-stats">
      {JOB_STATUSES.map((s) => (
        <Col key={s} xs={12} sm={8} xl={4}>
          <Card
            size="small"
            hoverable
            onClick={() => onPick(active === s ? undefined : s)}
            style={{ borderColor: active === s ? STAT_COLORS[s] : undefined, borderTop: `3px solid ${STAT_COLORS[s]}` }}
            data-testid={`job-stat-${s}`}
          >
            <Statistic title={t(`jobs.status.${s}`)} value={stats?.counts[s] ?? 0} loading={!stats} styles={{ content: { color: stats?.counts[s] && (s === 'dead' || s === 'failed') ? STAT_COLORS[s] : undefined } }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** 后台任务: counts by status, the job list with retry/cancel, and recurring schedules. */
export default function JobsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const qc = useQueryClient();
  const manage = can('jobs.manage');
  const [status, setStatus] = useState<JobStatus | undefined>();
  const [name, setName] = useState<string | undefined>();
  const [nameInput, setNameInput] = useState('');
  const [detail, setDetail] = useState<string | null>(null);
  const list = useCursorList<JobSummary>('jobs', '/jobs', { status, name });
  const stats = useQuery({ queryKey: ['jobs', 'stats'], queryFn: () => api<JobStats>('/jobs/stats') });
  const busy = (stats.data?.counts.running ?? 0) > 0 || list.items.some((j) => j.status === 'running');

  // Poll only while something runs: the page is live during an import, quiet otherwise.
  const { refetch: refetchList } = list;
  const { refetch: refetchStats } = stats;
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => {
      void refetchList();
      void refetchStats();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [busy, refetchList, refetchStats]);

  const refresh = () => qc.invalidateQueries({ queryKey: ['jobs'] });
  const act = async (job: JobSummary, action: 'retry' | 'cancel') => {
    try {
      await api(`/jobs/${job.id}/${action}`, { method: 'POST' });
      message.success(t(action === 'retry' ? 'jobs.retried' : 'jobs.cancelled'));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
    await refresh();
  };

  const names = [...new Set((stats.data?.byName ?? []).map((b) => b.name))];
  const applyName = (v: string) => setName(v.trim() || undefined);
  const lag = stats.data?.oldestDueAt ? dayjs(stats.data.oldestDueAt).locale(i18n.language === 'en' ? 'en' : 'zh-cn') : null;

  const jobsTab = (
    <>
      <StatsCards stats={stats.data} active={status} onPick={setStatus} />
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('jobs.filterStatus')}
            style={{ width: 160 }}
            value={status}
            onChange={setStatus}
            options={JOB_STATUSES.map((s) => ({ value: s, label: t(`jobs.status.${s}`) }))}
            data-testid="job-filter-status"
          />
          <AutoComplete
            allowClear
            placeholder={t('jobs.filterName')}
            style={{ width: 240 }}
            value={nameInput}
            onChange={(v) => {
              setNameInput(v ?? '');
              if (!v) setName(undefined);
            }}
            onSelect={(v: string) => applyName(v)}
            onBlur={() => applyName(nameInput)}
            onKeyDown={(e) => e.key === 'Enter' && applyName(nameInput)}
            options={names.map((n) => ({ value: n, label: `${t(jobNameKey(n), { defaultValue: n })} (${n})` }))}
            data-testid="job-filter-name"
          />
        </Space>
        <Space wrap>
          {lag && (
            <Typography.Text type="secondary">
              {t('jobs.queueLag', { since: lag.fromNow() })}
            </Typography.Text>
          )}
          {busy && (
            <Tag icon={<SyncOutlined spin />} color="processing">
              {t('jobs.autoRefresh')}
            </Tag>
          )}
          <Button icon={<ReloadOutlined />} onClick={refresh} data-testid="jobs-refresh">
            {t('common.refresh')}
          </Button>
        </Space>
      </div>
      <CursorTable<JobSummary>
        list={list}
        rowKey="id"
        size="middle"
        emptyText={status || name ? t('jobs.emptyFiltered') : t('jobs.empty')}
        data-testid="jobs-table"
        scroll={{ x: 1540 }}
        columns={[
          {
            title: t('jobs.name'),
            dataIndex: 'name',
            width: 210,
            render: (n: string, j) => (
              <a onClick={() => setDetail(j.id)}>
                <div>{t(jobNameKey(n), { defaultValue: n })}</div>
                {i18n.exists(jobNameKey(n)) && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {n}
                  </Typography.Text>
                )}
              </a>
            ),
          },
          { title: t('common.status'), dataIndex: 'status', width: 110, render: (s: JobStatus) => <Tag color={STATUS_COLORS[s]}>{t(`jobs.status.${s}`)}</Tag> },
          {
            title: t('jobs.attempts'),
            key: 'attempts',
            width: 90,
            render: (_, j) => <Typography.Text type={j.attempts >= j.maxAttempts && j.status !== 'succeeded' ? 'danger' : undefined}>{`${j.attempts} / ${j.maxAttempts}`}</Typography.Text>,
          },
          { title: t('jobs.runAt'), dataIndex: 'runAt', width: 170, render: formatDateTime },
          {
            title: t('jobs.progress'),
            dataIndex: 'progress',
            width: 170,
            render: (p: JobSummary['progress'], j) =>
              p ? (
                <Tooltip title={`${p.done} / ${p.total}${p.message ? ` · ${p.message}` : ''}`}>
                  <Progress
                    size="small"
                    percent={p.total ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0}
                    status={j.status === 'running' ? 'active' : j.status === 'succeeded' ? 'success' : j.status === 'dead' || j.status === 'failed' ? 'exception' : 'normal'}
                  />
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: t('jobs.lastError'),
            dataIndex: 'lastError',
            width: 240,
            ellipsis: { showTitle: false },
            render: (e: string | null) =>
              e ? (
                <Tooltip title={<span style={{ whiteSpace: 'pre-wrap' }}>{e}</span>} styles={{ root: { maxWidth: 520 } }}>
                  <Typography.Text type="danger">{e}</Typography.Text>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          { title: t('common.createdAt'), dataIndex: 'createdAt', width: 170, render: formatDateTime },
          { title: t('jobs.finishedAt'), dataIndex: 'finishedAt', width: 170, render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: manage ? 200 : 80,
            render: (_, j) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setDetail(j.id)}>
                  {t('common.details')}
                </Button>
                {manage && canRetry(j) && (
                  <Popconfirm title={t('jobs.retryConfirm')} onConfirm={() => act(j, 'retry')}>
                    <Button type="link" size="small" icon={<ReloadOutlined />} data-testid={`job-retry-${j.id}`}>
                      {t('jobs.retry')}
                    </Button>
                  </Popconfirm>
                )}
                {manage && canCancel(j) && (
                  <Popconfirm title={t('jobs.cancelConfirm')} okButtonProps={{ danger: true }} onConfirm={() => act(j, 'cancel')}>
                    <Button type="link" size="small" danger icon={<StopOutlined />} data-testid={`job-cancel-${j.id}`}>
                      {t('jobs.cancel')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );

  return (
    <PageCard title={t('nav.jobs')} description={t('jobs.description')}>
      <Tabs
        items={[
          { key: 'jobs', label: t('jobs.tabJobs'), children: jobsTab },
          { key: 'schedules', label: t('jobs.tabSchedules'), children: <JobSchedules /> },
        ]}
      />
      <JobDetailDrawer id={detail} onClose={() => setDetail(null)} />
    </PageCard>
  );
}
