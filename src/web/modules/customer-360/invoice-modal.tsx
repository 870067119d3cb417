import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { applyServerErrors } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';
import { fenToYuan, formatFen, yuanInputProps, yuanToFen } from './money';
import { renameErrorFields } from './rename-error-fields';
import type { Order } from './types';

type Values = { invoiceNo: string; orderId?: string | null; issuedAt: Dayjs; dueAt: Dayjs; amount: number };
const FIELDS = ['invoiceNo', 'orderId', 'issuedAt', 'dueAt', 'amount'];
/** Payment terms most Chinese B2B invoices carry. */
const DEFAULT_TERM_DAYS = 30;

/** 开具发票: number, optional order, issue and due dates, amount in 元. */
export function InvoiceModal({ customerId, orders, open, onClose, onSaved }: { customerId: string; orders: Order[]; open: boolean; onClose: () => void; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ issuedAt: dayjs(), dueAt: dayjs().add(DEFAULT_TERM_DAYS, 'day') });
  }, [open, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    const body = {
      invoiceNo: v.invoiceNo.trim(),
      orderId: v.orderId ?? null,
      issuedAt: v.issuedAt.format('YYYY-MM-DD'),
      dueAt: v.dueAt.format('YYYY-MM-DD'),
      amountFen: yuanToFen(v.amount) ?? 0,
    };
    try {
      await api(`/customers/${customerId}/invoices`, { body });
      message.success(t('customer360.invoices.created', { no: body.invoiceNo }));
      await onSaved();
      onClose();
    } catch (err) {
      const toast = applyServerErrors(form, renameErrorFields(err, { amountFen: 'amount' }), FIELDS);
      if (toast) message.error(toast);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      width={640}
      title={t('customer360.invoices.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('customer360.invoices.createSubmit')}
      okButtonProps={{ loading: saving, ...testId('invoice-submit') }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }} data-testid="invoice-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="invoiceNo" label={t('customer360.invoices.invoiceNo')} rules={[{ required: true, whitespace: true, message: t('customer360.invoices.invoiceNoRequired') }, { max: 64 }]}>
              <Input maxLength={64} placeholder={t('customer360.invoices.invoiceNoPlaceholder')} data-testid="invoice-no" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="orderId" label={t('customer360.invoices.order')} extra={t('customer360.invoices.orderHint')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('customer360.invoices.orderPlaceholder')}
                options={orders.map((o) => ({ value: o.id, label: `${o.orderNo} · ${formatFen(o.amountFen)}` }))}
                onChange={(id?: string) => {
                  const order = orders.find((o) => o.id === id);
                  if (order && !form.getFieldValue('amount')) form.setFieldValue('amount', fenToYuan(order.amountFen));
                }}
                data-testid="invoice-order"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="issuedAt" label={t('customer360.invoices.issuedAt')} rules={[{ required: true, message: t('customer360.invoices.issuedAtRequired') }]}>
              <DatePicker style={{ width: '100%' }} data-testid="invoice-issued" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="dueAt"
              label={t('customer360.invoices.dueAt')}
              dependencies={['issuedAt']}
              rules={[
                { required: true, message: t('customer360.invoices.dueAtRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, due: Dayjs | undefined) => {
                    const issued = getFieldValue('issuedAt') as Dayjs | undefined;
                    return due && issued && due.isBefore(issued, 'day') ? Promise.reject(new Error(t('customer360.invoices.dueBeforeIssue'))) : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="invoice-due" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="amount"
              label={t('customer360.invoices.amount')}
              rules={[
                { required: true, message: t('customer360.invoices.amountRequired') },
                { type: 'number', min: 0.01, message: t('customer360.invoices.amountPositive') },
              ]}
            >
              <InputNumber {...yuanInputProps} style={{ width: '100%' }} data-testid="invoice-amount" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
