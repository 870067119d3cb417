import { ArrowRightOutlined, SafetyOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, Avatar, Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { visibleNav } from '../../app/nav';
import { departmentPathName, useDepartments } from '../../ui/department-tree-select';
import { useRoleNames } from '../profile/use-role-names';
import { StatCards } from './stat-cards';

function greetingKey(hour: number): string {
  if (hour < 6) return 'home.greeting.night';
  if (hour < 11) return 'home.greeting.morning';
  if (hour < 13) return 'home.greeting.noon';
  if (hour < 18) return 'home.greeting.afternoon';
  return 'home.greeting.evening';
}

/** 工作台: a greeting, figures for administrators and the pages this user may open. */
export default function HomePage() {
  const { t, i18n } = useTranslation();
  const { me, can } = useAuth();
  const navigate = useNavigate();
  const departments = useDepartments(['org.departments.read', 'org.departments.manage', 'org.users.read', 'org.users.manage'].some(can));
  const roleName = useRoleNames();
  if (!me) return null;
  const now = dayjs().locale(i18n.language === 'en' ? 'en' : 'zh-cn');
  const groups = visibleNav(can)
    .map((g) => ({ ...g, pages: g.pages.filter((p) => p.path !== '/') }))
    .filter((g) => g.pages.length > 0);
  const department = departmentPathName(departments.data ?? [], me.departmentId);

  return (
    <div data-testid="home">
      <Card style={{ marginBottom: 16, background: 'linear-gradient(120deg, #e6f4ff 0%, #f0f5ff 60%, #ffffff 100%)' }} styles={{ body: { padding: 24 } }}>
        <Row align="middle" gutter={[24, 16]}>
          <Col flex="none">
            <Avatar size={64} style={{ background: '#1677ff', fontSize: 28 }}>
              {me.displayName.slice(0, 1)}
            </Avatar>
          </Col>
          <Col flex="auto">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-greeting">
              {t(greetingKey(now.hour()), { name: me.displayName })}
            </Typography.Title>
            <Typography.Text type="secondary">{now.format(t('home.dateFormat'))}</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <Space size={[8, 8]} wrap>
                {department && <Tag color="cyan">{department}</Tag>}
                {me.roles.map((r) => (
                  <Tag key={r} color="blue">
                    {roleName(r)}
                  </Tag>
                ))}
              </Space>
            </div>
          </Col>
          <Col flex="none">
            <Button icon={<SettingOutlined />} onClick={() => navigate('/profile')} data-testid="home-profile">
              {t('nav.profile')}
            </Button>
          </Col>
        </Row>
      </Card>

      {!me.totpEnabled && (
        <Alert
          type={me.mfaSetupRequired ? 'warning' : 'info'}
          showIcon
          icon={<SafetyOutlined />}
          title={me.mfaSetupRequired ? t('home.totpRequired') : t('home.totpSuggest')}
          action={
            <Link to="/profile?tab=totp">
              <Button size="small" type={me.mfaSetupRequired ? 'primary' : 'default'}>
                {t('home.totpAction')}
              </Button>
            </Link>
          }
          closable={!me.mfaSetupRequired}
          style={{ marginBottom: 16 }}
        />
      )}

      <StatCards />

      {groups.length === 0 ? (
        <Card>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('home.noPages')}
          </Typography.Paragraph>
        </Card>
      ) : (
        groups.map((g) => (
          <Card key={g.key} title={<Space>{g.icon}{t(g.label)}</Space>} size="small" style={{ marginBottom: 16 }}>
            <Row gutter={[16, 16]}>
              {g.pages.map((p) => {
                const key = p.label.replace(/^nav\./, '');
                return (
                  <Col key={p.path} xs={24} sm={12} lg={8} xxl={6}>
                    <Card hoverable size="small" onClick={() => navigate(p.path)} data-testid={`home-link-${key}`} styles={{ body: { padding: 16 } }}>
                      <Space align="start" size={12} style={{ width: '100%' }}>
                        <div style={{ width: 40, height: 40, borderRadius: 10, background: '#f0f5ff', color: '#1677ff', display: 'grid', placeItems: 'center', fontSize: 18 }}>{p.icon}</div>
                        <div style={{ minWidth: 0 }}>
                          <Typography.Text strong>
                            {t(p.label)} <ArrowRightOutlined style={{ fontSize: 11, color: '#8c8c8c' }} />
                          </Typography.Text>
                          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '2px 0 0' }} ellipsis={{ rows: 2 }}>
                            {t(`home.links.${key}`, { defaultValue: '' })}
                          </Typography.Paragraph>
                        </div>
                      </Space>
                    </Card>
                  </Col>
                );
              })}
            </Row>
          </Card>
        ))
      )}
    </div>
  );
}
