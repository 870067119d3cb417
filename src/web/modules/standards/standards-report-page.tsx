import { InfoCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { METRIC_DEFS, type StandardResult, type StandardsReport } from '../../../shared/service-metrics';
import { api } from '../../ui/api';
import { PageCard } from '../../ui/page-card';
import { targetText } from './standard-text';

const STATUS_COLOR = { met: 'success', not_met: 'error', no_data: 'default' } as const;

/** 服务标准达成: each standard's target against the actual over a period, with its formula. */
export default function StandardsReportPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day').startOf('day'), dayjs().endOf('day')]);
  const from = range[0].startOf('day').toISOString();
  const to = range[1].add(1, 'day').startOf('day').toISOString();
  const query = useQuery({ queryKey: ['standards-report', from, to], queryFn: () => api<StandardsReport>('/service-standards/report', { query: { from, to } }) });
  const report = query.data;

  const actualText = (r: StandardResult) => {
    if (r.status === 'no_data') return <Typography.Text type="secondary">{t(`standards.noData.${r.noDataReason}`)}</Typography.Text>;
    const def = METRIC_DEFS[r.standard.metric];
    return (
      <Space orientation="vertical" size={0}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {r.kind === 'per_case' ? t('standards.attainment', { value: r.actual }) : `${r.actual}%`}
        </Typography.Text>
        {r.kind === 'per_case' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('standards.within', { within: r.withinTarget, sample: r.sample })}
            {r.average !== null && ` · ${t('standards.col.average')} ${r.average} ${t(`standards.unit.${def.unit}`)}`}
          </Typography.Text>
        )}
      </Space>
    );
  };

  return (
    <PageCard
      title={t('standards.navReport')}
      description={t('standards.reportDescription')}
      extra={
        <Space>
          <Typography.Text type="secondary">{t('standards.period')}</Typography.Text>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} data-testid="standards-period" />
        </Space>
      }
    >
      {report && (
        <Alert style={{ marginBottom: 12 }} type="info" showIcon title={report.calendar ? t('standards.calendar', { name: report.calendar }) : t('standards.noCalendar')} />
      )}
      <Table<StandardResult>
        rowKey={(r) => r.standard.id}
        loading={query.isFetching}
        dataSource={report?.items ?? []}
        pagination={false}
        data-testid="standards-report-table"
        locale={{ emptyText: query.isLoading ? ' ' : <Empty description={t('standards.empty')} /> }}
        columns={[
          { title: t('standards.col.channel'), key: 'channel', width: 120, render: (_: unknown, r) => t(`standards.channel.${r.standard.channel}`) },
          {
            title: t('standards.col.metric'),
            key: 'metric',
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{t(`standards.metric.${r.standard.metric}`)}</Typography.Text>
                {r.standard.description && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.standard.description}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('standards.col.target'), key: 'target', render: (_: unknown, r) => targetText(t, r.standard) },
          {
            title: t('standards.col.actual'),
            key: 'actual',
            render: (_: unknown, r) => (
              <Space align="start">
                {actualText(r)}
                <Tooltip title={`${t('standards.formula')}: ${METRIC_DEFS[r.standard.metric].formula[lang]}`}>
                  <InfoCircleOutlined style={{ color: '#999' }} aria-label={t('standards.formula')} />
                </Tooltip>
              </Space>
            ),
          },
          {
            title: t('standards.col.result'),
            key: 'result',
            width: 110,
            render: (_: unknown, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`standards.status.${r.status}`)}</Tag>,
          },
        ]}
      />
    </PageCard>
  );
}
