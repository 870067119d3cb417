import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, InputNumber, Popconfirm, Progress, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import { AddMemberModal } from './add-member-modal';
import { SkillsEditor } from './skills-editor';
import { MAX_CAPACITY, type TeamDetail, type TeamMember } from './team-types';

/** "open / capacity" as a bar: green with room, orange when nearly full, red when full. */
export function LoadBar({ open, capacity, width = 160 }: { open: number; capacity: number; width?: number }) {
  // No capacity and nothing open (a team without members) is empty, not full.
  const ratio = capacity > 0 ? open / capacity : open > 0 ? 1 : 0;
  const status = ratio >= 1 ? 'exception' : 'normal';
  const color = ratio >= 1 ? undefined : ratio >= 0.8 ? '#fa8c16' : '#52c41a';
  return (
    <Space size={8} style={{ width }}>
      <Progress percent={Math.min(100, Math.round(ratio * 100))} size="small" showInfo={false} status={status} strokeColor={color} style={{ width: width - 56, margin: 0 }} />
      <Typography.Text style={{ whiteSpace: 'nowrap' }} data-testid="load-text">
        {open} / {capacity}
      </Typography.Text>
    </Space>
  );
}

/** Capacity edited in place: saved when the field loses focus or on Enter, if it changed and is valid. */
function CapacityInput({ member, disabled, save }: { member: TeamMember; disabled: boolean; save: (patch: Partial<TeamMember>) => Promise<void> }) {
  const [value, setValue] = useState<number | null>(member.capacity);
  const commit = () => {
    if (value === null || value === member.capacity || !Number.isInteger(value) || value < 0 || value > MAX_CAPACITY) return setValue(member.capacity);
    void save({ capacity: value });
  };
  return <InputNumber size="small" min={0} max={MAX_CAPACITY} precision={0} value={value} disabled={disabled} onChange={setValue} onBlur={commit} onPressEnter={commit} style={{ width: 80 }} data-testid="member-capacity-inline" />;
}

export function TeamMembers({ team, manage, reload }: { team: TeamDetail; manage: boolean; reload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);

  const save = async (m: TeamMember, patch: Partial<TeamMember>) => {
    try {
      await api(`/teams/${team.id}/members/${m.userId}`, { method: 'PATCH', body: patch });
      message.success(t('common.saved'));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      await reload();
    }
  };
  const remove = async (m: TeamMember) => {
    try {
      await api(`/teams/${team.id}/members/${m.userId}`, { method: 'DELETE' });
      message.success(t('teams.members.removed'));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      await reload();
    }
  };

  const addButton = manage && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="member-add">
      {t('teams.members.add')}
    </Button>
  );

  return (
    <>
      {team.members.length > 0 && addButton && <div style={{ marginBottom: 12, textAlign: 'right' }}>{addButton}</div>}
      <Table<TeamMember>
        rowKey="userId"
        size="middle"
        dataSource={team.members}
        pagination={team.members.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <Empty description={t('teams.members.empty')}>{addButton}</Empty> }}
        data-testid="members-table"
        columns={[
          {
            title: t('teams.members.user'),
            key: 'user',
            width: 170,
            render: (_: unknown, m) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{m.displayName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.username}
                </Typography.Text>
                {!m.userActive && <Tag color="red">{t('teams.members.disabledUser')}</Tag>}
              </Space>
            ),
          },
          { title: t('teams.members.load'), key: 'load', width: 180, render: (_: unknown, m) => <LoadBar open={m.openCount} capacity={m.capacity} /> },
          {
            title: <Tooltip title={t('teams.members.capacityHint')}>{t('teams.members.capacity')}</Tooltip>,
            key: 'capacity',
            width: 110,
            render: (_: unknown, m) => <CapacityInput key={`${m.userId}-${m.capacity}`} member={m} disabled={!manage} save={(p) => save(m, p)} />,
          },
          {
            title: <Tooltip title={t('teams.skills.hint')}>{t('teams.members.skills')}</Tooltip>,
            key: 'skills',
            render: (_: unknown, m) => <SkillsEditor compact value={m.skills} disabled={!manage} onChange={(skills) => save(m, { skills })} />,
          },
          {
            title: <Tooltip title={t('teams.members.availableHint')}>{t('teams.members.available')}</Tooltip>,
            key: 'available',
            width: 80,
            render: (_: unknown, m) => <Switch size="small" checked={m.available} disabled={!manage} onChange={(available) => save(m, { available })} data-testid="member-available" />,
          },
          {
            title: t('teams.members.lastAssigned'),
            key: 'last',
            width: 160,
            render: (_: unknown, m) => (m.lastAssignedAt ? formatDateTime(m.lastAssignedAt) : <Typography.Text type="secondary">{t('teams.members.never')}</Typography.Text>),
          },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, m: TeamMember) => (
                    <Popconfirm title={t('teams.members.removeConfirm', { name: m.displayName })} description={t('teams.members.removeHint')} okText={t('teams.members.remove')} okButtonProps={{ danger: true }} onConfirm={() => remove(m)}>
                      <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                        {t('teams.members.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {manage && <AddMemberModal team={team} open={adding} onClose={() => setAdding(false)} onAdded={() => void reload()} />}
    </>
  );
}
