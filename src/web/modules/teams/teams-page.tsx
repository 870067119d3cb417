import { DeleteOutlined, EditOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { api, ApiError, type Page } from '../../ui/api';
import { PageCard } from '../../ui/page-card';
import { TeamDrawer } from './team-drawer';
import { LoadBar, TeamMembers } from './team-members';
import { TeamQueue } from './team-queue';
import type { Team, TeamDetail } from './team-types';

const STRATEGY_COLORS: Record<Team['strategy'], string> = { manual: 'default', round_robin: 'blue', load_balanced: 'green', skills: 'purple' };

/** What a team takes by default: its ticket types and channels, "any" when a list is empty. */
function Takes({ team }: { team: Team }) {
  const { t } = useTranslation();
  const list = (codes: string[], prefix: string) => (codes.length === 0 ? [t('teams.any')] : codes.map((c) => t(`${prefix}.${c}`)));
  return (
    <Space orientation="vertical" size={2}>
      <span>
        {list(team.ticketTypes, 'teams.ticketType').map((l) => (
          <Tag key={l}>{l}</Tag>
        ))}
      </span>
      <span>
        {list(team.channels, 'teams.channel').map((l) => (
          <Tag key={l} color="geekblue">
            {l}
          </Tag>
        ))}
      </span>
    </Space>
  );
}

/** The selected team: members with their load, and the waiting queue. Refreshed every 15 s so the bars stay live. */
function TeamPanel({ teamId, manage }: { teamId: string; manage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const detail = useQuery({ queryKey: ['teams', teamId], queryFn: () => api<TeamDetail>(`/teams/${teamId}`), refetchInterval: 15_000 });
  const reload = () => Promise.all([qc.invalidateQueries({ queryKey: ['teams'] })]);
  if (!detail.data) return <Card loading={detail.isLoading}>{detail.error && <Empty description={(detail.error as Error).message} />}</Card>;
  const team = detail.data;
  return (
    <Card style={{ marginTop: 16 }} title={team.name} data-testid="team-panel">
      <Tabs
        items={[
          { key: 'members', label: t('teams.tabs.members', { count: team.members.length }), children: <TeamMembers team={team} manage={manage} reload={reload} /> },
          { key: 'queue', label: <span data-testid="queue-tab">{t('teams.tabs.queue', { count: team.queuedCount })}</span>, children: <TeamQueue teamId={team.id} /> },
        ]}
      />
    </Card>
  );
}

/** 团队与分派 (§5.5): teams, their strategy and default intake, members' capacity and skills, the waiting queue. */
export default function TeamsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const manage = can('teams.manage');
  const [editing, setEditing] = useState<Team | null | undefined>(undefined);
  const [params, setParams] = useSearchParams();
  const teams = useQuery({ queryKey: ['teams', 'list'], queryFn: () => api<Page<Team>>('/teams'), refetchInterval: 30_000 });
  const items = teams.data?.items ?? [];
  const selectedId = params.get('team') ?? (items.length === 1 ? items[0].id : null);
  const select = (id: string) => setParams({ team: id }, { replace: true });

  const remove = async (team: Team) => {
    try {
      await api(`/teams/${team.id}`, { method: 'DELETE', ifMatch: team.version });
      message.success(t('common.deleted'));
      if (selectedId === team.id) setParams({}, { replace: true });
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      await qc.invalidateQueries({ queryKey: ['teams'] });
    }
  };

  const createButton = manage && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="team-create">
      {t('teams.create')}
    </Button>
  );

  return (
    <>
      <PageCard title={t('teams.title')} description={t('teams.description')} extra={createButton}>
        <Table<Team>
          rowKey="id"
          dataSource={items}
          loading={teams.isFetching && !teams.data}
          pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          data-testid="teams-table"
          rowClassName={(r) => (r.id === selectedId ? 'ant-table-row-selected' : '')}
          onRow={(r) => ({ onClick: () => select(r.id), style: { cursor: 'pointer' } })}
          locale={{ emptyText: teams.isLoading ? ' ' : <Empty description={teams.error ? (teams.error as Error).message : t('teams.empty')}>{!teams.error && createButton}</Empty> }}
          columns={[
            {
              title: t('teams.col.name'),
              key: 'name',
              render: (_: unknown, r) => (
                <Space orientation="vertical" size={0}>
                  <Space size={4}>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    {!r.active && <Tag color="default">{t('teams.inactive')}</Tag>}
                  </Space>
                  {r.description && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: r.description }}>
                      {r.description}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: t('teams.col.strategy'),
              dataIndex: 'strategy',
              width: 130,
              render: (s: Team['strategy']) => (
                <Tooltip title={t(`teams.strategyHelp.${s}`)}>
                  <Tag color={STRATEGY_COLORS[s]}>{t(`teams.strategy.${s}`)}</Tag>
                </Tooltip>
              ),
            },
            { title: t('teams.col.takes'), key: 'takes', width: 220, render: (_: unknown, r) => <Takes team={r} /> },
            { title: t('teams.col.members'), dataIndex: 'memberCount', width: 80, align: 'right' },
            { title: t('teams.col.load'), key: 'load', width: 190, render: (_: unknown, r) => <LoadBar open={r.openCount} capacity={r.capacity} /> },
            {
              title: t('teams.col.queued'),
              dataIndex: 'queuedCount',
              width: 90,
              align: 'right',
              render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : <Typography.Text type="secondary">0</Typography.Text>),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: manage ? 250 : 130,
              render: (_: unknown, r) => (
                <Space size={0} onClick={(e) => e.stopPropagation()}>
                  <Button type="link" size="small" icon={<SettingOutlined />} onClick={() => select(r.id)}>
                    {t('teams.manage')}
                  </Button>
                  {manage && (
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid="team-edit">
                      {t('common.edit')}
                    </Button>
                  )}
                  {manage && (
                    <Popconfirm title={t('teams.deleteConfirm', { name: r.name })} description={t('teams.deleteHint')} okText={t('common.delete')} okButtonProps={{ danger: true }} onConfirm={() => remove(r)}>
                      <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </PageCard>
      {selectedId && items.some((i) => i.id === selectedId) ? (
        <TeamPanel key={selectedId} teamId={selectedId} manage={manage} />
      ) : (
        items.length > 0 && (
          <Card style={{ marginTop: 16 }}>
            <Empty description={t('teams.select')} />
          </Card>
        )
      )}
      <TeamDrawer team={editing} onClose={() => setEditing(undefined)} onSaved={(saved) => select(saved.id)} />
    </>
  );
}
