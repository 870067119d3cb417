import { ArrowLeftOutlined, CloudUploadOutlined, DownloadOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Progress, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../ui/api';
import { downloadFile } from './export-download';
import { isNotice, type ImportProblem, type ImportProgressEvent, type ImportView } from './import-types';

type Props = {
  imp: ImportView;
  /** The dry run is in progress (its live progress, when the socket delivers it). */
  validating: boolean;
  progress: ImportProgressEvent | null;
  starting: boolean;
  onBack: () => void;
  onRestart: () => void;
  onRun: () => void;
};

type Level = 'all' | 'error' | 'notice';

const fmt = (n: number) => n.toLocaleString();

/** Step 3 校验: the dry run's counts, every problem by row and column, the XLSX report, and the way on. */
export function ImportValidation({ imp, validating, progress, starting, onBack, onRestart, onRun }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [level, setLevel] = useState<Level>('all');
  const [downloading, setDownloading] = useState(false);
  const c = imp.counts;
  const importable = c.created + c.updated;

  if (validating || imp.status === 'uploaded') {
    const live = progress?.phase === 'validate' ? progress : null;
    const percent = live && live.total ? Math.floor((live.processed / live.total) * 100) : 0;
    return (
      <div style={{ maxWidth: 640, margin: '40px auto', textAlign: 'center' }} data-testid="import-validating">
        <Typography.Title level={5}>{t('customerData.check.running', { rows: imp.totalRows.toLocaleString() })}</Typography.Title>
        <Progress percent={percent} status="active" />
        <Typography.Text type="secondary">
          {live ? t('customerData.progress.rows', { processed: live.processed.toLocaleString(), total: live.total.toLocaleString() }) : t('customerData.check.wait')}
        </Typography.Text>
      </div>
    );
  }

  const report = async () => {
    setDownloading(true);
    try {
      await downloadFile(`/customer-imports/${imp.id}/report.xlsx`, { fallbackName: `${imp.filename.replace(/\.(csv|xlsx)$/i, '')}-report.xlsx` });
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setDownloading(false);
    }
  };

  const run = () => {
    if (c.errors === 0) return onRun();
    modal.confirm({
      title: t('customerData.check.partialConfirm', { n: fmt(importable) }),
      content: t('customerData.check.partialHint', { errors: fmt(c.errors) }),
      okText: t('customerData.check.runValid', { n: fmt(importable) }),
      onOk: onRun,
    });
  };

  // Duplicates are found after the row checks: sorted, each row's problems sit together.
  const rows = imp.problems
    .filter((p) => p.row > 0)
    .filter((p) => level === 'all' || (level === 'notice') === isNotice(p.code))
    .sort((a, b) => a.row - b.row);
  const updatedLabel = imp.duplicateMode === 'merge' ? t('customerData.check.merged') : t('customerData.check.updated');

  const stat = (title: string, value: number, color?: string, testId?: string) => (
    <Col flex="1 1 150px">
      <Card size="small" data-testid={testId}>
        <Statistic title={title} value={value} styles={{ content: { color } }} />
      </Card>
    </Col>
  );

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {stat(t('customerData.check.total'), imp.totalRows)}
        {stat(t('customerData.check.created'), c.created, '#389e0d', 'check-created')}
        {stat(updatedLabel, c.updated, '#1677ff', 'check-updated')}
        {stat(t('customerData.check.skipped'), c.skipped, '#8c8c8c', 'check-skipped')}
        {stat(t('customerData.check.errors'), c.errors, c.errors ? '#cf1322' : undefined, 'check-errors')}
      </Row>
      {c.errors > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={importable > 0 ? t('customerData.check.hasErrors', { errors: fmt(c.errors), valid: fmt(importable) }) : t('customerData.check.hasErrorsNone', { errors: fmt(c.errors) })}
          description={t('customerData.check.hasErrorsHint')}
          data-testid="check-has-errors"
        />
      ) : importable === 0 ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('customerData.check.nothing')} />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('customerData.check.allGood', { n: fmt(importable) })} />
      )}
      {imp.problemCount > 0 && (
        <>
          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
            <Space>
              <Typography.Text strong>{t('customerData.check.problems', { n: fmt(imp.problemCount) })}</Typography.Text>
              <Segmented<Level>
                size="small"
                value={level}
                onChange={setLevel}
                options={[
                  { value: 'all', label: t('common.all') },
                  { value: 'error', label: t('customerData.check.levelError') },
                  { value: 'notice', label: t('customerData.check.levelNotice') },
                ]}
              />
            </Space>
            <Button icon={<DownloadOutlined />} onClick={report} loading={downloading} disabled={imp.problemCount === 0} data-testid="check-report">
              {t('customerData.check.report')}
            </Button>
          </Space>
          <Table<ImportProblem>
            size="small"
            rowKey={(p) => `${p.row}|${p.column ?? ''}|${p.code}|${p.message}`}
            dataSource={rows}
            data-testid="check-problems"
            locale={{ emptyText: t('customerData.check.noProblems') }}
            pagination={{ pageSize: 10, showSizeChanger: false, showTotal: (n) => t('customerData.check.shown', { count: n }), hideOnSinglePage: true }}
            columns={[
              { title: t('customerData.check.row'), dataIndex: 'row', width: 80, render: (v: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span> },
              { title: t('customerData.check.column'), dataIndex: 'column', width: 180, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('customerData.check.wholeRow')}</Typography.Text> },
              {
                title: t('customerData.check.level'),
                key: 'level',
                width: 90,
                render: (_: unknown, p) => (isNotice(p.code) ? <Tag color="blue">{t('customerData.check.levelNotice')}</Tag> : <Tag color="red">{t('customerData.check.levelError')}</Tag>),
              },
              { title: t('customerData.check.problem'), dataIndex: 'message' },
            ]}
          />
          {imp.problemCount > imp.problems.filter((p) => p.row > 0).length && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
              {t('customerData.check.truncated', { shown: fmt(imp.problems.filter((p) => p.row > 0).length), total: fmt(imp.problemCount) })}
            </Typography.Text>
          )}
        </>
      )}
      <Space style={{ marginTop: 24, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={onBack} disabled={starting} data-testid="check-back">
            {t('customerData.check.back')}
          </Button>
          <Button icon={<CloudUploadOutlined />} onClick={onRestart} disabled={starting} data-testid="check-reupload">
            {t('customerData.check.reupload')}
          </Button>
        </Space>
        <Button type="primary" icon={<PlayCircleOutlined />} danger={c.errors > 0} disabled={importable === 0} loading={starting} onClick={run} data-testid="check-run">
          {c.errors > 0 ? t('customerData.check.runValid', { n: fmt(importable) }) : t('customerData.check.run', { n: fmt(importable) })}
        </Button>
      </Space>
    </>
  );
}
