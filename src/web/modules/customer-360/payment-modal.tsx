import { Alert, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PAYMENT_METHODS } from '../../../shared/customers';
import { api } from '../../ui/api';
import { FormModal } from '../../ui/form-modal';
import { useServerForm } from '../../ui/use-server-form';
import { fenToYuan, formatFen, yuanInputProps, yuanToFen } from './money';
import type { Invoice, PaymentMethod } from './types';

type Values = { invoiceId?: string | null; paidAt: Dayjs; amount: number; method: PaymentMethod; reference?: string };
const FIELDS = ['invoiceId', 'paidAt', 'amount', 'method', 'reference'];

const outstanding = (i: Invoice) => Math.max(0, i.amountFen - i.paidFen);

/**
 * 登记回款: a payment, optionally against one invoice (which the server marks paid once covered).
 * `invoice` preselects one; `undefined` closes the dialog.
 */
export function PaymentModal({ customerId, invoices, invoice, onClose, onSaved }: { customerId: string; invoices: Invoice[]; invoice: Invoice | null | undefined; onClose: () => void; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const open = invoice !== undefined;
  const server = useServerForm<Values>({
    open,
    initialValues: () => ({ paidAt: dayjs(), method: 'transfer', invoiceId: invoice?.id ?? null, amount: invoice ? (fenToYuan(outstanding(invoice)) ?? undefined) : undefined }),
    fields: FIELDS,
    serverNames: { amountFen: 'amount' },
    send: (v) =>
      api(`/customers/${customerId}/payments`, {
        body: {
          invoiceId: v.invoiceId ?? null,
          paidAt: v.paidAt.toISOString(),
          amountFen: yuanToFen(v.amount) ?? 0,
          method: v.method,
          reference: v.reference?.trim() || null,
        },
      }),
    successMessage: (_, v) => t('customer360.payments.created', { amount: formatFen(yuanToFen(v.amount) ?? 0) }),
    onDone: async () => {
      await onSaved();
      onClose();
    },
  });
  const { form } = server;
  const chosenId = Form.useWatch('invoiceId', form);
  const amount = Form.useWatch('amount', form);
  const chosen = invoices.find((i) => i.id === chosenId);
  const over = chosen && amount ? (yuanToFen(amount) ?? 0) - outstanding(chosen) : 0;

  const payable = invoices.filter((i) => i.status === 'open' || i.id === invoice?.id);

  return (
    <FormModal
      server={server}
      open={open}
      onClose={onClose}
      width={640}
      title={t('customer360.payments.createTitle')}
      okText={t('customer360.payments.createSubmit')}
      okTestId="payment-submit"
      formTestId="payment-form"
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="invoiceId" label={t('customer360.payments.invoice')} extra={t('customer360.payments.invoiceHint')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('customer360.payments.noInvoice')}
              options={payable.map((i) => ({ value: i.id, label: t('customer360.payments.invoiceOption', { no: i.invoiceNo, amount: formatFen(outstanding(i)) }) }))}
              onChange={(id?: string) => {
                const inv = invoices.find((i) => i.id === id);
                if (inv) form.setFieldValue('amount', fenToYuan(outstanding(inv)));
              }}
              data-testid="payment-invoice"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="paidAt" label={t('customer360.payments.paidAt')} rules={[{ required: true, message: t('customer360.payments.paidAtRequired') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="payment-date" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="amount"
            label={t('customer360.payments.amount')}
            rules={[
              { required: true, message: t('customer360.payments.amountRequired') },
              { type: 'number', min: 0.01, message: t('customer360.payments.amountPositive') },
            ]}
          >
            <InputNumber {...yuanInputProps} style={{ width: '100%' }} data-testid="payment-amount" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="method" label={t('customer360.payments.method')}>
            <Select options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`customer360.paymentMethod.${m}`) }))} data-testid="payment-method" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="reference" label={t('customer360.payments.reference')} rules={[{ max: 64 }]}>
            <Input maxLength={64} placeholder={t('customer360.payments.referencePlaceholder')} data-testid="payment-reference" />
          </Form.Item>
        </Col>
      </Row>
      {over > 0 && <Alert type="warning" showIcon title={t('customer360.payments.overpay', { amount: formatFen(over) })} />}
    </FormModal>
  );
}
