import { ArrowRightOutlined } from '@ant-design/icons';
import { Form, Input, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIFECYCLE_TRANSITIONS, type CustomerView, type LifecycleStatus } from '../../../shared/customers';
import { api } from '../../ui/api';
import { FormModal } from '../../ui/form-modal';
import { useServerForm } from '../../ui/use-server-form';
import { StatusTag } from './labels';
import { enumLabel } from '../customers/customer-labels';

type Values = { status: LifecycleStatus; reason: string };

/** Moves the lifecycle along an allowed edge (潜在 → 新客户 → 现实 → 风险 → 流失 → 挽回) with a reason. */
export function StatusChangeModal({ customer, open, onClose, onSaved }: { customer: CustomerView; open: boolean; onClose: () => void; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const server = useServerForm<Values>({
    open,
    fields: ['status', 'reason'],
    send: (v) => api(`/customers/${customer.id}/status`, { body: { status: v.status, reason: v.reason.trim() } }),
    successMessage: (_, v) => t('customer360.status.changed', { status: enumLabel(t, 'status', v.status) }),
    onDone: async () => {
      await onSaved();
      onClose();
    },
  });
  const next = LIFECYCLE_TRANSITIONS[customer.lifecycleStatus];
  const chosen = Form.useWatch('status', server.form);

  return (
    <FormModal
      server={server}
      open={open}
      onClose={onClose}
      title={t('customer360.status.title')}
      okText={t('customer360.status.submit')}
      okTestId="status-submit"
      formProps={{ requiredMark: false }}
    >
      <Form.Item label={t('customer360.status.current')}>
        <Space>
          <StatusTag status={customer.lifecycleStatus} />
          {chosen && (
            <>
              <ArrowRightOutlined style={{ color: '#8c8c8c' }} />
              <StatusTag status={chosen} />
            </>
          )}
        </Space>
      </Form.Item>
      <Form.Item name="status" label={t('customer360.status.next')} rules={[{ required: true, message: t('customer360.status.nextRequired') }]} extra={t('customer360.status.nextHint')}>
        <Radio.Group data-testid="status-options">
          {next.map((s) => (
            <Radio.Button key={s} value={s}>
              <span data-testid={`status-option-${s}`}>{enumLabel(t, 'status', s)}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('customer360.status.reason')}
        rules={[
          { required: true, whitespace: true, message: t('customer360.status.reasonRequired') },
          { max: 500, message: t('customer360.status.reasonTooLong') },
        ]}
      >
        <Input.TextArea rows={3} showCount maxLength={500} placeholder={t('customer360.status.reasonPlaceholder')} data-testid="status-reason" />
      </Form.Item>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('customer360.status.audited')}
      </Typography.Text>
    </FormModal>
  );
}
