import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';
import { downloadFile } from './export-download';

/** Asks why (it goes to the audit log), then downloads everything held on one customer as a ZIP. */
export function PersonalDataDownloadModal({ customerId, customerName, open, onClose }: { customerId: string; customerName: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      await downloadFile(`/customers/${customerId}/personal-data.zip`, { query: { reason: reason.trim() }, fallbackName: `personal-data-${customerId}.zip` });
      message.success(t('customerPrivacy.personalData.downloaded'));
      onClose();
    } catch (err) {
      const toast = applyServerErrors(form, err, ['reason']);
      if (toast) message.error(toast);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('customerPrivacy.personalData.downloadTitle', { name: customerName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('customerPrivacy.personalData.downloadOk')}
      confirmLoading={busy}
      okButtonProps={testId('personal-data-download-ok')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('customerPrivacy.personalData.downloadExplain')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="reason" label={t('customerPrivacy.personalData.reason')} rules={[{ required: true, whitespace: true, message: t('customerPrivacy.personalData.reasonRequired') }, { max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('customerPrivacy.personalData.reasonPlaceholder')} data-testid="personal-data-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
