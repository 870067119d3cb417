import { ApiOutlined, DesktopOutlined, LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Badge, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageCard } from '../../ui/page-card';
import { BasicTab } from './basic-tab';
import { PasswordTab } from './password-tab';
import { SessionsTab } from './sessions-tab';
import { TokensTab } from './tokens-tab';
import { TotpTab } from './totp-tab';

const TABS = ['basic', 'password', 'totp', 'sessions', 'tokens'] as const;

/** 个人设置: own profile, password, two-step verification, sessions and API tokens. */
export default function ProfilePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : me?.mfaSetupRequired ? 'totp' : 'basic';
  if (!me) return null;

  return (
    <PageCard
      title={
        <Space size={12}>
          <Avatar size={40} style={{ background: '#1677ff' }}>
            {me.displayName.slice(0, 1)}
          </Avatar>
          <span>
            {t('profile.title')}
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
              {me.displayName} · {me.username}
            </Typography.Text>
          </span>
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'basic', icon: <UserOutlined />, label: t('profile.tabs.basic'), children: <BasicTab /> },
          { key: 'password', icon: <LockOutlined />, label: t('profile.tabs.password'), children: <PasswordTab /> },
          {
            key: 'totp',
            icon: <SafetyOutlined />,
            label: (
              <Badge dot={!me.totpEnabled && !!me.mfaSetupRequired} offset={[6, 0]}>
                {t('profile.tabs.totp')}
              </Badge>
            ),
            children: <TotpTab />,
          },
          { key: 'sessions', icon: <DesktopOutlined />, label: t('profile.tabs.sessions'), children: <SessionsTab /> },
          { key: 'tokens', icon: <ApiOutlined />, label: t('profile.tabs.tokens'), children: <TokensTab /> },
        ]}
        data-testid="profile-tabs"
      />
    </PageCard>
  );
}
