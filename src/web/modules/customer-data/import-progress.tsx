import { CloudUploadOutlined, DownloadOutlined, ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Progress, Result, Row, Space, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../ui/api';
import { downloadFile } from './export-download';
import type { ImportProgressEvent, ImportView } from './import-types';

type Props = {
  imp: ImportView;
  progress: ImportProgressEvent | null;
  /** When the run was started in this browser (ms), for rows/s; null when the page was reopened. */
  startedAt: number | null;
  retrying: boolean;
  onRetry: () => void;
  onBack: () => void;
  onRestart: () => void;
};

/** Rows per second and time left from the rows done since the start (or since the first figure seen). */
function useRate(processed: number, total: number, startedAt: number | null) {
  const [origin, setOrigin] = useState<{ at: number; rows: number } | null>(startedAt ? { at: startedAt, rows: 0 } : null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!origin && processed > 0) setOrigin({ at: Date.now(), rows: processed });
  }, [origin, processed]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!origin || processed <= origin.rows) return { rate: null, eta: null };
  const seconds = Math.max((now - origin.at) / 1000, 0.5);
  const rate = (processed - origin.rows) / seconds;
  return { rate, eta: rate > 0 ? Math.max(0, Math.round((total - processed) / rate)) : null };
}

/** Step 4 导入: a live progress bar (rows/s, time left), then what was created, updated, skipped or refused. */
export function ImportProgress({ imp, progress, startedAt, retrying, onRetry, onBack, onRestart }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const live = progress?.phase === 'import' ? progress : null;
  const processed = Math.max(live?.processed ?? 0, imp.status === 'running' ? imp.processedRows : 0);
  const total = live?.total || imp.totalRows;
  const { rate, eta } = useRate(processed, total, startedAt);
  const c = imp.counts;

  const report = async () => {
    try {
      await downloadFile(`/customer-imports/${imp.id}/report.xlsx`, { fallbackName: `${imp.filename.replace(/\.(csv|xlsx)$/i, '')}-report.xlsx` });
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };

  const etaText = (s: number) => (s < 60 ? t('customerData.progress.etaSeconds', { s }) : t('customerData.progress.etaMinutes', { m: Math.floor(s / 60), s: s % 60 }));

  if (imp.status === 'running') {
    const percent = total ? Math.min(99, Math.floor((processed / total) * 100)) : 0;
    return (
      <div style={{ maxWidth: 680, margin: '32px auto' }} data-testid="import-running">
        <Typography.Title level={5} style={{ textAlign: 'center' }}>
          {t('customerData.progress.title', { file: imp.filename })}
        </Typography.Title>
        <Progress percent={percent} status="active" strokeWidth={14} data-testid="import-progress-bar" />
        <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }} wrap>
          <Typography.Text data-testid="import-progress-rows">
            {processed > 0 ? t('customerData.progress.rows', { processed: processed.toLocaleString(), total: total.toLocaleString() }) : t('customerData.progress.preparing')}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="import-progress-rate">
            {rate !== null && t('customerData.progress.rate', { rate: Math.round(rate).toLocaleString() })}
            {eta !== null && ` · ${etaText(eta)}`}
          </Typography.Text>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 24, textAlign: 'center' }}>
          {t('customerData.progress.background')}
        </Typography.Paragraph>
      </div>
    );
  }

  if (imp.status === 'failed') {
    return (
      <Result
        status="error"
        title={t('customerData.progress.failed')}
        subTitle={imp.failure ?? undefined}
        data-testid="import-failed"
        extra={[
          <Button key="retry" type="primary" icon={<ReloadOutlined />} loading={retrying} onClick={onRetry}>
            {t('customerData.progress.retry')}
          </Button>,
          <Button key="back" onClick={onBack}>
            {t('customerData.progress.backToCheck')}
          </Button>,
          <Button key="restart" icon={<CloudUploadOutlined />} onClick={onRestart}>
            {t('customerData.progress.another')}
          </Button>,
        ]}
      />
    );
  }

  const stat = (title: string, value: number, color?: string, testId?: string) => (
    <Col flex="1" style={{ minWidth: 140 }}>
      <Card size="small" data-testid={testId}>
        <Statistic title={title} value={value} styles={{ content: { color } }} />
      </Card>
    </Col>
  );

  return (
    <Result
      status={c.errors > 0 ? 'warning' : 'success'}
      title={c.errors > 0 ? t('customerData.progress.donePartial', { errors: c.errors }) : t('customerData.progress.done')}
      subTitle={t('customerData.progress.doneDetail', { file: imp.filename, rows: imp.totalRows.toLocaleString() })}
      data-testid="import-done"
      extra={[
        <Button key="register" type="primary" icon={<TeamOutlined />} onClick={() => navigate('/customers')} data-testid="import-to-register">
          {t('customerData.progress.toRegister')}
        </Button>,
        imp.problemCount > 0 && (
          <Button key="report" icon={<DownloadOutlined />} onClick={report}>
            {t('customerData.progress.report')}
          </Button>
        ),
        <Button key="restart" icon={<CloudUploadOutlined />} onClick={onRestart} data-testid="import-another">
          {t('customerData.progress.another')}
        </Button>,
      ]}
    >
      <Row gutter={[12, 12]} style={{ maxWidth: 760, margin: '0 auto' }}>
        {stat(t('customerData.progress.created'), c.created, '#389e0d', 'done-created')}
        {stat(imp.duplicateMode === 'merge' ? t('customerData.progress.merged') : t('customerData.progress.updated'), c.updated, '#1677ff', 'done-updated')}
        {stat(t('customerData.progress.skipped'), c.skipped, '#8c8c8c', 'done-skipped')}
        {stat(t('customerData.progress.errors'), c.errors, c.errors ? '#cf1322' : undefined, 'done-errors')}
      </Row>
    </Result>
  );
}
