import { ArrowRightOutlined } from '@ant-design/icons';
import { App, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIFECYCLE_TRANSITIONS, type CustomerView, type LifecycleStatus } from '../../../shared/customers';
import { api } from '../../ui/api';
import { applyServerErrors } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';
import { StatusTag } from './labels';
import { enumLabel } from '../customers/customer-labels';

type Values = { status: LifecycleStatus; reason: string };

/** Moves the lifecycle along an allowed edge (潜在 → 新客户 → 现实 → 风险 → 流失 → 挽回) with a reason. */
export function StatusChangeModal({ customer, open, onClose, onSaved }: { customer: CustomerView; open: boolean; onClose: () => void; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const next = LIFECYCLE_TRANSITIONS[customer.lifecycleStatus];
  const chosen = Form.useWatch('status', form);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      await api(`/customers/${customer.id}/status`, { body: { status: v.status, reason: v.reason.trim() } });
      message.success(t('customer360.status.changed', { status: enumLabel(t, 'status', v.status) }));
      await onSaved();
      onClose();
    } catch (err) {
      const toast = applyServerErrors(form, err, ['status', 'reason']);
      if (toast) message.error(toast);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('customer360.status.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('customer360.status.submit')}
      okButtonProps={{ loading: saving, ...testId('status-submit') }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }} requiredMark={false}>
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
      </Form>
    </Modal>
  );
}
