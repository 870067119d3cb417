import { useQuery } from '@tanstack/react-query';
import { Select, Space, Typography, type SelectProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../ui/api';

type CustomerHit = { id: string; name: string; phones: { value: string | null }[]; email: string | null; company: string | null };

/** Searches customers by name, pinyin, phone or e-mail (`GET /api/v1/customers?q=`) and picks one id. */
export function CustomerSelect({ known, ...rest }: Omit<SelectProps<string>, 'options' | 'showSearch'> & { known?: { id: string; name: string } | null }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const hits = useQuery({
    queryKey: ['customers', 'picker', q],
    queryFn: () => api<Page<CustomerHit>>('/customers', { query: { q, limit: 20 } }),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const out = (hits.data?.items ?? []).map((c) => ({ value: c.id, label: c.name, hint: [c.phones[0]?.value, c.email, c.company].filter(Boolean).join(' · ') }));
    if (known && !out.some((o) => o.value === known.id)) out.unshift({ value: known.id, label: known.name, hint: '' });
    return out;
  }, [hits.data, known]);
  return (
    <Select<string>
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={hits.isFetching}
      placeholder={t('tickets.form.customerPlaceholder')}
      notFoundContent={q ? (hits.isFetching ? t('tickets.form.searching') : t('tickets.form.customerNone')) : t('tickets.form.customerType')}
      optionRender={(o) => (
        <Space size={6}>
          <span>{o.data.label}</span>
          {o.data.hint && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.data.hint}
            </Typography.Text>
          )}
        </Space>
      )}
      {...rest}
      options={options}
    />
  );
}
