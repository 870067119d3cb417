import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Descriptions, Popconfirm, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { CursorTable } from '../../ui/cursor-table';
import { departmentPathName, type Department } from '../../ui/department-tree-select';
import { formatDateTime } from '../../ui/format';
import { useCursorList } from '../../ui/use-cursor-list';
import type { User } from './org-types';

type Props = {
  department: Department;
  all: Department[];
  onCreateChild: () => void;
  onEdit: () => void;
  onMove: () => void;
  onDelete: () => Promise<void>;
};

/** The selected department: where it sits, its actions, and the people in it. */
export function DepartmentMembers({ department, all, onCreateChild, onEdit, onMove, onDelete }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manage = can('org.departments.manage');
  const canReadUsers = can('org.users.read') || can('org.users.manage');
  const children = all.filter((d) => d.parentId === department.id).length;
  const [withSub, setWithSub] = useState(false);
  const list = useCursorList<User>('users', '/users', { departmentId: department.id, includeSubDepartments: withSub ? 'true' : undefined }, 10);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <span data-testid="department-title">{department.name}</span>
            {department.code && <Tag>{department.code}</Tag>}
          </Space>
        }
        extra={
          manage && (
            <Space wrap>
              <Button icon={<PlusOutlined />} onClick={onCreateChild} data-testid="department-create-child">
                {t('org.departments.createChild')}
              </Button>
              <Button icon={<EditOutlined />} onClick={onEdit} data-testid="department-edit">
                {t('common.edit')}
              </Button>
              <Button icon={<DragOutlined />} onClick={onMove} data-testid="department-move">
                {t('org.departments.move')}
              </Button>
              <Popconfirm
                title={t('org.departments.deleteConfirm', { name: department.name })}
                description={t('org.departments.deleteHint')}
                okButtonProps={{ danger: true }}
                okText={t('common.delete')}
                onConfirm={onDelete}
              >
                <Button danger icon={<DeleteOutlined />} data-testid="department-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        <Descriptions
          column={2}
          size="small"
          items={[
            { key: 'path', label: t('org.departments.fullPath'), children: departmentPathName(all, department.id), span: 2 },
            { key: 'members', label: t('org.departments.memberCount'), children: department.memberCount ?? '—' },
            { key: 'children', label: t('org.departments.childCount'), children },
            { key: 'sort', label: t('org.departments.sort'), children: department.sort },
            { key: 'code', label: t('org.departments.code'), children: department.code || '—' },
          ]}
        />
      </Card>
      {canReadUsers && (
        <Card
          title={t('org.departments.members')}
          extra={
            <Space>
              <Typography.Text type="secondary">{t('org.departments.includeSub')}</Typography.Text>
              <Switch size="small" checked={withSub} onChange={setWithSub} data-testid="department-include-sub" />
            </Space>
          }
          styles={{ body: { paddingTop: 8 } }}
        >
          <CursorTable<User>
            list={list}
            rowKey="id"
            size="middle"
            data-testid="department-members-table"
            emptyText={!withSub && (department.memberCount ?? 0) > 0 ? t('org.departments.membersOutOfScope') : t('org.departments.noMembers')}
            columns={[
              {
                title: t('org.users.displayName'),
                dataIndex: 'displayName',
                render: (_: unknown, u: User) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text strong>{u.displayName}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{u.username}</Typography.Text>
                  </Space>
                ),
              },
              ...(withSub ? [{ title: t('org.users.department'), dataIndex: 'departmentName', render: (v: string | null) => v || '—' }] : []),
              { title: t('org.users.position'), dataIndex: 'positionName', render: (v: string | null) => v || '—' },
              {
                title: t('org.users.roles'),
                dataIndex: 'roles',
                render: (roles: User['roles']) => (roles ?? []).map((r) => <Tag key={r.id}>{r.name}</Tag>),
              },
              {
                title: t('common.status'),
                dataIndex: 'status',
                render: (s: User['status']) => <Badge status={s === 'active' ? 'success' : 'default'} text={t(`org.users.statuses.${s}`)} />,
              },
              {
                title: t('org.users.lastLogin'),
                dataIndex: 'lastLoginAt',
                render: (v: string | null) => (v ? <Tooltip title={formatDateTime(v)}>{formatDateTime(v).slice(0, 16)}</Tooltip> : t('org.users.neverLoggedIn')),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
