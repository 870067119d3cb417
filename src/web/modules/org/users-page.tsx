import { EditOutlined, KeyOutlined, MoreOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Dropdown, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';
import { CursorTable } from '../../ui/cursor-table';
import { departmentPathName, DepartmentTreeSelect, useDepartments } from '../../ui/department-tree-select';
import { formatDateTime } from '../../ui/format';
import { RevealButton } from '../../ui/reveal-button';
import { useCursorList } from '../../ui/use-cursor-list';
import { useRoles } from './org-queries';
import type { User } from './org-types';
import { ResetPasswordModal } from './reset-password-modal';
import { UserDrawer } from './user-drawer';
import { PageCard } from '../../ui/page-card';

type Filters = { q?: string; departmentId?: string; status?: string; roleId?: string };

/** 用户管理: staff accounts with search, filters, create/edit, disable and password reset. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const manage = can('org.users.manage');
  const [filters, setFilters] = useState<Filters>({});
  const [searchText, setSearchText] = useState('');
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [resetting, setResetting] = useState<User | null>(null);
  const list = useCursorList<User>('users', '/users', filters);
  const roles = useRoles();
  const departments = useDepartments();
  const filtered = Object.values(filters).some(Boolean);

  const setStatus = (u: User, status: User['status']) =>
    modal.confirm({
      title: status === 'disabled' ? t('org.users.disableConfirm', { name: u.displayName }) : t('org.users.enableConfirm', { name: u.displayName }),
      content: status === 'disabled' ? t('org.users.disableHint') : undefined,
      okButtonProps: { danger: status === 'disabled' },
      okText: status === 'disabled' ? t('org.users.disable') : t('org.users.enable'),
      onOk: async () => {
        try {
          await api(`/users/${u.id}`, { method: 'PATCH', ifMatch: u.version, body: { status } });
          message.success(status === 'disabled' ? t('org.users.disabledDone') : t('org.users.enabledDone'));
        } catch (err) {
          message.error(err instanceof ApiError ? err.message : String(err));
        } finally {
          await qc.invalidateQueries({ queryKey: ['users'] });
        }
      },
    });

  const columns = [
    {
      title: t('org.users.user'),
      key: 'name',
      render: (_: unknown, u: User) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{u.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.username}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('org.users.department'),
      key: 'department',
      render: (_: unknown, u: User) => {
        const full = departmentPathName(departments.data ?? [], u.departmentId);
        const name = u.departmentName ?? full.split(' / ').pop();
        return name ? <Tooltip title={full}>{name}</Tooltip> : '—';
      },
    },
    { title: t('org.users.position'), dataIndex: 'positionName', render: (v: string | null) => v || '—' },
    {
      title: t('org.users.roles'),
      dataIndex: 'roles',
      render: (rs: User['roles']) =>
        rs?.length ? (
          <Space size={[0, 4]} wrap>
            {rs.map((r) => (
              <Tag key={r.id} color={r.code === 'admin' ? 'gold' : 'blue'}>
                {r.name}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('org.users.noRoles')}</Typography.Text>
        ),
    },
    {
      title: t('org.users.phone'),
      dataIndex: 'phone',
      render: (phone: string | null, u: User) => (
        <Space size={0}>
          <span data-testid="user-phone" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {phone ?? '—'}
          </span>
          {u.maskedFields?.includes('phone') && <RevealButton entity="user" id={u.id} field="phone" subject={u.displayName} />}
        </Space>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: User['status']) => <Badge status={s === 'active' ? 'success' : 'default'} text={t(`org.users.statuses.${s}`)} />,
    },
    {
      title: t('org.users.lastLogin'),
      dataIndex: 'lastLoginAt',
      render: (v: string | null) => (v ? formatDateTime(v).slice(0, 16) : <Typography.Text type="secondary">{t('org.users.neverLoggedIn')}</Typography.Text>),
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            render: (_: unknown, u: User) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(u)} data-testid="user-edit">
                  {t('common.edit')}
                </Button>
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: [
                      { key: 'reset', icon: <KeyOutlined />, label: t('org.users.resetPassword'), onClick: () => setResetting(u) },
                      u.status === 'active'
                        ? { key: 'disable', icon: <StopOutlined />, danger: true, disabled: u.id === me?.id, label: t('org.users.disable'), onClick: () => setStatus(u, 'disabled') }
                        : { key: 'enable', icon: <CheckCircleOutlined />, label: t('org.users.enable'), onClick: () => setStatus(u, 'active') },
                    ],
                  }}
                >
                  <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('common.actions')} data-testid="user-more" />
                </Dropdown>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageCard
      title={t('org.users.title')}
      description={t('org.users.description')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="user-create">
            {t('org.users.create')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('org.users.searchPlaceholder')}
          value={searchText}
          onChange={(e) => {
            setSearchText(e.target.value);
            if (!e.target.value) setFilters((f) => ({ ...f, q: undefined }));
          }}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
          style={{ width: 280 }}
          data-testid="user-search"
        />
        <DepartmentTreeSelect
          placeholder={t('org.users.filterDepartment')}
          value={filters.departmentId}
          onChange={(v) => setFilters((f) => ({ ...f, departmentId: v || undefined }))}
          style={{ width: 220 }}
          data-testid="user-filter-department"
        />
        <Select
          allowClear
          placeholder={t('org.users.filterStatus')}
          value={filters.status}
          onChange={(v) => setFilters((f) => ({ ...f, status: v }))}
          options={(['active', 'disabled'] as const).map((s) => ({ value: s, label: t(`org.users.statuses.${s}`) }))}
          style={{ width: 140 }}
          data-testid="user-filter-status"
        />
        {roles.data && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('org.users.filterRole')}
            value={filters.roleId}
            onChange={(v) => setFilters((f) => ({ ...f, roleId: v }))}
            options={roles.data.map((r) => ({ value: r.id, label: r.name }))}
            style={{ width: 180 }}
            data-testid="user-filter-role"
          />
        )}
        {filtered && (
          <Button
            onClick={() => {
              setFilters({});
              setSearchText('');
            }}
          >
            {t('common.reset')}
          </Button>
        )}
      </Space>
      <CursorTable<User>
        list={list}
        rowKey="id"
        columns={columns}
        data-testid="users-table"
        scroll={{ x: 1100 }}
        emptyText={filtered ? t('org.users.noMatch') : t('org.users.empty')}
        emptyExtra={
          !filtered &&
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('org.users.create')}
            </Button>
          )
        }
      />
      <UserDrawer user={editing} onClose={() => setEditing(undefined)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </PageCard>
  );
}
