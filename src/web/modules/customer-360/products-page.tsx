import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { PageCard } from '../../ui/page-card';
import { formatFen } from './money';
import { Muted } from './labels';
import { ProductModal } from './product-modal';
import { useProducts } from './queries';
import type { Product } from './types';

type Shown = 'all' | 'active' | 'inactive';

/** 商品目录 (§2.3): the light product catalogue that orders pick their items from. */
export default function ProductsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const qc = useQueryClient();
  const manage = can('customers.update');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [shown, setShown] = useState<Shown>('all');
  const [editing, setEditing] = useState<Product | null | undefined>(undefined);
  const products = useProducts(q || undefined);
  const all = useMemo(() => products.data ?? [], [products.data]);
  const rows = all.filter((p) => shown === 'all' || (shown === 'active') === p.active);
  const categories = useMemo(() => [...new Set(all.map((p) => p.category).filter((c): c is string => !!c))].sort(), [all]);
  const filtered = !!q || shown !== 'all';

  const columns = [
    {
      title: t('customer360.products.sku'),
      dataIndex: 'sku',
      width: 180,
      sorter: (a: Product, b: Product) => a.sku.localeCompare(b.sku),
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t('customer360.products.name'),
      dataIndex: 'name',
      sorter: (a: Product, b: Product) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (v: string, p: Product) => <Typography.Text type={p.active ? undefined : 'secondary'}>{v}</Typography.Text>,
    },
    {
      title: t('customer360.products.category'),
      dataIndex: 'category',
      width: 160,
      filters: categories.map((c) => ({ text: c, value: c })),
      onFilter: (value: unknown, p: Product) => p.category === value,
      render: (v: string | null) => (v ? <Tag style={{ marginInlineEnd: 0 }}>{v}</Tag> : <Muted>—</Muted>),
    },
    {
      title: t('customer360.products.unitPrice'),
      dataIndex: 'unitPriceFen',
      width: 150,
      align: 'right' as const,
      sorter: (a: Product, b: Product) => a.unitPriceFen - b.unitPriceFen,
      render: (v: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(v)}</span>,
    },
    {
      title: t('customer360.products.status'),
      dataIndex: 'active',
      width: 110,
      render: (v: boolean) => <Badge status={v ? 'success' : 'default'} text={v ? t('customer360.products.onSale') : t('customer360.products.offSale')} />,
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, p: Product) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid="product-edit">
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const create = manage && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="product-create">
      {t('customer360.products.create')}
    </Button>
  );

  return (
    <PageCard title={t('customer360.products.title')} description={t('customer360.products.description')} extra={create}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('customer360.products.searchPlaceholder')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value) setQ('');
          }}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 300 }}
          data-testid="product-search"
        />
        <Segmented<Shown>
          value={shown}
          onChange={setShown}
          options={[
            { value: 'all', label: t('customer360.products.showAll') },
            { value: 'active', label: t('customer360.products.onSale') },
            { value: 'inactive', label: t('customer360.products.offSale') },
          ]}
          data-testid="product-shown"
        />
        {filtered && (
          <Button
            onClick={() => {
              setText('');
              setQ('');
              setShown('all');
            }}
          >
            {t('common.reset')}
          </Button>
        )}
      </Space>
      <Table<Product>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={products.isFetching}
        scroll={{ x: 800 }}
        pagination={{ pageSize: 20, hideOnSinglePage: false, showSizeChanger: false, showTotal: (n) => t('customer360.products.total', { count: n }) }}
        locale={{
          emptyText: products.isLoading ? ' ' : <Empty description={filtered ? t('customer360.products.noMatch') : t('customer360.products.empty')}>{!filtered && create}</Empty>,
        }}
        data-testid="products-table"
      />
      {all.length >= 500 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('customer360.products.capped')}
        </Typography.Text>
      )}
      <ProductModal product={editing} categories={categories} onClose={() => setEditing(undefined)} onSaved={() => qc.invalidateQueries({ queryKey: ['products'] })} />
    </PageCard>
  );
}
