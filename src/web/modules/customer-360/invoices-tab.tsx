import { PayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Empty, Progress, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Figure } from './figure';
import { InvoiceModal } from './invoice-modal';
import { isOverdue, Muted, formatMinute, orEmpty, todayIso } from './labels';
import { formatFen } from './money';
import { PaymentModal } from './payment-modal';
import { useInvoices, useOrders, usePayments } from './queries';
import type { Consumption, Invoice, InvoiceStatus, Payment, PaymentMethod } from './types';

const num = { style: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const };
const INVOICE_COLORS: Record<InvoiceStatus, string> = { open: 'processing', paid: 'success', void: 'default' };
const OVERDUE_ROW = { background: '#fff1f0' };

/** §2.3 / §4 invoices and payments (发票与回款): totals, overdue invoices highlighted, record both. */
export function InvoicesTab({ customerId, consumption, editable, onSaved }: { customerId: string; consumption: Consumption; editable: boolean; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const invoices = useInvoices(customerId);
  const payments = usePayments(customerId);
  const orders = useOrders(customerId);
  const [invoicing, setInvoicing] = useState(false);
  const [paying, setPaying] = useState<Invoice | null | undefined>(undefined);
  const invoiceList = invoices.data ?? [];
  const paymentList = payments.data ?? [];
  const orderNo = new Map((orders.data ?? []).map((o) => [o.id, o.orderNo]));
  const invoiceNo = new Map(invoiceList.map((i) => [i.id, i.invoiceNo]));
  const today = todayIso();

  const invoiceColumns = [
    {
      title: t('customer360.invoices.invoiceNo'),
      dataIndex: 'invoiceNo',
      render: (v: string, i: Invoice) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong>{v}</Typography.Text>
          {i.orderId && orderNo.get(i.orderId) && (
            <div>
              <Muted>
                <span style={{ fontSize: 12 }}>{t('customer360.invoices.forOrder', { no: orderNo.get(i.orderId) })}</span>
              </Muted>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('customer360.invoices.dates'),
      key: 'dates',
      width: 176,
      render: (_: unknown, i: Invoice) => (
        <div style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
          <div>{i.issuedAt}</div>
          <Space size={4}>
            <Typography.Text type={isOverdue(i) ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {t('customer360.invoices.dueOn', { date: i.dueAt })}
            </Typography.Text>
            {isOverdue(i) && (
              <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="invoice-overdue">
                {t('customer360.invoices.overdueDays', { count: dayjs(today).diff(dayjs(i.dueAt), 'day') })}
              </Tag>
            )}
          </Space>
        </div>
      ),
    },
    { title: t('customer360.invoices.amount'), dataIndex: 'amountFen', align: 'right' as const, width: 120, render: (v: number) => <span {...num}>{formatFen(v)}</span> },
    {
      title: t('customer360.invoices.paid'),
      key: 'paid',
      width: 124,
      render: (_: unknown, i: Invoice) => (
        <Tooltip title={t('customer360.invoices.outstanding', { amount: formatFen(Math.max(0, i.amountFen - i.paidFen)) })}>
          <div>
            <span {...num}>{formatFen(i.paidFen)}</span>
            <Progress percent={i.amountFen > 0 ? Math.min(100, Math.round((i.paidFen / i.amountFen) * 100)) : 0} size="small" showInfo={false} status={isOverdue(i) ? 'exception' : undefined} style={{ margin: 0 }} />
          </div>
        </Tooltip>
      ),
    },
    { title: t('customer360.invoices.status'), dataIndex: 'status', width: 84, render: (s: InvoiceStatus) => <Tag color={INVOICE_COLORS[s]}>{t(`customer360.invoiceStatus.${s}`)}</Tag> },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 84,
            render: (_: unknown, i: Invoice) =>
              i.status === 'open' && (
                <Tooltip title={t('customer360.invoices.recordPaymentHint')}>
                  <Button type="link" size="small" icon={<PayCircleOutlined />} onClick={() => setPaying(i)} style={{ paddingInline: 0 }} data-testid="invoice-pay">
                    {t('customer360.invoices.recordPayment')}
                  </Button>
                </Tooltip>
              ),
          },
        ]
      : []),
  ];

  const paymentColumns = [
    { title: t('customer360.payments.paidAt'), dataIndex: 'paidAt', width: 150, render: (v: string) => formatMinute(v) },
    { title: t('customer360.payments.amount'), dataIndex: 'amountFen', align: 'right' as const, width: 130, render: (v: number) => <span {...num}>{formatFen(v)}</span> },
    { title: t('customer360.payments.method'), dataIndex: 'method', width: 110, render: (m: PaymentMethod) => t(`customer360.paymentMethod.${m}`) },
    { title: t('customer360.payments.invoice'), dataIndex: 'invoiceId', render: (id: string | null) => (id ? orEmpty(invoiceNo.get(id)) : <Muted>{t('customer360.payments.unallocated')}</Muted>) },
    { title: t('customer360.payments.reference'), dataIndex: 'reference', render: (v: string | null) => orEmpty(v) },
  ];

  const sectionHead = (title: string, action: ReactNode) => (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', margin: '8px 0 12px' }}>
      <Typography.Text strong style={{ fontSize: 15 }}>
        {title}
      </Typography.Text>
      {action}
    </div>
  );
  const addInvoice = editable && (
    <Button icon={<PlusOutlined />} onClick={() => setInvoicing(true)} data-testid="invoice-create">
      {t('customer360.invoices.create')}
    </Button>
  );
  const addPayment = editable && (
    <Button icon={<PlusOutlined />} onClick={() => setPaying(null)} data-testid="payment-create">
      {t('customer360.payments.create')}
    </Button>
  );

  return (
    <div data-testid="c360-billing">
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Figure title={t('customer360.figures.invoiced')} hint={t('customer360.figures.invoicedHint')} value={formatFen(consumption.invoicedFen)} testId="billing-invoiced" />
        </Col>
        <Col xs={12} md={6}>
          <Figure title={t('customer360.figures.paid')} hint={t('customer360.figures.paidHint')} value={formatFen(consumption.paidFen)} testId="billing-paid" />
        </Col>
        <Col xs={12} md={6}>
          <Figure title={t('customer360.figures.receivable')} hint={t('customer360.figures.receivableHint')} value={formatFen(consumption.receivableFen)} testId="billing-receivable" />
        </Col>
        <Col xs={12} md={6}>
          <Figure title={t('customer360.figures.overdue')} hint={t('customer360.figures.overdueHint')} value={formatFen(consumption.overdueFen)} danger={consumption.overdueFen > 0} testId="billing-overdue" />
        </Col>
      </Row>

      {sectionHead(t('customer360.invoices.title'), invoiceList.length > 0 && addInvoice)}
      <Table<Invoice>
        rowKey="id"
        size="middle"
        columns={invoiceColumns}
        dataSource={invoiceList}
        loading={invoices.isFetching}
        scroll={{ x: 720 }}
        onRow={(i) => (isOverdue(i) ? { style: OVERDUE_ROW } : {})}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => t('customer360.invoices.total', { count: n }) }}
        locale={{ emptyText: invoices.isLoading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer360.invoices.empty')}>{addInvoice}</Empty> }}
        data-testid="invoices-table"
      />

      <div style={{ height: 16 }} />
      {sectionHead(t('customer360.payments.title'), paymentList.length > 0 && addPayment)}
      <Table<Payment>
        rowKey="id"
        size="middle"
        columns={paymentColumns}
        dataSource={paymentList}
        loading={payments.isFetching}
        scroll={{ x: 700 }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => t('customer360.payments.total', { count: n }) }}
        locale={{ emptyText: payments.isLoading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer360.payments.empty')}>{addPayment}</Empty> }}
        data-testid="payments-table"
      />

      <InvoiceModal customerId={customerId} orders={orders.data ?? []} open={invoicing} onClose={() => setInvoicing(false)} onSaved={onSaved} />
      <PaymentModal customerId={customerId} invoices={invoiceList} invoice={paying} onClose={() => setPaying(undefined)} onSaved={onSaved} />
    </div>
  );
}
