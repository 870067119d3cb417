import { DownOutlined, GlobalOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { PortalMe } from '../../../shared/portal';
import { setLanguage } from '../../app/auth';
import { api } from '../../ui/api';
import { PortalPasswordModal } from './portal-password-modal';
import { portalKeys } from './portal-queries';

/** The portal's own frame: the organization's name, where to go, language and account. */
export function PortalLayout({ me, orgName, children }: { me: PortalMe | null; orgName: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const section = (['help', 'new', 'contact'] as const).find((s) => location.pathname.startsWith(`/portal/${s}`)) ?? 'tickets';

  const signOut = async () => {
    await api('/portal/auth/logout', { body: {} });
    // nobody is signed in now; what the customer saw is dropped, not kept in memory
    qc.setQueryData(portalKeys.me, null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] === 'portal' && q.queryKey[1] !== 'me' && q.queryKey[1] !== 'org' });
    navigate('/portal/sign-in', { replace: true });
  };

  const items = [
    ...(me
      ? [
          { key: 'tickets', label: <Link to="/portal">{t('portal.nav.tickets')}</Link> },
          { key: 'new', label: <Link to="/portal/new" data-testid="portal-nav-new">{t('portal.nav.new')}</Link> },
        ]
      : []),
    { key: 'help', label: <Link to="/portal/help">{t('portal.nav.help')}</Link> },
    { key: 'contact', label: <Link to="/portal/contact" data-testid="portal-nav-contact">{t('portal.contact.nav')}</Link> },
  ];

  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <Layout.Header style={{ background: '#fff', borderBottom: '1px solid #f0f0f0', padding: '0 24px', display: 'flex', alignItems: 'center', gap: 24 }}>
        <Link to={me ? '/portal' : '/portal/help'} style={{ display: 'flex', alignItems: 'center', gap: 10, flex: 'none' }}>
          <span style={{ width: 32, height: 32, lineHeight: '32px', borderRadius: 8, background: '#1677ff', color: '#fff', textAlign: 'center', fontWeight: 700, flex: 'none' }}>客</span>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="portal-brand">
            {orgName ? `${orgName} · ` : ''}
            {t('portal.title')}
          </Typography.Text>
        </Link>
        <Menu mode="horizontal" selectedKeys={[section]} items={items} style={{ flex: 1, minWidth: 0, borderBottom: 'none' }} />
        <Space>
          <Button type="text" icon={<GlobalOutlined />} onClick={() => void setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')} data-testid="portal-language">
            {i18n.language === 'en' ? '中文' : 'English'}
          </Button>
          {me ? (
            <Dropdown
              menu={{
                items: [
                  { key: 'who', label: t('portal.account.signedInAs', { email: me.email }), disabled: true },
                  { type: 'divider' },
                  { key: 'password', icon: <KeyOutlined />, label: <span data-testid="portal-set-password">{t('portal.account.password')}</span>, onClick: () => setPasswordOpen(true) },
                  { key: 'out', icon: <LogoutOutlined />, label: <span data-testid="portal-sign-out">{t('portal.account.signOut')}</span>, onClick: () => void signOut() },
                ],
              }}
            >
              <Button type="text" data-testid="portal-account">
                <UserOutlined /> {me.displayName} <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          ) : (
            location.pathname !== '/portal/sign-in' && (
              <Button type="primary" onClick={() => navigate('/portal/sign-in')} data-testid="portal-sign-in-button">
                {t('portal.signIn.submit')}
              </Button>
            )
          )}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: '24px 16px 48px' }}>
        <div style={{ maxWidth: 960, margin: '0 auto' }}>{children}</div>
      </Layout.Content>
      {me && <PortalPasswordModal open={passwordOpen} hasPassword={me.hasPassword} onClose={() => setPasswordOpen(false)} />}
    </Layout>
  );
}
