import { Select, Space, Typography, type SelectProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useUserOptions } from './customer-queries';

type Props = Omit<SelectProps<string | string[]>, 'options' | 'onSearch' | 'filterOption' | 'showSearch'> & {
  /** Labels of ids already chosen (e.g. the current owner), shown before the list loads. */
  known?: { id: string; name: string | null }[];
};

/**
 * Picks staff users by name (searched on the server, 300 ms after typing stops). Users who may
 * not list staff can still pick themselves, and values already chosen keep their labels.
 */
export function UserPicker({ known = [], ...rest }: Props) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const users = useUserOptions(q);
  const options = useMemo(() => {
    const out = new Map<string, { value: string; label: string; dept?: string | null }>();
    for (const u of users.data ?? []) out.set(u.id, { value: u.id, label: u.displayName, dept: u.departmentName });
    const matches = (name: string) => !q || name.toLowerCase().includes(q.toLowerCase());
    if (me && !out.has(me.id) && matches(me.displayName)) out.set(me.id, { value: me.id, label: me.displayName });
    for (const k of known) if (k.name && !out.has(k.id) && matches(k.name)) out.set(k.id, { value: k.id, label: k.name });
    return [...out.values()].map((o) => ({
      value: o.value,
      label: o.value === me?.id ? `${o.label}${t('customers.picker.meSuffix')}` : o.label,
      dept: o.dept,
    }));
  }, [users.data, me, known, q, t]);

  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={users.isFetching}
      placeholder={t('customers.picker.userPlaceholder')}
      notFoundContent={users.isFetching ? t('customers.picker.searching') : t('customers.picker.noUser')}
      optionRender={(o) => (
        <Space size={6}>
          <span>{o.data.label}</span>
          {o.data.dept && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.data.dept}
            </Typography.Text>
          )}
        </Space>
      )}
      onBlur={() => setTyped('')}
      {...rest}
      options={options}
    />
  );
}
