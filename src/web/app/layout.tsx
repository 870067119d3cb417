import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, useLocation, useNavigate } from 'react-router';
import { api } from '../ui/api';
import { setLanguage, useAuth } from './auth';
import { EXTRA_PAGES, visibleNav } from './nav';

const { Header, Sider, Content } = Layout;

export function AppLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { me, can } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const [collapsed, setCollapsed] = useState(false);
  const groups = visibleNav(can);

  const items = groups.map((g) => ({
    key: g.key,
    icon: g.icon,
    label: t(g.label),
    children: g.pages.map((p) => ({ key: p.path, icon: p.icon, label: t(p.label) })),
  }));
  // The deepest menu entry containing the path: /customers/import selects 导入客户, not 客户名册.
  const selected = groups
    .flatMap((g) => g.pages)
    .filter((p) => (p.path === '/' ? location.pathname === '/' : location.pathname === p.path || location.pathname.startsWith(`${p.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  // Pages outside the menu (the profile, a customer's 360) still name themselves in the header.
  const extra = EXTRA_PAGES.find((p) => matchPath({ path: p.path, end: true }, location.pathname));
  const current = (selected && location.pathname === selected.path ? selected : extra) ?? selected;

  const switchLanguage = async () => {
    const next = i18n.language === 'en' ? 'zh-CN' : 'en';
    await setLanguage(next);
    // Persist the choice on the user so it follows them to other devices.
    await api('/me', { method: 'PATCH', body: { locale: next } }).catch(() => {});
    await qc.invalidateQueries();
  };
  const logout = async () => {
    await api('/auth/logout', { method: 'POST' }).catch(() => {});
    // Signed-out state first, so the login page does not bounce back on the cached profile.
    qc.setQueryData(['me'], null);
    navigate('/login', { replace: true });
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Sticky and scrolling on its own: the menu outgrows the window, and the collapse trigger
          (fixed to the window's bottom) must not cover its last entries. */}
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} theme="dark" style={{ position: 'sticky', top: 0, height: '100vh', overflowY: 'auto' }}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 8, color: '#fff' }}>
          <div style={{ width: 28, height: 28, borderRadius: 7, background: '#1677ff', display: 'grid', placeItems: 'center', fontWeight: 700 }}>客</div>
          {!collapsed && <span style={{ fontSize: 17, fontWeight: 600 }}>{t('app.name')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selected ? [selected.path] : []}
          defaultOpenKeys={groups.map((g) => g.key)}
          onClick={(e) => navigate(e.key)}
          style={{ paddingBottom: 48 }}
          data-testid="main-menu"
        />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {current ? t(current.label) : ''}
          </Typography.Title>
          <Space size="middle">
            <Button icon={<GlobalOutlined />} onClick={switchLanguage} data-testid="switch-language">
              {i18n.language === 'en' ? '中文' : 'English'}
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: 'profile', icon: <UserOutlined />, label: t('nav.profile'), onClick: () => navigate('/profile') },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), onClick: logout },
                ],
              }}
            >
              <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
                <Avatar style={{ background: '#1677ff' }}>{me?.displayName.slice(0, 1)}</Avatar>
                <span>{me?.displayName}</span>
              </Space>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>{children}</Content>
      </Layout>
    </Layout>
  );
}
