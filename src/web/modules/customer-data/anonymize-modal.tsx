import { CheckCircleOutlined, DeleteOutlined } from '@ant-design/icons';
import { Alert, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AnonymizeResult } from '../../../shared/customer-privacy';
import { api } from '../../ui/api';
import { FormModal } from '../../ui/form-modal';
import { useServerForm } from '../../ui/use-server-form';

/** `POST /api/v1/customers/:id/anonymize`. */
export type { AnonymizeResult };

type Values = { reason: string; typedName: string };

/**
 * The strong confirm of anonymization: what is erased, what stays for statistics, a reason for
 * the audit log, and the customer's name typed out before the button unlocks.
 */
export function AnonymizeModal({ customerId, customerName, open, onClose, onDone }: { customerId: string; customerName: string; open: boolean; onClose: () => void; onDone: (r: AnonymizeResult) => void }) {
  const { t } = useTranslation();
  const server = useServerForm<Values, AnonymizeResult>({
    open,
    fields: ['reason'],
    send: ({ reason }) => api<AnonymizeResult>(`/customers/${customerId}/anonymize`, { body: { reason: reason.trim() } }),
    successMessage: () => t('customerPrivacy.anonymize.done'),
    onDone,
  });
  const typed = Form.useWatch('typedName', server.form);
  const matches = (typed ?? '').trim() === customerName.trim();

  return (
    <FormModal
      server={server}
      open={open}
      onClose={onClose}
      width={580}
      top={0}
      title={t('customerPrivacy.anonymize.title', { name: customerName })}
      okText={t('customerPrivacy.anonymize.ok')}
      okTestId="anonymize-ok"
      okButtonProps={{ danger: true, disabled: !matches, icon: <DeleteOutlined /> }}
      formProps={{ preserve: false }}
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
        <div>
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
        </div>
      </Space>
    </FormModal>
  );
}
