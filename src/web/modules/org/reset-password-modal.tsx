import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { applyServerErrors } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';
import type { User } from './org-types';

// Letters and digits without look-alikes (0/O, 1/l/I), so it can be read out over the phone.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

function generatePassword(length = 14): string {
  const bytes = crypto.getRandomValues(new Uint32Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** An administrator sets a new password for a user; the user's sessions end on the server. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const close = () => {
    setDone(null);
    form.resetFields();
    onClose();
  };
  const submit = async ({ password }: { password: string }) => {
    if (!user) return;
    setSaving(true);
    try {
      await api(`/users/${user.id}/reset-password`, { body: { password } });
      setDone(password);
    } catch (err) {
      const toast = applyServerErrors(form, err, ['password']);
      if (toast) message.error(toast);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!user}
      title={t('org.users.resetTitle', { name: user?.displayName })}
      onCancel={close}
      destroyOnHidden
      footer={
        done
          ? [<Button key="close" type="primary" onClick={close}>{t('common.close')}</Button>]
          : [
              <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
              <Button key="ok" type="primary" danger loading={saving} onClick={() => form.submit()} {...testId('reset-password-submit')}>
                {t('org.users.resetPassword')}
              </Button>,
            ]
      }
    >
      {done ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon title={t('org.users.resetDone')} />
          <Typography.Paragraph copyable={{ text: done }} code style={{ fontSize: 18, margin: '12px 0' }}>
            {done}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('org.users.resetShareHint')}</Typography.Text>
        </Space>
      ) : (
        <Form form={form} layout="vertical" onFinish={submit}>
          <Typography.Paragraph type="secondary">{t('org.users.resetExplain')}</Typography.Paragraph>
          <Form.Item label={t('org.users.newPassword')} required extra={t('org.users.passwordPolicy')}>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="password" noStyle rules={[{ required: true, message: t('org.users.passwordRequired') }, { min: 8, max: 128, message: t('org.users.passwordLength') }]}>
                <Input.Password autoComplete="new-password" data-testid="reset-password-input" />
              </Form.Item>
              <Button icon={<ThunderboltOutlined />} onClick={() => form.setFieldsValue({ password: generatePassword() })}>
                {t('org.users.generate')}
              </Button>
            </Space.Compact>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
