import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../ui/api';

type StaffUser = { id: string; displayName: string; username: string };

/**
 * Picks one active staff user, searched on the server by name. `current` keeps the label of
 * the value already chosen when the list does not (yet) hold it.
 */
export function StaffSelect({ current, ...rest }: Omit<SelectProps<string>, 'options' | 'showSearch' | 'onSearch' | 'filterOption'> & { current?: { id: string; name: string } | null }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const users = useQuery({
    queryKey: ['users', 'staff-select', q],
    staleTime: 30_000,
    // agents without user-admin rights get a 403 here: they simply see no choices
    queryFn: async () => (await api<Page<StaffUser>>('/users', { query: { q: q || undefined, status: 'active', limit: 50 } })).items,
    retry: false,
  });
  const options = (users.data ?? []).map((u) => ({ value: u.id, label: u.displayName || u.username }));
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, label: current.name });
  return (
    <Select<string>
      {...rest}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      placeholder={rest.placeholder ?? t('complaints.userSearch')}
      options={options}
      loading={users.isFetching}
      allowClear
    />
  );
}
