import { GlobalOutlined, LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { setLanguage, useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';

type LoginAnswer = { mfaRequired: boolean };

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [busy, setBusy] = useState(false);

  if (me) return <Navigate to="/" replace />;

  const done = async () => {
    await qc.invalidateQueries({ queryKey: ['me'] });
    navigate('/', { replace: true });
  };

  const submitPassword = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<LoginAnswer>('/auth/login', { body: values });
      if (answer.mfaRequired) setStep('totp');
      else await done();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('auth.networkError'));
    } finally {
      setBusy(false);
    }
  };
  const submitTotp = async (values: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api('/auth/totp', { body: values });
      await done();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('auth.networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: 'linear-gradient(135deg, #e6f4ff 0%, #f0f5ff 50%, #fff 100%)' }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <Button type="text" icon={<GlobalOutlined />} onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')} data-testid="login-language">
          {i18n.language === 'en' ? '中文' : 'English'}
        </Button>
      </div>
      <Card style={{ width: 400, boxShadow: '0 8px 24px rgba(0,0,0,0.08)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <div style={{ width: 48, height: 48, margin: '0 auto 12px', borderRadius: 12, background: '#1677ff', color: '#fff', display: 'grid', placeItems: 'center', fontSize: 24, fontWeight: 700 }}>客</div>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('app.name')}</Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {step === 'password' ? (
          <Form layout="vertical" onFinish={submitPassword} requiredMark={false}>
            <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('auth.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
              {t('auth.login')}
            </Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={submitTotp} requiredMark={false}>
            <Typography.Paragraph type="secondary">{t('auth.totpPrompt')}</Typography.Paragraph>
            <Form.Item name="code" label={t('auth.totpCode')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.totpInvalid') }]}>
              <Input prefix={<SafetyOutlined />} inputMode="numeric" maxLength={6} autoFocus autoComplete="one-time-code" data-testid="login-totp" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('auth.verify')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
