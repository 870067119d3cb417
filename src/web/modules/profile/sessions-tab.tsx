import { DesktopOutlined, LogoutOutlined, MobileOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../ui/api';
import { CursorTable } from '../../ui/cursor-table';
import { formatDateTime } from '../../ui/format';
import { useCursorList } from '../../ui/use-cursor-list';
import { describeUserAgent } from '../../ui/user-agent';

type Session = { id: string; createdAt: string; lastSeenAt: string; expiresAt: string; ip: string | null; userAgent: string | null; current: boolean };

/** 登录会话: where the account is signed in; end one session or all of them. */
export function SessionsTab() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const list = useCursorList<Session>('sessions', '/auth/sessions', {});

  const signedOut = () => {
    qc.clear();
    navigate('/login', { replace: true });
  };
  const revoke = async (s: Session) => {
    try {
      await api(`/auth/sessions/${s.id}`, { method: 'DELETE' });
      if (s.current) return signedOut();
      message.success(t('profile.sessions.revoked'));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
    await qc.invalidateQueries({ queryKey: ['sessions'] });
  };
  const logoutAll = () =>
    modal.confirm({
      title: t('profile.sessions.logoutAllConfirm'),
      content: t('profile.sessions.logoutAllHint'),
      okText: t('profile.sessions.logoutAll'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api('/auth/logout-all', { method: 'POST' });
          signedOut();
        } catch (err) {
          message.error(err instanceof ApiError ? err.message : String(err));
        }
      },
    });

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('profile.sessions.hint')}</Typography.Text>
        <Button danger icon={<LogoutOutlined />} onClick={logoutAll} data-testid="logout-all">
          {t('profile.sessions.logoutAll')}
        </Button>
      </Space>
      <CursorTable<Session>
        list={list}
        rowKey="id"
        data-testid="sessions-table"
        emptyText={t('profile.sessions.empty')}
        columns={[
          {
            title: t('profile.sessions.device'),
            key: 'device',
            render: (_: unknown, s: Session) => {
              const { browser, os } = describeUserAgent(s.userAgent);
              const mobile = /iOS|Android|HarmonyOS/.test(os);
              return (
                <Space>
                  {mobile ? <MobileOutlined /> : <DesktopOutlined />}
                  <Tooltip title={s.userAgent}>
                    <span>{[browser, os].filter(Boolean).join(' · ') || t('profile.sessions.unknownDevice')}</span>
                  </Tooltip>
                  {s.current && <Tag color="green">{t('profile.sessions.current')}</Tag>}
                </Space>
              );
            },
          },
          { title: t('profile.sessions.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
          { title: t('profile.sessions.signedInAt'), dataIndex: 'createdAt', render: formatDateTime },
          { title: t('profile.sessions.lastSeenAt'), dataIndex: 'lastSeenAt', render: formatDateTime },
          { title: t('profile.sessions.expiresAt'), dataIndex: 'expiresAt', render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            render: (_: unknown, s: Session) => (
              <Popconfirm
                title={s.current ? t('profile.sessions.revokeCurrentConfirm') : t('profile.sessions.revokeConfirm')}
                okText={t('profile.sessions.revoke')}
                okButtonProps={{ danger: true }}
                onConfirm={() => revoke(s)}
              >
                <Button type="link" danger size="small" data-testid="session-revoke">
                  {s.current ? t('profile.sessions.signOutHere') : t('profile.sessions.revoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </>
  );
}
