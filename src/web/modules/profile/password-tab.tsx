import { App, Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../ui/api';
import { applyServerErrors } from '../../ui/server-form-errors';

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** 修改密码: current password, a new one under the policy, typed twice. */
export function PasswordTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      await api('/me/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      message.success(t('profile.password.changed'));
      form.resetFields();
    } catch (err) {
      // The server names the problem by code; put it under the field it concerns.
      const field = err instanceof ApiError ? (err.code === 'current_password_invalid' ? 'currentPassword' : err.code.startsWith('password_') ? 'newPassword' : null) : null;
      if (field) form.setFields([{ name: field, errors: [(err as ApiError).message] }]);
      else {
        const toast = applyServerErrors(form, err, ['currentPassword', 'newPassword']);
        if (toast) message.error(toast);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <div style={{ maxWidth: 440 }}>
      <Alert type="info" showIcon title={t('profile.password.policy')} description={t('profile.password.othersSignedOut')} style={{ marginBottom: 24 }} />
      <Form form={form} layout="vertical" onFinish={submit} data-testid="password-form">
        <Form.Item name="currentPassword" label={t('profile.password.current')} rules={[{ required: true, message: t('profile.password.currentRequired') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('profile.password.new')}
          rules={[
            { required: true, message: t('profile.password.newRequired') },
            // Counted in characters as the server does, so a Chinese character counts once.
            { validator: async (_, v: string) => { if (v && ([...v].length < 8 || [...v].length > 128)) throw new Error(t('profile.password.length')); } },
            ({ getFieldValue }) => ({
              validator: async (_, v: string) => {
                if (v && v === getFieldValue('currentPassword')) throw new Error(t('profile.password.sameAsCurrent'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('profile.password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('profile.password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: async (_, v: string) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error(t('profile.password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="password-submit">
          {t('profile.password.submit')}
        </Button>
      </Form>
    </div>
  );
}
