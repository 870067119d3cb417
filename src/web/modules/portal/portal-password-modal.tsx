import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { FormModal } from '../../ui/form-modal';
import { useServerForm } from '../../ui/use-server-form';
import { portalKeys } from './portal-queries';

type Values = { password: string; confirm: string };

/** Sets the customer's password, so the next sign-in needs no mailed link. */
export function PortalPasswordModal({ open, onClose }: { open: boolean; hasPassword: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const server = useServerForm<Values>({
    open,
    fields: ['password'],
    send: (v) => api('/portal/me/password', { body: { password: v.password } }),
    successMessage: () => t('portal.password.saved'),
    onDone: async () => {
      await qc.invalidateQueries({ queryKey: portalKeys.me });
      onClose();
    },
  });
  return (
    <FormModal title={t('portal.password.title')} open={open} onClose={onClose} server={server} okText={t('portal.password.title')} okTestId="portal-password-save" formTestId="portal-password-form" top={0}>
      <Typography.Paragraph type="secondary">{t('portal.password.hint')}</Typography.Paragraph>
      <Form.Item name="password" label={t('portal.password.new')} rules={[{ required: true, min: 8, message: t('portal.password.hint') }]}>
        <Input.Password autoComplete="new-password" data-testid="portal-password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('portal.password.confirm')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('portal.password.mismatch') },
          ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('portal.password.mismatch')))) }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="portal-password-confirm" />
      </Form.Item>
    </FormModal>
  );
}
