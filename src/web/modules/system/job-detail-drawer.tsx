import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Progress, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import { jobNameKey, STATUS_COLORS, type JobDetail } from './job-types';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 } as const;

function Json({ value }: { value: unknown }) {
  return (
    <pre style={{ ...mono, background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 12, margin: 0, maxHeight: 320, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** One job: timing, attempts, progress, the last error in full, payload and result (secrets redacted by the server). */
export function JobDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['job', id], queryFn: () => api<JobDetail>(`/jobs/${id}`), enabled: !!id, refetchInterval: (q) => (q.state.data?.status === 'running' ? 5000 : false) });
  const job = query.data;
  return (
    <Drawer open={!!id} onClose={onClose} size={640} title={t('jobs.detailTitle')} data-testid="job-detail">
      {!job ? (
        query.error ? <Alert type="error" showIcon title={(query.error as Error).message} /> : <Skeleton active />
      ) : (
        <>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 140 } }}>
            <Descriptions.Item label={t('jobs.name')}>
              {t(jobNameKey(job.name), { defaultValue: job.name })} <Typography.Text type="secondary" style={mono}>{job.name}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('common.status')}>
              <Tag color={STATUS_COLORS[job.status]}>{t(`jobs.status.${job.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="ID">
              <Typography.Text copyable style={mono}>{job.id}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('jobs.attempts')}>{`${job.attempts} / ${job.maxAttempts}`}</Descriptions.Item>
            {job.progress && (
              <Descriptions.Item label={t('jobs.progress')}>
                <Progress percent={job.progress.total ? Math.round((job.progress.done / job.progress.total) * 100) : 0} size="small" />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {job.progress.done} / {job.progress.total} {job.progress.message ?? ''}
                </Typography.Text>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('jobs.runAt')}>{formatDateTime(job.runAt)}</Descriptions.Item>
            <Descriptions.Item label={t('common.createdAt')}>{formatDateTime(job.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('jobs.finishedAt')}>{formatDateTime(job.finishedAt)}</Descriptions.Item>
            {job.lockedBy && (
              <Descriptions.Item label={t('jobs.lockedBy')}>
                <span style={mono}>{job.lockedBy}</span> · {formatDateTime(job.lockedAt)}
              </Descriptions.Item>
            )}
            {job.uniqueKey && (
              <Descriptions.Item label={t('jobs.uniqueKey')}>
                <span style={mono}>{job.uniqueKey}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {job.lastError && (
            <>
              <Typography.Title level={5} style={{ marginTop: 20 }}>
                {t('jobs.lastError')}
              </Typography.Title>
              <Alert type="error" title={<span style={{ ...mono, whiteSpace: 'pre-wrap' }}>{job.lastError}</span>} />
            </>
          )}
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('jobs.payload')}
          </Typography.Title>
          <Json value={job.payload} />
          {job.result !== null && job.result !== undefined && (
            <>
              <Typography.Title level={5} style={{ marginTop: 20 }}>
                {t('jobs.result')}
              </Typography.Title>
              <Json value={job.result} />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
