import { CheckCircleOutlined, DeleteOutlined } from '@ant-design/icons';
import { Alert, App, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { applyServerErrors } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';

/** `POST /api/v1/customers/:id/anonymize`. */
export type AnonymizeResult = { id: string; anonymizedAt: string; clearedFields: string[]; cascaded: Record<string, number> };

type Values = { reason: string; typedName: string };

/**
 * The strong confirm of anonymization: what is erased, what stays for statistics, a reason for
 * the audit log, and the customer's name typed out before the button unlocks.
 */
export function AnonymizeModal({ customerId, customerName, open, onClose, onDone }: { customerId: string; customerName: string; open: boolean; onClose: () => void; onDone: (r: AnonymizeResult) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const typed = Form.useWatch('typedName', form);
  const matches = (typed ?? '').trim() === customerName.trim();

  const submit = async ({ reason }: Values) => {
    setBusy(true);
    try {
      const r = await api<AnonymizeResult>(`/customers/${customerId}/anonymize`, { body: { reason: reason.trim() } });
      message.success(t('customerPrivacy.anonymize.done'));
      onDone(r);
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
      title={t('customerPrivacy.anonymize.title', { name: customerName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('customerPrivacy.anonymize.ok')}
      okButtonProps={{ danger: true, disabled: !matches, icon: <DeleteOutlined />, ...testId('anonymize-ok') }}
      confirmLoading={busy}
      destroyOnHidden
      width={580}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="anonymize-modal">
        <Alert type="error" showIcon title={t('customerPrivacy.anonymize.warning')} />
        <div>
          <Typography.Text strong>
            <DeleteOutlined style={{ color: '#ff4d4f', marginInlineEnd: 6 }} />
            {t('customerPrivacy.anonymize.erasedTitle')}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 20px' }}>
            {t('customerPrivacy.anonymize.erased')}
          </Typography.Paragraph>
        </div>
        <div>
          <Typography.Text strong>
            <CheckCircleOutlined style={{ color: '#52c41a', marginInlineEnd: 6 }} />
            {t('customerPrivacy.anonymize.keptTitle')}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 20px' }}>
            {t('customerPrivacy.anonymize.kept')}
          </Typography.Paragraph>
        </div>
        <Form<Values> form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item name="reason" label={t('customerPrivacy.anonymize.reason')} rules={[{ required: true, whitespace: true, message: t('customerPrivacy.anonymize.reasonRequired') }, { max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('customerPrivacy.anonymize.reasonPlaceholder')} data-testid="anonymize-reason" />
          </Form.Item>
          <Form.Item
            name="typedName"
            label={t('customerPrivacy.anonymize.typeName', { name: customerName })}
            rules={[{ validator: async (_, v?: string) => ((v ?? '').trim() === customerName.trim() ? undefined : Promise.reject(new Error(t('customerPrivacy.anonymize.typeNameMismatch')))) }]}
            validateTrigger="onBlur"
            style={{ marginBottom: 0 }}
          >
            <Input autoComplete="off" placeholder={customerName} data-testid="anonymize-type-name" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
