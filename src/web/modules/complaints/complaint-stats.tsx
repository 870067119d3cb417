import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Progress, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintStats as Stats } from '../../../shared/complaints';
import { api } from '../../ui/api';

function Bars({ rows }: { rows: { label: string; count: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={4}>
      {rows.map((r) => (
        <Row key={r.label} gutter={8} align="middle" wrap={false}>
          <Col flex="110px">
            <Typography.Text>{r.label}</Typography.Text>
          </Col>
          <Col flex="auto">
            <Progress percent={(r.count / max) * 100} showInfo={false} />
          </Col>
          <Col flex="40px" style={{ textAlign: 'right' }}>
            <Typography.Text strong>{r.count}</Typography.Text>
          </Col>
        </Row>
      ))}
    </Space>
  );
}

/** Complaint statistics: by root cause, severity and step; per step the time taken and lateness. */
export function ComplaintStats() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(30, 'day').startOf('day'), dayjs().endOf('day')]);
  const stats = useQuery({
    queryKey: ['complaints', 'stats', range[0].toISOString(), range[1].toISOString()],
    queryFn: () => api<Stats>('/complaints/stats', { query: { from: range[0].toISOString(), to: range[1].toISOString() } }),
  });
  const s = stats.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="complaint-stats">
      <Space>
        <Typography.Text>{t('complaints.stats.range')}</Typography.Text>
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0].startOf('day'), v[1].endOf('day')])} />
      </Space>
      <Row gutter={16}>
        <Col span={6}>
          <Card size="small" data-testid="complaint-stats-total">
            <Statistic title={t('complaints.stats.total')} value={s?.total ?? 0} loading={stats.isLoading} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('complaints.stats.late')} value={s?.late ?? 0} valueStyle={{ color: s?.late ? '#cf1322' : undefined }} loading={stats.isLoading} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('complaints.stats.byRootCause')}>
            <Bars rows={(s?.byRootCause ?? []).map((r) => ({ label: t(`complaints.rootCause.${r.rootCause}`), count: r.count }))} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('complaints.stats.bySeverity')}>
            <Bars rows={(s?.bySeverity ?? []).map((r) => ({ label: t(`complaints.severity.${r.severity}`), count: r.count }))} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('complaints.stats.byStep')}>
            <Bars rows={(s?.byStep ?? []).map((r) => ({ label: t(`complaints.step.${r.step}`), count: r.count }))} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('complaints.stats.perStep')}>
        <Table
          size="small"
          rowKey="step"
          pagination={false}
          loading={stats.isLoading}
          dataSource={s?.steps ?? []}
          columns={[
            { title: t('complaints.filter.step'), dataIndex: 'step', render: (v: string) => t(`complaints.step.${v}`) },
            { title: t('complaints.stats.completed'), dataIndex: 'completed' },
            { title: t('complaints.stats.completedLate'), dataIndex: 'completedLate' },
            { title: t('complaints.stats.overdue'), dataIndex: 'overdue', render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
            { title: t('complaints.stats.avgHours'), dataIndex: 'avgHours', render: (v: number | null) => (v === null ? '—' : v) },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          {t('complaints.stats.formula')}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
