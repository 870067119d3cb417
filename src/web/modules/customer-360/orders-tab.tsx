import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Empty, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Figure } from './figure';
import { formatFen, formatQuantity } from './money';
import { formatMinute, Muted, orEmpty } from './labels';
import { OrderModal } from './order-modal';
import { useOrders } from './queries';
import type { Consumption, Order, OrderItem, OrderStatus } from './types';

export const ORDER_STATUS_COLORS: Record<OrderStatus, string> = { open: 'processing', completed: 'success', cancelled: 'default', returned: 'warning' };

const num = { style: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const };

function ItemsTable({ items }: { items: OrderItem[] }) {
  const { t } = useTranslation();
  return (
    <Table<OrderItem>
      size="small"
      rowKey={(_, i) => String(i)}
      pagination={false}
      dataSource={items}
      columns={[
        { title: t('customer360.orders.itemSku'), dataIndex: 'sku', width: 140, render: (v: string | null) => orEmpty(v) },
        { title: t('customer360.orders.itemName'), dataIndex: 'name' },
        { title: t('customer360.orders.itemQuantity'), dataIndex: 'quantity', align: 'right', width: 100, render: (q: number) => <span {...num}>{formatQuantity(q)}</span> },
        { title: t('customer360.orders.itemUnitPrice'), dataIndex: 'unitPriceFen', align: 'right', width: 140, render: (v: number) => <span {...num}>{formatFen(v)}</span> },
        {
          title: t('customer360.orders.itemSubtotal'),
          key: 'subtotal',
          align: 'right',
          width: 140,
          render: (_: unknown, i: OrderItem) => <span {...num}>{formatFen(Math.round(i.quantity * i.unitPriceFen))}</span>,
        },
      ]}
    />
  );
}

/** §2.3 orders: what the customer bought, with items, amounts and margin; record a new order. */
export function OrdersTab({ customerId, consumption, editable, onSaved }: { customerId: string; consumption: Consumption; editable: boolean; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const orders = useOrders(customerId);
  const [creating, setCreating] = useState(false);
  const list = orders.data ?? [];

  const columns = [
    {
      title: t('customer360.orders.orderNo'),
      dataIndex: 'orderNo',
      width: 190,
      render: (v: string, o: Order) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong>{v}</Typography.Text>
          <div>
            <Muted>
              <span style={{ fontSize: 12 }}>
                {formatMinute(o.orderedAt)}
                {o.channel && ` · ${o.channel}`}
              </span>
            </Muted>
          </div>
        </div>
      ),
    },
    {
      title: t('customer360.orders.items'),
      dataIndex: 'items',
      render: (items: OrderItem[]) =>
        items.length === 0 ? (
          <Muted>{t('customer360.orders.noItems')}</Muted>
        ) : (
          <Space size={4} style={{ maxWidth: '100%' }}>
            <Typography.Text ellipsis={{ tooltip: items.map((i) => i.name).join('、') }} style={{ maxWidth: 180 }}>
              {items[0]!.name}
            </Typography.Text>
            {items.length > 1 && (
              <Tooltip title={t('customer360.orders.itemsSummary', { name: items[0]!.name, count: items.length })}>
                <Tag style={{ marginInlineEnd: 0 }}>+{items.length - 1}</Tag>
              </Tooltip>
            )}
          </Space>
        ),
    },
    { title: t('customer360.orders.amount'), dataIndex: 'amountFen', align: 'right' as const, width: 130, render: (v: number) => <span {...num}>{formatFen(v)}</span> },
    { title: t('customer360.orders.margin'), dataIndex: 'marginFen', align: 'right' as const, width: 120, render: (v: number | null) => (v === null ? <Muted>—</Muted> : <span {...num}>{formatFen(v)}</span>) },
    { title: t('customer360.orders.status'), dataIndex: 'status', width: 96, render: (s: OrderStatus) => <Tag color={ORDER_STATUS_COLORS[s]}>{t(`customer360.orderStatus.${s}`)}</Tag> },
  ];

  const add = editable && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="order-create">
      {t('customer360.orders.create')}
    </Button>
  );

  return (
    <div data-testid="c360-orders">
      <Row gutter={[16, 16]} align="middle" style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Figure title={t('customer360.figures.orders')} hint={t('customer360.figures.ordersHint')} value={String(consumption.orderCount)} testId="orders-count" />
        </Col>
        <Col xs={12} md={6}>
          <Figure title={t('customer360.figures.revenue')} hint={t('customer360.figures.revenueHint')} value={formatFen(consumption.revenueFen)} testId="orders-revenue" />
        </Col>
        <Col xs={12} md={6}>
          <Figure title={t('customer360.figures.margin')} hint={t('customer360.figures.marginHint')} value={formatFen(consumption.marginFen)} testId="orders-margin" />
        </Col>
        <Col xs={12} md={6} style={{ textAlign: 'right' }}>
          {list.length > 0 && add}
        </Col>
      </Row>
      <Table<Order>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list}
        loading={orders.isFetching}
        scroll={{ x: 680 }}
        expandable={{ expandedRowRender: (o) => <ItemsTable items={o.items} />, rowExpandable: (o) => o.items.length > 0 }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => t('customer360.orders.total', { count: n }) }}
        locale={{ emptyText: orders.isLoading ? ' ' : <Empty description={t('customer360.orders.empty')}>{add}</Empty> }}
        data-testid="orders-table"
      />
      <OrderModal customerId={customerId} open={creating} onClose={() => setCreating(false)} onSaved={onSaved} />
    </div>
  );
}
