import { ExperimentOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Form, InputNumber, Skeleton, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RetentionView } from '../../../shared/customer-privacy';
import { useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import { PageCard } from '../../ui/page-card';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import { RetentionDryRunResult, type RetentionDryRunData } from './retention-dry-run';
import { RetentionRunModal } from './retention-run-modal';

/** `GET /api/v1/customer-retention`. */
export type RetentionPolicy = RetentionView;

type Values = { enabled: boolean; inactiveYears: number };
const KEY = ['customer-retention'];

/** §2.11 保存期限策略: the policy, a dry run with the form's years, and a strongly confirmed run. */
export function RetentionCard() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const policy = useQuery({
    queryKey: KEY,
    queryFn: () => api<RetentionPolicy>('/customer-retention'),
    // While a run works in the background, watch for it to finish.
    refetchInterval: (q) => (q.state.data?.runningJobId ? 2000 : false),
  });
  const [saving, setSaving] = useState(false);
  const [trying, setTrying] = useState(false);
  const [preparing, setPreparing] = useState(false);
  const [dry, setDry] = useState<RetentionDryRunData | null>(null);
  const [due, setDue] = useState<{ count: number; years: number } | null>(null);
  const watched = Form.useWatch([], form) as Values | undefined;
  const data = policy.data;
  const dirty = !!data && !!watched && (watched.enabled !== data.enabled || watched.inactiveYears !== data.inactiveYears);

  // The form follows the saved policy when it changes (not on every poll answer while a run works).
  const savedKey = data ? `${data.version}:${data.enabled}:${data.inactiveYears}` : '';
  useEffect(() => {
    if (data) form.setFieldsValue({ enabled: data.enabled, inactiveYears: data.inactiveYears });
  }, [savedKey]);

  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : String(err));

  const save = async (v: Values) => {
    if (!data) return;
    setSaving(true);
    try {
      const next = await api<RetentionPolicy>('/customer-retention', { method: 'PUT', ifMatch: data.version, body: v });
      qc.setQueryData(KEY, next);
      message.success(t('customerPrivacy.retention.saved'));
    } catch (err) {
      if (isVersionConflict(err)) {
        message.warning(t('customerPrivacy.retention.conflict'));
        const fresh = await policy.refetch();
        if (fresh.data) form.setFieldsValue({ enabled: fresh.data.enabled, inactiveYears: fresh.data.inactiveYears });
      } else {
        const toast = applyServerErrors(form, err, ['enabled', 'inactiveYears']);
        if (toast) message.error(toast);
      }
    } finally {
      setSaving(false);
    }
  };

  const dryRun = async () => {
    const { inactiveYears } = await form.validateFields(['inactiveYears']);
    setTrying(true);
    try {
      setDry(await api<RetentionDryRunData>('/customer-retention/dry-run', { body: { inactiveYears } }));
    } catch (err) {
      fail(err);
    } finally {
      setTrying(false);
    }
  };

  // The run uses the saved period: count with exactly that before asking for confirmation.
  const prepareRun = async () => {
    setPreparing(true);
    try {
      const r = await api<RetentionDryRunData>('/customer-retention/dry-run', { body: {} });
      if (r.count === 0) message.info(t('customerPrivacy.retention.runNothing'));
      else setDue({ count: r.count, years: r.inactiveYears });
    } catch (err) {
      fail(err);
    } finally {
      setPreparing(false);
    }
  };

  return (
    <PageCard title={<span data-testid="retention-card">{t('customerPrivacy.retention.title')}</span>} description={t('customerPrivacy.retention.description')}>
      {policy.isLoading ? (
        <Skeleton active />
      ) : policy.error ? (
        <Alert type="error" showIcon title={policy.error.message} />
      ) : (
        <>
          <Form<Values> form={form} layout="vertical" onFinish={save} style={{ display: 'flex', flexWrap: 'wrap', columnGap: 48, maxWidth: 820 }}>
            <Form.Item name="enabled" label={t('customerPrivacy.retention.enabled')} valuePropName="checked" extra={t('customerPrivacy.retention.enabledHint')} style={{ flex: '1 1 300px' }}>
              <Switch data-testid="retention-enabled" />
            </Form.Item>
            <Form.Item
              name="inactiveYears"
              label={t('customerPrivacy.retention.inactiveYears')}
              extra={t('customerPrivacy.retention.inactiveYearsHint')}
              rules={[{ required: true, type: 'integer', min: 1, max: 30, message: t('customerPrivacy.retention.yearsRequired') }]}
              style={{ flex: '1 1 300px' }}
            >
              <InputNumber min={1} max={30} precision={0} suffix={t('customerPrivacy.retention.years')} style={{ width: 160 }} data-testid="retention-years" />
            </Form.Item>
          </Form>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ maxWidth: 820, marginBottom: 16 }} data-testid="retention-last-run">
            <Descriptions.Item label={t('customerPrivacy.retention.lastRun')}>{data?.lastRunAt ? formatDateTime(data.lastRunAt) : t('customerPrivacy.retention.neverRun')}</Descriptions.Item>
            <Descriptions.Item label={t('customerPrivacy.retention.lastRunCount')}>
              {data?.lastRunCount === null || data?.lastRunCount === undefined ? '—' : t('customerPrivacy.retention.customersCount', { count: data.lastRunCount })}
            </Descriptions.Item>
          </Descriptions>
          {data?.runningJobId && (
            <Alert
              type="info"
              showIcon
              title={t('customerPrivacy.retention.running')}
              action={can('jobs.read') ? <Link to={`/admin/jobs?id=${data.runningJobId}`}>{t('customerPrivacy.retention.viewJob')}</Link> : undefined}
              style={{ marginBottom: 16 }}
            />
          )}
          <Space wrap>
            <Button type="primary" onClick={() => form.submit()} loading={saving} disabled={!dirty} data-testid="retention-save">
              {t('common.save')}
            </Button>
            <Button icon={<ExperimentOutlined />} onClick={dryRun} loading={trying} title={t('customerPrivacy.retention.dryRunHint')} data-testid="retention-dry-run-button">
              {t('customerPrivacy.retention.dryRun')}
            </Button>
            <Button danger icon={<ThunderboltOutlined />} onClick={prepareRun} loading={preparing} disabled={!!data?.runningJobId} data-testid="retention-run">
              {t('customerPrivacy.retention.runNow')}
            </Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
            {t('customerPrivacy.retention.unsavedNote')}
          </Typography.Paragraph>
          {dry && <RetentionDryRunResult data={dry} />}
        </>
      )}
      <RetentionRunModal
        due={due}
        onClose={() => setDue(null)}
        onStarted={(r) => {
          setDue(null);
          setDry(null);
          message.success(t('customerPrivacy.retention.runQueued', { count: r.count }));
          void qc.invalidateQueries({ queryKey: KEY });
        }}
      />
    </PageCard>
  );
}
