import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Popconfirm, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AutomationDto, AutomationKind, Condition } from '../../../shared/automations';
import { fieldDef } from '../../../shared/automations';
import { api, type Page } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import { PageCard } from '../../ui/page-card';
import { AutomationForm } from './automation-form';

/** 自动化规则 (§5.9): triggers and time-based rules, in order, with their run counts. */
export default function AutomationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [kind, setKind] = useState<AutomationKind>('trigger');
  const [editing, setEditing] = useState<AutomationDto | 'new' | null>(null);
  const query = useQuery({ queryKey: ['automations'], queryFn: async () => (await api<Page<AutomationDto>>('/automations')).items });
  const rules = (query.data ?? []).filter((r) => r.kind === kind);
  const reload = () => qc.invalidateQueries({ queryKey: ['automations'] });
  const fail = (err: unknown) => message.error(err instanceof Error ? err.message : String(err));
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      fail(err);
    }
    await reload();
  };
  const move = (index: number, delta: number) => {
    const ids = rules.map((r) => r.id);
    [ids[index], ids[index + delta]] = [ids[index + delta]!, ids[index]!];
    return act(() => api('/automations/reorder', { method: 'POST', body: { ids } }));
  };
  const valueText = (c: Condition) => {
    if (c.value === undefined) return '';
    const def = fieldDef(c.field);
    const one = (v: unknown) => (def?.type === 'enum' ? t(`automations.values.${c.field}.${String(v)}`) : v === 'none' ? t('automations.none') : String(v));
    return Array.isArray(c.value) ? c.value.map(one).join('、') : one(c.value);
  };
  const condText = (c: Condition) => {
    const field = c.field.startsWith('custom.') ? `${t('automations.field.custom')}.${c.field.slice(7)}` : t(`automations.field.${c.field}`);
    return `${field} ${t(`automations.op.${c.op}`)} ${valueText(c)}`.trim();
  };

  return (
    <PageCard
      title={t('automations.nav')}
      description={t('automations.description')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="automation-create">
          {t('automations.create')}
        </Button>
      }
    >
      <Tabs activeKey={kind} onChange={(k) => setKind(k as AutomationKind)} items={(['trigger', 'schedule'] as const).map((k) => ({ key: k, label: t(`automations.tabs.${k}`) }))} />
      <Table<AutomationDto>
        rowKey="id"
        loading={query.isFetching}
        dataSource={rules}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="automations-table"
        locale={{ emptyText: query.isLoading ? ' ' : <Empty description={t('automations.empty')} /> }}
        columns={[
          {
            title: t('automations.col.order'),
            key: 'order',
            width: 96,
            render: (_: unknown, _r, i) => (
              <Space size={0}>
                <Typography.Text style={{ width: 24, display: 'inline-block' }}>{i + 1}</Typography.Text>
                <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('automations.moveUp')} />
                <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === rules.length - 1} onClick={() => move(i, 1)} aria-label={t('automations.moveDown')} />
              </Space>
            ),
          },
          { title: t('automations.col.name'), dataIndex: 'name', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
          {
            title: t('automations.col.when'),
            key: 'when',
            width: 130,
            render: (_: unknown, r) => (r.kind === 'schedule' ? <Tag>{t('automations.every5')}</Tag> : r.events.map((e) => <Tag key={e}>{t(`automations.event.${e}`)}</Tag>)),
          },
          {
            title: t('automations.col.conditions'),
            key: 'conditions',
            render: (_: unknown, r) => {
              const all = r.conditions.all.map(condText);
              const any = r.conditions.any.map(condText);
              if (all.length + any.length === 0) return <Typography.Text type="secondary">{t('automations.noConditions')}</Typography.Text>;
              return (
                <div style={{ fontSize: 12 }}>
                  {all.map((c, i) => (
                    <div key={`a${i}`}>{c}</div>
                  ))}
                  {any.length > 0 && <div style={{ color: '#888' }}>{`${t('automations.form.any')}: ${any.join(' / ')}`}</div>}
                </div>
              );
            },
          },
          {
            title: t('automations.col.actions'),
            key: 'actions',
            render: (_: unknown, r) =>
              r.actions.map((a, i) => (
                <Tag key={i} color="blue" style={{ marginBottom: 2 }}>
                  {t(`automations.action.${a.type}`)}
                </Tag>
              )),
          },
          {
            title: t('automations.col.active'),
            key: 'active',
            width: 80,
            render: (_: unknown, r) => (
              <Switch size="small" checked={r.active} data-testid={`automation-active-${r.id}`} onChange={(on) => act(() => api(`/automations/${r.id}/${on ? 'enable' : 'disable'}`, { method: 'POST', body: {} }))} />
            ),
          },
          { title: t('automations.col.runs'), dataIndex: 'runCount', width: 90, align: 'right' },
          { title: t('automations.col.lastRun'), dataIndex: 'lastRunAt', width: 170, render: (v: string | null) => formatDateTime(v) },
          {
            title: t('automations.col.ops'),
            key: 'ops',
            width: 100,
            render: (_: unknown, r) => (
              <Space>
                <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={t('common.edit')} />
                <Popconfirm title={t('automations.deleteConfirm', { name: r.name })} onConfirm={() => act(() => api(`/automations/${r.id}`, { method: 'DELETE' }))}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <AutomationForm
          editing={editing === 'new' ? null : editing}
          kind={kind}
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
