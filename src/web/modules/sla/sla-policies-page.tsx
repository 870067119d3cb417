import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api, type Page } from '../../ui/api';
import { fetchAll } from '../../ui/fetch-all';
import { PageCard } from '../../ui/page-card';
import type { Option } from './escalations-editor';
import { SlaClockPanel } from './sla-clock-panel';
import { SlaPolicyForm } from './sla-policy-form';
import { formatMinutes, METRICS, type SlaPolicy, TARGET_FIELD } from './sla-types';

/** Reference lists for the form; a user without the right to list them gets empty choices. */
function useOptions(key: string, path: string, label: (x: any) => string) {
  return useQuery({
    queryKey: ['sla-options', key],
    queryFn: async () => (await fetchAll<any>(path)).map((x) => ({ value: x.id as string, label: label(x) })) as Option[],
    retry: false,
    staleTime: 60_000,
  });
}

/** SLA 策略: targets by ticket type × priority × customer tier, in evaluation order (§5.6). */
export default function SlaPoliciesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const qc = useQueryClient();
  const manage = can('sla.manage');
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const query = useQuery({ queryKey: ['sla-policies'], queryFn: async () => (await api<Page<SlaPolicy>>('/sla-policies')).items });
  const calendars = useOptions('calendars', '/calendars', (c) => c.name);
  const users = useOptions('users', '/users', (u) => `${u.displayName} (${u.username})`);
  const teams = useOptions('teams', '/teams', (x) => x.name);
  const policies = query.data ?? [];
  const reload = () => qc.invalidateQueries({ queryKey: ['sla-policies'] });
  const calendarName = (id: string | null) => (id ? (calendars.data?.find((c) => c.value === id)?.label ?? '—') : t('sla.defaultCalendar'));
  const fail = (err: unknown) => message.error(err instanceof Error ? err.message : String(err));

  const remove = async (p: SlaPolicy) => {
    try {
      await api(`/sla-policies/${p.id}`, { method: 'DELETE' });
      message.success(t('common.deleted'));
    } catch (err) {
      fail(err);
    }
    await reload();
  };
  const move = async (index: number, delta: number) => {
    const ids = policies.map((p) => p.id);
    [ids[index], ids[index + delta]] = [ids[index + delta], ids[index]];
    try {
      await api('/sla-policies/reorder', { method: 'POST', body: { ids } });
    } catch (err) {
      fail(err);
    }
    await reload();
  };
  const conditions = (list: string[], prefix: string) =>
    list.length === 0 ? (
      <Typography.Text type="secondary">{t('sla.any')}</Typography.Text>
    ) : (
      list.map((v) => (
        <Tag key={v} style={{ marginBottom: 2 }}>
          {t(`sla.${prefix}.${v}`)}
        </Tag>
      ))
    );
  const create = () => setEditing('new');

  return (
    <PageCard
      title={t('sla.nav')}
      description={t('sla.description')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={create} data-testid="sla-policy-create">
            {t('sla.create')}
          </Button>
        )
      }
    >
      <Table<SlaPolicy>
        rowKey="id"
        loading={query.isFetching}
        dataSource={policies}
        pagination={false}
        scroll={{ x: 1000 }}
        data-testid="sla-policies-table"
        locale={{
          emptyText: query.isLoading ? ' ' : (
            <Empty description={t('sla.empty')}>
              {manage && (
                <Button type="primary" icon={<PlusOutlined />} onClick={create}>
                  {t('sla.create')}
                </Button>
              )}
            </Empty>
          ),
        }}
        columns={[
          {
            title: t('sla.col.order'),
            key: 'order',
            width: 96,
            render: (_: unknown, _p, i) => (
              <Space size={0}>
                <Typography.Text style={{ width: 24, display: 'inline-block' }}>{i + 1}</Typography.Text>
                {manage && (
                  <>
                    <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('sla.moveUp')} data-testid={`sla-policy-up-${i}`} />
                    <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === policies.length - 1} onClick={() => move(i, 1)} aria-label={t('sla.moveDown')} />
                  </>
                )}
              </Space>
            ),
          },
          {
            title: t('sla.col.name'),
            dataIndex: 'name',
            render: (name: string, p) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{name}</Typography.Text>
                {!p.active && <Tag>{t('sla.inactive')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('sla.col.appliesTo'),
            key: 'applies',
            render: (_: unknown, p) => (
              <div style={{ fontSize: 12, lineHeight: '22px' }}>
                <div>
                  <Typography.Text type="secondary">{t('sla.form.ticketTypes')}{t('sla.colon')}</Typography.Text>
                  {conditions(p.ticketTypes, 'type')}
                </div>
                <div>
                  <Typography.Text type="secondary">{t('sla.form.priorities')}{t('sla.colon')}</Typography.Text>
                  {conditions(p.priorities, 'priority')}
                </div>
                <div>
                  <Typography.Text type="secondary">{t('sla.form.customerTiers')}{t('sla.colon')}</Typography.Text>
                  {conditions(p.customerTiers, 'tier')}
                </div>
              </div>
            ),
          },
          {
            title: t('sla.col.targets'),
            key: 'targets',
            render: (_: unknown, p) => (
              <div style={{ fontSize: 12, lineHeight: '22px', whiteSpace: 'nowrap' }}>
                {METRICS.map((m) => (
                  <div key={m}>
                    <Typography.Text type="secondary">{t(`sla.metricLong.${m}`)}{t('sla.colon')}</Typography.Text>
                    {p[TARGET_FIELD[m]] ? formatMinutes(t, p[TARGET_FIELD[m]]) : <Typography.Text type="secondary">{t('sla.noTarget')}</Typography.Text>}
                  </div>
                ))}
              </div>
            ),
          },
          { title: t('sla.col.warn'), dataIndex: 'warnPercent', width: 100, render: (w: number) => `${w}%` },
          { title: t('sla.col.calendar'), dataIndex: 'calendarId', render: calendarName },
          {
            title: t('sla.col.escalations'),
            dataIndex: 'escalations',
            render: (rules: SlaPolicy['escalations']) =>
              rules.length === 0 ? (
                <Typography.Text type="secondary">{t('sla.escalations.none')}</Typography.Text>
              ) : (
                rules.map((r, i) => (
                  <Tag key={i} color={r.on === 'breach' ? 'red' : 'orange'} style={{ marginBottom: 2, whiteSpace: 'normal' }}>
                    {t(`sla.kind.${r.on}`)}
                    {r.metric ? `·${t(`sla.metric.${r.metric}`)}` : ''} → {t(`sla.action.${r.action}`)}
                  </Tag>
                ))
              ),
          },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 100,
                  fixed: 'right' as const,
                  render: (_: unknown, p: SlaPolicy) => (
                    <Space size={0}>
                      <Tooltip title={t('common.edit')}>
                        <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(p)} aria-label={t('common.edit')} data-testid={`sla-policy-edit-${p.position}`} />
                      </Tooltip>
                      <Popconfirm title={t('sla.deleteConfirm', { name: p.name })} description={t('sla.deleteHint')} okButtonProps={{ danger: true }} onConfirm={() => remove(p)}>
                        <Tooltip title={t('common.delete')}>
                          <Button type="link" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                        </Tooltip>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Card size="small" title={t('sla.preview.title')} style={{ marginTop: 16 }}>
        <Typography.Paragraph type="secondary">{t('sla.preview.help')}</Typography.Paragraph>
        <Input.Search
          style={{ maxWidth: 360, marginBottom: 12 }}
          placeholder={t('sla.preview.placeholder')}
          enterButton={t('sla.preview.show')}
          allowClear
          onSearch={(v) => setPreview(v.trim() || null)}
          data-testid="sla-preview-input"
        />
        {preview && (
          <div style={{ width: 360 }}>
            <SlaClockPanel key={preview} ticketId={preview} />
          </div>
        )}
      </Card>
      <SlaPolicyForm
        open={editing !== null}
        policy={editing === 'new' ? null : editing}
        calendars={calendars.data ?? []}
        users={users.data ?? []}
        teams={teams.data ?? []}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void reload();
        }}
      />
    </PageCard>
  );
}
