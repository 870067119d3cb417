import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../ui/form-modal';
import { useServerForm } from '../../ui/use-server-form';
import { downloadFile } from './export-download';

/** Asks why (it goes to the audit log), then downloads everything held on one customer as a ZIP. */
export function PersonalDataDownloadModal({ customerId, customerName, open, onClose }: { customerId: string; customerName: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const server = useServerForm<{ reason: string }>({
    open,
    fields: ['reason'],
    send: ({ reason }) => downloadFile(`/customers/${customerId}/personal-data.zip`, { query: { reason: reason.trim() }, fallbackName: `personal-data-${customerId}.zip` }),
    successMessage: () => t('customerPrivacy.personalData.downloaded'),
    onDone: onClose,
  });

  return (
    <FormModal
      server={server}
      open={open}
      onClose={onClose}
      top={0}
      title={t('customerPrivacy.personalData.downloadTitle', { name: customerName })}
      okText={t('customerPrivacy.personalData.downloadOk')}
      okTestId="personal-data-download-ok"
      formProps={{ preserve: false }}
    >
      <Typography.Paragraph type="secondary">{t('customerPrivacy.personalData.downloadExplain')}</Typography.Paragraph>
      <Form.Item name="reason" label={t('customerPrivacy.personalData.reason')} rules={[{ required: true, whitespace: true, message: t('customerPrivacy.personalData.reasonRequired') }, { max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('customerPrivacy.personalData.reasonPlaceholder')} data-testid="personal-data-reason" />
      </Form.Item>
    </FormModal>
  );
}
