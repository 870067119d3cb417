import { Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from './money';
import { useProducts } from './queries';
import type { Product } from './types';

type Props = {
  /** The picked product's id. */
  value?: string | null;
  /** Shown for a picked product that the current search no longer lists. */
  label?: string;
  onPick: (p: Product | null) => void;
  testId?: string;
};

/** Search the catalogue by name or SKU prefix and pick a product; typing an item by hand stays possible beside it. */
export function ProductPicker({ value, label, onPick, testId }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const products = useProducts(q || undefined);
  const list = (products.data ?? []).filter((p) => p.active || p.id === value);
  const options = list.map((p) => ({ value: p.id, label: p.name }));
  if (value && !list.some((p) => p.id === value)) options.unshift({ value, label: label ?? '…' });

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value ?? undefined}
      placeholder={t('customer360.orders.pickProduct')}
      loading={products.isFetching}
      notFoundContent={products.isFetching ? t('customer360.loading') : t('customer360.orders.noProduct')}
      onChange={(id) => onPick(id ? (list.find((p) => p.id === id) ?? null) : null)}
      popupMatchSelectWidth={380}
      options={options}
      optionRender={(o) => {
        const p = list.find((x) => x.id === o.value);
        if (!p) return o.label;
        return (
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <span>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 6 }}>
                {p.sku}
              </Typography.Text>
              {p.name}
            </span>
            <Typography.Text type="secondary">{formatFen(p.unitPriceFen)}</Typography.Text>
          </Space>
        );
      }}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
