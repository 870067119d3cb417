import { DeleteOutlined, EditOutlined, InfoCircleOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { METRIC_DEFS, SERVICE_METRICS, type ServiceMetric, type ServiceStandardDto, STANDARD_CHANNELS, type StandardChannel } from '../../../shared/service-metrics';
import { useAuth } from '../../app/auth';
import { api, fieldErrors, type Page } from '../../ui/api';
import { PageCard } from '../../ui/page-card';
import { targetText } from './standard-text';

type Values = { channel: StandardChannel; metric: ServiceMetric; target: number; goalPercent: number; description: string };

function StandardForm({ editing, onClose, onSaved }: { editing: ServiceStandardDto | null; onClose: () => void; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const metric = Form.useWatch('metric', form) as ServiceMetric | undefined;
  const def = metric ? METRIC_DEFS[metric] : undefined;
  const channels = def?.channels ?? STANDARD_CHANNELS;
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      if (editing) await api(`/service-standards/${editing.id}`, { method: 'PATCH', ifMatch: editing.version, body: { target: v.target, goalPercent: v.goalPercent, description: v.description } });
      else await api('/service-standards', { method: 'POST', body: v });
      onSaved();
    } catch (err) {
      const errs = fieldErrors(err);
      if (Object.keys(errs).length) form.setFields(Object.entries(errs).map(([name, m]) => ({ name: name as keyof Values, errors: [m] })));
      else form.setFields([{ name: 'metric', errors: [err instanceof Error ? err.message : String(err)] }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={editing ? t('standards.form.titleEdit') : t('standards.form.titleNew')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={editing ?? { channel: 'email', metric: 'first_response_hours', target: 4, goalPercent: 90, description: '' }} data-testid="standard-form">
        <Form.Item name="metric" label={t('standards.col.metric')} rules={[{ required: true }]}>
          <Select disabled={!!editing} options={SERVICE_METRICS.map((m) => ({ value: m, label: t(`standards.metric.${m}`) }))} />
        </Form.Item>
        <Form.Item name="channel" label={t('standards.col.channel')} rules={[{ required: true }]}>
          <Select disabled={!!editing} options={channels.map((c) => ({ value: c, label: t(`standards.channel.${c}`) }))} />
        </Form.Item>
        <Form.Item name="target" label={`${t('standards.col.target')}${def ? ` (${t(`standards.unit.${def.unit}`)})` : ''}`} rules={[{ required: true }]}>
          <InputNumber min={0.1} max={100000} style={{ width: 200 }} />
        </Form.Item>
        {def?.kind === 'per_case' && (
          <Form.Item name="goalPercent" label={`${t('standards.col.goal')} (%)`} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} style={{ width: 200 }} />
          </Form.Item>
        )}
        <Form.Item name="description" label={t('standards.col.description')}>
          <Input maxLength={200} />
        </Form.Item>
        {def && <div style={{ fontSize: 12, color: '#888' }}>{def.formula[i18n.language === 'en' ? 'en' : 'zh-CN']}</div>}
      </Form>
    </Modal>
  );
}

/** 客户服务标准 (§5.10): targets per channel. */
export default function StandardsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can('automations.manage') || can('sla.manage');
  const qc = useQueryClient();
  const [editing, setEditing] = useState<ServiceStandardDto | 'new' | null>(null);
  const query = useQuery({ queryKey: ['service-standards'], queryFn: async () => (await api<Page<ServiceStandardDto>>('/service-standards')).items });
  const reload = () => qc.invalidateQueries({ queryKey: ['service-standards'] });
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
    await reload();
  };
  const loadRecommended = () =>
    act(async () => {
      const r = await api<{ added: number }>('/service-standards/load-recommended', { method: 'POST' });
      message.success(t('standards.loaded', { count: r.added }));
    });
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';

  return (
    <PageCard
      title={t('standards.nav')}
      description={t('standards.description')}
      extra={
        manage && (
          <Space>
            <Button icon={<ThunderboltOutlined />} onClick={loadRecommended} data-testid="standards-load-recommended">
              {t('standards.loadRecommended')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('standards.create')}
            </Button>
          </Space>
        )
      }
    >
      <Table<ServiceStandardDto>
        rowKey="id"
        loading={query.isFetching}
        dataSource={query.data ?? []}
        pagination={false}
        data-testid="standards-table"
        locale={{ emptyText: query.isLoading ? ' ' : <Empty description={t('standards.empty')} /> }}
        columns={[
          { title: t('standards.col.channel'), dataIndex: 'channel', width: 130, render: (c: string) => t(`standards.channel.${c}`) },
          {
            title: t('standards.col.metric'),
            dataIndex: 'metric',
            render: (m: ServiceMetric) => (
              <Space>
                {t(`standards.metric.${m}`)}
                <Tooltip title={METRIC_DEFS[m].formula[lang]}>
                  <InfoCircleOutlined style={{ color: '#999' }} />
                </Tooltip>
              </Space>
            ),
          },
          { title: t('standards.col.target'), key: 'target', render: (_: unknown, s) => targetText(t, s) },
          { title: t('standards.col.description'), dataIndex: 'description' },
          {
            title: t('standards.col.active'),
            dataIndex: 'active',
            width: 80,
            render: (on: boolean, s) => <Switch size="small" checked={on} disabled={!manage} onChange={(v) => act(() => api(`/service-standards/${s.id}`, { method: 'PATCH', ifMatch: s.version, body: { active: v } }))} />,
          },
          {
            title: t('standards.col.ops'),
            key: 'ops',
            width: 100,
            render: (_: unknown, s) =>
              manage && (
                <Space>
                  <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing(s)} aria-label={t('common.edit')} />
                  <Popconfirm title={t('standards.deleteConfirm')} onConfirm={() => act(() => api(`/service-standards/${s.id}`, { method: 'DELETE' }))}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      {editing && (
        <StandardForm
          editing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            message.success(t('common.saved'));
            void reload();
          }}
        />
      )}
    </PageCard>
  );
}
