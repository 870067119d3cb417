import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ORDER_STATUSES } from '../../../shared/customers';
import { api } from '../../ui/api';
import { FormModal } from '../../ui/form-modal';
import { useServerForm } from '../../ui/use-server-form';
import { formatFen, formatFenPlain, yuanInputProps, yuanToFen } from './money';
import { ProductPicker } from './product-picker';
import type { OrderStatus } from './types';

type ItemValues = { productId?: string | null; sku?: string; name?: string; quantity?: number; unitPrice?: number };
type Values = {
  orderNo: string;
  orderedAt: Dayjs;
  status: OrderStatus;
  channel?: string;
  items: ItemValues[];
  amount?: number | null;
  margin?: number | null;
};
const FIELDS = ['orderNo', 'orderedAt', 'status', 'channel', 'amount', 'margin'];
/** The server names amounts in fen; the form in 元. */
const SERVER_NAMES: Record<string, string> = { amountFen: 'amount', marginFen: 'margin' };

const itemsTotalFen = (items: ItemValues[] | undefined) =>
  (items ?? []).reduce((sum, i) => sum + Math.round((i?.quantity ?? 0) * (yuanToFen(i?.unitPrice) ?? 0)), 0);

/** What the server takes: typed lines only, amounts in fen; amount and margin only when given. */
function orderBody(v: Values) {
  const lines = (v.items ?? []).filter((i) => i?.name?.trim());
  return {
    orderNo: v.orderNo.trim(),
    orderedAt: v.orderedAt.toISOString(),
    status: v.status,
    channel: v.channel?.trim() || null,
    items: lines.map((i) => ({
      productId: i.productId ?? null,
      sku: i.sku?.trim() || null,
      name: i.name!.trim(),
      quantity: i.quantity ?? 1,
      unitPriceFen: yuanToFen(i.unitPrice) ?? 0,
    })),
    ...(v.amount !== null && v.amount !== undefined ? { amountFen: yuanToFen(v.amount) } : {}),
    ...(v.margin !== null && v.margin !== undefined ? { marginFen: yuanToFen(v.margin) } : {}),
  };
}

/** 记录订单: items from the catalogue or typed, amounts in 元 (sent as fen), order number and date. */
export function OrderModal({ customerId, open, onClose, onSaved }: { customerId: string; open: boolean; onClose: () => void; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const server = useServerForm<Values>({
    open,
    initialValues: () => ({ orderedAt: dayjs(), status: 'completed', items: [{ quantity: 1 }] }),
    fields: FIELDS,
    serverNames: SERVER_NAMES,
    send: (v) => api(`/customers/${customerId}/orders`, { body: orderBody(v) }),
    successMessage: (_, v) => t('customer360.orders.created', { no: v.orderNo.trim() }),
    onDone: async () => {
      await onSaved();
      onClose();
    },
  });
  const { form } = server;
  const items = Form.useWatch('items', form);
  const total = itemsTotalFen(items);

  return (
    <FormModal
      server={server}
      open={open}
      onClose={onClose}
      width={980}
      title={t('customer360.orders.createTitle')}
      okText={t('customer360.orders.createSubmit')}
      okTestId="order-submit"
      formTestId="order-form"
    >
      <Row gutter={16}>
        <Col span={7}>
          <Form.Item name="orderNo" label={t('customer360.orders.orderNo')} rules={[{ required: true, whitespace: true, message: t('customer360.orders.orderNoRequired') }, { max: 64 }]}>
            <Input maxLength={64} placeholder={t('customer360.orders.orderNoPlaceholder')} data-testid="order-no" />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="orderedAt" label={t('customer360.orders.orderedAt')} rules={[{ required: true, message: t('customer360.orders.orderedAtRequired') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="order-date" />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name="status" label={t('customer360.orders.status')} extra={t('customer360.orders.statusHint')}>
            <Select options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`customer360.orderStatus.${s}`) }))} data-testid="order-status" />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name="channel" label={t('customer360.orders.channel')} rules={[{ max: 40 }]}>
            <Input maxLength={40} placeholder={t('customer360.orders.channelPlaceholder')} data-testid="order-channel" />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start" style={{ margin: '4px 0 12px' }}>
        {t('customer360.orders.items')}
      </Divider>
      <Row gutter={8} style={{ marginBottom: 4 }}>
        {(['itemProduct', 'itemName', 'itemQuantity', 'itemUnitPrice', 'itemSubtotal'] as const).map((k, i) => (
          <Col key={k} span={[6, 6, 3, 4, 4][i]} style={k === 'itemSubtotal' ? { textAlign: 'right' } : undefined}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`customer360.orders.${k}`)}
            </Typography.Text>
          </Col>
        ))}
      </Row>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => {
              const line = items?.[field.name];
              const subtotal = Math.round((line?.quantity ?? 0) * (yuanToFen(line?.unitPrice) ?? 0));
              return (
                <Row key={field.key} gutter={8} align="top" data-testid="order-item">
                  <Col span={6}>
                    <Form.Item name={[field.name, 'productId']} style={{ marginBottom: 8 }}>
                      <ProductPicker
                        value={line?.productId}
                        label={line?.name}
                        testId="order-item-product"
                        onPick={(p) => {
                          const current = form.getFieldValue(['items', field.name]) as ItemValues;
                          form.setFieldValue(
                            ['items', field.name],
                            p ? { ...current, productId: p.id, sku: p.sku, name: p.name, unitPrice: p.unitPriceFen / 100 } : { ...current, productId: null, sku: undefined },
                          );
                        }}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'sku']} hidden>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item
                      name={[field.name, 'name']}
                      style={{ marginBottom: 8 }}
                      rules={[
                        { required: true, whitespace: true, message: t('customer360.orders.itemNameRequired') },
                        { max: 128 },
                      ]}
                    >
                      <Input maxLength={128} placeholder={t('customer360.orders.itemNamePlaceholder')} data-testid="order-item-name" />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[field.name, 'quantity']} style={{ marginBottom: 8 }} rules={[{ required: true, message: t('customer360.orders.quantityRequired') }]}>
                      <InputNumber min={0.001} max={1_000_000} style={{ width: '100%' }} data-testid="order-item-quantity" />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[field.name, 'unitPrice']} style={{ marginBottom: 8 }} rules={[{ required: true, message: t('customer360.orders.unitPriceRequired') }]}>
                      <InputNumber {...yuanInputProps} style={{ width: '100%' }} data-testid="order-item-price" />
                    </Form.Item>
                  </Col>
                  <Col span={4} style={{ paddingTop: 5, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                    {formatFen(subtotal)}
                  </Col>
                  <Col span={1}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                  </Col>
                </Row>
              );
            })}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} style={{ width: '100%', marginBottom: 16 }} data-testid="order-add-item">
              {t('customer360.orders.addItem')}
            </Button>
          </>
        )}
      </Form.List>

      <Row gutter={16} align="bottom">
        <Col span={8}>
          <Form.Item label={t('customer360.orders.itemsTotal')}>
            <Typography.Text strong style={{ fontSize: 16, fontVariantNumeric: 'tabular-nums' }} data-testid="order-items-total">
              {formatFen(total)}
            </Typography.Text>
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="amount"
            label={t('customer360.orders.amount')}
            extra={t('customer360.orders.amountHint')}
            dependencies={['items']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: number | null | undefined) =>
                  (value === null || value === undefined) && ((getFieldValue('items') as ItemValues[] | undefined) ?? []).filter((i) => i?.name?.trim()).length === 0
                    ? Promise.reject(new Error(t('customer360.orders.amountOrItems')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <InputNumber {...yuanInputProps} placeholder={total > 0 ? formatFenPlain(total) : undefined} style={{ width: '100%' }} data-testid="order-amount" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="margin" label={t('customer360.orders.margin')} extra={t('customer360.orders.marginHint')}>
            <InputNumber {...yuanInputProps} min={undefined} style={{ width: '100%' }} data-testid="order-margin" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
