import { CheckCircleFilled, SafetyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Modal, QRCode, Radio, Result, Row, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';
import { applyServerErrors } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';

type Setup = { secret: string; otpauthUrl: string };
const CODE_RULE = /^\d{6}$/;

/** 两步验证: enrol an authenticator app by QR code and a first code, or turn it off. */
export function TotpTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const qc = useQueryClient();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [busy, setBusy] = useState(false);
  const [disabling, setDisabling] = useState(false);
  const [enableForm] = Form.useForm<{ code: string }>();
  const [disableForm] = Form.useForm<{ method: 'code' | 'password'; code?: string; password?: string }>();
  const disableMethod = Form.useWatch('method', disableForm) ?? 'code';
  if (!me) return null;

  const start = async () => {
    setBusy(true);
    try {
      setSetup(await api<Setup>('/me/totp/setup', { method: 'POST' }));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const enable = async ({ code }: { code: string }) => {
    setBusy(true);
    try {
      await api('/me/totp/enable', { body: { code: code.trim() } });
      message.success(t('profile.totp.enabled'));
      setSetup(null);
      enableForm.resetFields();
      await qc.invalidateQueries({ queryKey: ['me'] });
    } catch (err) {
      const toast = applyServerErrors(enableForm, err, ['code']);
      if (toast) enableForm.setFields([{ name: 'code', errors: [toast] }]);
    } finally {
      setBusy(false);
    }
  };
  const disable = async (v: { method: 'code' | 'password'; code?: string; password?: string }) => {
    setBusy(true);
    try {
      await api('/me/totp/disable', { body: v.method === 'code' ? { code: v.code!.trim() } : { password: v.password } });
      message.success(t('profile.totp.disabled'));
      setDisabling(false);
      disableForm.resetFields();
      await qc.invalidateQueries({ queryKey: ['me'] });
    } catch (err) {
      const toast = applyServerErrors(disableForm, err, ['code', 'password']);
      if (toast) message.error(toast);
    } finally {
      setBusy(false);
    }
  };

  if (me.totpEnabled) {
    return (
      <>
        <Result
          status="success"
          icon={<CheckCircleFilled />}
          title={t('profile.totp.onTitle')}
          subTitle={t('profile.totp.onHint')}
          extra={
            <Button danger onClick={() => setDisabling(true)} data-testid="totp-disable">
              {t('profile.totp.disable')}
            </Button>
          }
        />
        <Modal
          open={disabling}
          title={t('profile.totp.disableTitle')}
          onCancel={() => setDisabling(false)}
          onOk={() => disableForm.submit()}
          okText={t('profile.totp.disable')}
          okButtonProps={{ danger: true, loading: busy, ...testId('totp-disable-submit') }}
          destroyOnHidden
        >
          <Alert type="warning" showIcon title={t('profile.totp.disableWarning')} style={{ marginBottom: 16 }} />
          <Form form={disableForm} layout="vertical" initialValues={{ method: 'code' }} onFinish={disable}>
            <Form.Item name="method" label={t('profile.totp.confirmWith')}>
              <Radio.Group
                options={[
                  { value: 'code', label: t('profile.totp.withCode') },
                  { value: 'password', label: t('profile.totp.withPassword') },
                ]}
              />
            </Form.Item>
            {disableMethod === 'code' ? (
              <Form.Item name="code" label={t('profile.totp.code')} rules={[{ required: true, pattern: CODE_RULE, message: t('profile.totp.codeInvalid') }]}>
                <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" data-testid="totp-disable-code" />
              </Form.Item>
            ) : (
              <Form.Item name="password" label={t('profile.totp.password')} rules={[{ required: true, message: t('profile.password.currentRequired') }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
            )}
          </Form>
        </Modal>
      </>
    );
  }

  return (
    <div style={{ maxWidth: 820 }}>
      {me.mfaSetupRequired && <Alert type="warning" showIcon title={t('profile.totp.requiredTitle')} description={t('profile.totp.requiredHint')} style={{ marginBottom: 24 }} />}
      {!setup ? (
        <Card>
          <Row gutter={24} align="middle">
            <Col flex="64px">
              <SafetyOutlined style={{ fontSize: 48, color: '#1677ff' }} />
            </Col>
            <Col flex="auto">
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t('profile.totp.offTitle')}
              </Typography.Title>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {t('profile.totp.offHint')}
              </Typography.Paragraph>
            </Col>
            <Col>
              <Button type="primary" loading={busy} onClick={start} data-testid="totp-setup">
                {t('profile.totp.setup')}
              </Button>
            </Col>
          </Row>
        </Card>
      ) : (
        <Card>
          <Steps
            size="small"
            current={1}
            style={{ marginBottom: 24 }}
            items={[{ title: t('profile.totp.step1') }, { title: t('profile.totp.step2') }, { title: t('profile.totp.step3') }]}
          />
          <Row gutter={32}>
            <Col xs={24} md={10} style={{ textAlign: 'center' }}>
              <QRCode value={setup.otpauthUrl} size={200} style={{ margin: '0 auto' }} data-testid="totp-qr" />
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
                {t('profile.totp.scanHint')}
              </Typography.Paragraph>
            </Col>
            <Col xs={24} md={14}>
              <Typography.Paragraph>{t('profile.totp.manualHint')}</Typography.Paragraph>
              <Typography.Paragraph code copyable={{ text: setup.secret }} style={{ fontSize: 15, letterSpacing: 1 }} data-testid="totp-secret">
                {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
              </Typography.Paragraph>
              <Form form={enableForm} layout="vertical" onFinish={enable} style={{ marginTop: 24 }}>
                <Form.Item name="code" label={t('profile.totp.enterCode')} rules={[{ required: true, pattern: CODE_RULE, message: t('profile.totp.codeInvalid') }]}>
                  <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" style={{ width: 180, letterSpacing: 4, fontSize: 18 }} data-testid="totp-code" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="totp-enable">
                  {t('profile.totp.enable')}
                </Button>
                <Button type="link" onClick={() => setSetup(null)}>
                  {t('common.cancel')}
                </Button>
              </Form>
            </Col>
          </Row>
        </Card>
      )}
    </div>
  );
}
