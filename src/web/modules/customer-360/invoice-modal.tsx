import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { FormModal } from '../../ui/form-modal';
import { useServerForm } from '../../ui/use-server-form';
import { fenToYuan, formatFen, yuanInputProps, yuanToFen } from './money';
import type { Order } from './types';

type Values = { invoiceNo: string; orderId?: string | null; issuedAt: Dayjs; dueAt: Dayjs; amount: number };
const FIELDS = ['invoiceNo', 'orderId', 'issuedAt', 'dueAt', 'amount'];
/** Payment terms most Chinese B2B invoices carry. */
const DEFAULT_TERM_DAYS = 30;

/** 开具发票: number, optional order, issue and due dates, amount in 元. */
export function InvoiceModal({ customerId, orders, open, onClose, onSaved }: { customerId: string; orders: Order[]; open: boolean; onClose: () => void; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const server = useServerForm<Values>({
    open,
    initialValues: () => ({ issuedAt: dayjs(), dueAt: dayjs().add(DEFAULT_TERM_DAYS, 'day') }),
    fields: FIELDS,
    serverNames: { amountFen: 'amount' },
    send: (v) =>
      api(`/customers/${customerId}/invoices`, {
        body: {
          invoiceNo: v.invoiceNo.trim(),
          orderId: v.orderId ?? null,
          issuedAt: v.issuedAt.format('YYYY-MM-DD'),
          dueAt: v.dueAt.format('YYYY-MM-DD'),
          amountFen: yuanToFen(v.amount) ?? 0,
        },
      }),
    successMessage: (_, v) => t('customer360.invoices.created', { no: v.invoiceNo.trim() }),
    onDone: async () => {
      await onSaved();
      onClose();
    },
  });
  const { form } = server;

  return (
    <FormModal
      server={server}
      open={open}
      onClose={onClose}
      width={640}
      title={t('customer360.invoices.createTitle')}
      okText={t('customer360.invoices.createSubmit')}
      okTestId="invoice-submit"
      formTestId="invoice-form"
    >
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
    </FormModal>
  );
}
