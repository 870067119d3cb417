import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Spin, Tabs, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../ui/api';
import { portalKeys } from './portal-queries';

/** Sign-in: a one-time link by mail (the default), or a password; a link in the address bar signs in at once. */
export function PortalSignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const consumed = useRef(false);

  const signedIn = async () => {
    await qc.invalidateQueries({ queryKey: portalKeys.me });
    navigate('/portal', { replace: true });
  };
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('portal.error.load'));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!token || consumed.current) return;
    consumed.current = true; // a link works once: never post it twice (React runs effects twice in development)
    void run(async () => {
      await api('/portal/auth/link/consume', { body: { token } });
      await signedIn();
    }).finally(() => navigate('/portal/sign-in', { replace: true }));
  }, [token]);

  if (token && !error) {
    return (
      <Card style={{ maxWidth: 440, margin: '48px auto' }}>
        <Result icon={<Spin size="large" />} title={t('portal.signIn.consuming')} />
      </Card>
    );
  }

  const emailRules = [
    { required: true, message: t('portal.signIn.emailRequired') },
    { type: 'email' as const, message: t('portal.signIn.emailInvalid') },
  ];

  return (
    <Card style={{ maxWidth: 440, margin: '32px auto', boxShadow: '0 8px 24px rgba(0,0,0,0.06)' }} data-testid="portal-sign-in">
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
        {t('portal.signIn.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('portal.signIn.subtitle')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="portal-sign-in-error" />}
      <Tabs
        onChange={() => setError(null)}
        items={[
          {
            key: 'link',
            label: <span data-testid="portal-tab-link">{t('portal.signIn.tabLink')}</span>,
            children: sent ? (
              <Alert type="success" showIcon title={t('portal.signIn.linkSent')} data-testid="portal-link-sent" />
            ) : (
              <Form layout="vertical" requiredMark={false} onFinish={(v: { email: string }) => run(async () => (await api('/portal/auth/link', { body: { email: v.email } }), setSent(true)))}>
                <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                  {t('portal.signIn.linkHint')}
                </Typography.Paragraph>
                <Form.Item name="email" label={t('portal.signIn.email')} rules={emailRules}>
                  <Input prefix={<MailOutlined />} autoComplete="email" data-testid="portal-link-email" />
                </Form.Item>
                <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="portal-link-submit">
                  {t('portal.signIn.sendLink')}
                </Button>
              </Form>
            ),
          },
          {
            key: 'password',
            label: <span data-testid="portal-tab-password">{t('portal.signIn.tabPassword')}</span>,
            children: (
              <Form layout="vertical" requiredMark={false} onFinish={(v: { email: string; password: string }) => run(async () => (await api('/portal/auth/login', { body: v }), await signedIn()))}>
                <Form.Item name="email" label={t('portal.signIn.email')} rules={emailRules}>
                  <Input prefix={<MailOutlined />} autoComplete="email" data-testid="portal-login-email" />
                </Form.Item>
                <Form.Item name="password" label={t('portal.signIn.password')} rules={[{ required: true, message: t('portal.signIn.passwordRequired') }]}>
                  <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="portal-login-password" />
                </Form.Item>
                <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="portal-login-submit">
                  {t('portal.signIn.submit')}
                </Button>
              </Form>
            ),
          },
        ]}
      />
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <Link to="/portal/help">{t('portal.signIn.browseHelp')}</Link>
      </div>
    </Card>
  );
}
