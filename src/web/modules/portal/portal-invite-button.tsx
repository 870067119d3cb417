import { CheckCircleOutlined, ShareAltOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalInvitationResult } from '../../../shared/portal';
import { api } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import { useServerForm } from '../../ui/use-server-form';

/**
 * On the customer 360: opens a portal account for the customer and shows a three-day sign-in
 * link to pass on (WeChat, SMS); it is mailed too when Kefu has a mail server.
 */
export function PortalInviteButton({ customerId, disabled }: { customerId: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<PortalInvitationResult | null>(null);
  const server = useServerForm<{ email?: string }, PortalInvitationResult>({
    open,
    fields: ['email'],
    send: (v) => api<PortalInvitationResult>(`/customers/${customerId}/portal-invitation`, { body: { email: v.email?.trim() || undefined } }),
    onDone: (r) => setResult(r),
  });
  const close = () => {
    setOpen(false);
    setResult(null);
  };
  const link = result ? new URL(result.link, window.location.origin).toString() : '';

  return (
    <>
      <Button icon={<ShareAltOutlined />} disabled={disabled} onClick={() => setOpen(true)} data-testid="c360-portal-invite">
        {t('portal.invite.button')}
      </Button>
      <Modal
        open={open}
        title={t('portal.invite.title')}
        onCancel={close}
        destroyOnHidden
        footer={
          result ? (
            <Button type="primary" onClick={close}>
              {t('portal.invite.close')}
            </Button>
          ) : (
            <Button type="primary" loading={server.busy} onClick={() => server.form.submit()} data-testid="portal-invite-generate">
              {t('portal.invite.generate')}
            </Button>
          )
        }
      >
        {result ? (
          <div data-testid="portal-invite-result">
            <Typography.Text type="secondary">{t('portal.invite.link')}</Typography.Text>
            <Typography.Paragraph copyable={{ text: link }} code style={{ wordBreak: 'break-all', marginTop: 4 }} data-testid="portal-invite-link">
              {link}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('portal.invite.expires', { time: formatDateTime(result.expiresAt) })}</Typography.Paragraph>
            <Alert type={result.mailed ? 'success' : 'info'} showIcon icon={result.mailed ? <CheckCircleOutlined /> : undefined} title={result.mailed ? `${t('portal.invite.mailed')}：${result.email}` : t('portal.invite.notMailed')} />
          </div>
        ) : (
          <Form form={server.form} layout="vertical" onFinish={server.submit}>
            <Typography.Paragraph type="secondary">{t('portal.invite.hint')}</Typography.Paragraph>
            <Form.Item name="email" label={t('portal.invite.email')} rules={[{ type: 'email', message: t('portal.invite.emailInvalid') }]}>
              <Input placeholder={t('portal.invite.emailPlaceholder')} data-testid="portal-invite-email" />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
