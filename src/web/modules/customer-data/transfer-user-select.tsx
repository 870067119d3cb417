import { useQuery } from '@tanstack/react-query';
import { Select, Space, Tag, Typography, type SelectProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../ui/api';

/** A staff user as `GET /api/v1/users` lists it (the fields the transfer page needs). */
export type StaffUser = { id: string; username: string; displayName: string; status: 'active' | 'disabled'; departmentId: string | null; departmentName?: string | null };

/** The status of a staff account as a small tag: departing owners are often disabled already. */
export function UserStatusTag({ status }: { status: StaffUser['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`customerPrivacy.userStatus.${status}`)}
    </Tag>
  );
}

type Props = Omit<SelectProps<string | string[]>, 'options' | 'onSearch' | 'filterOption' | 'showSearch' | 'onChange'> & {
  /** `active`: recipients; `any`: the departing owner (disabled accounts first, they are the usual case). */
  statuses: 'active' | 'any';
  /** Never offered (the departing owner, when picking recipients). */
  excludeId?: string;
  /** Users picked before (e.g. in another mode), so a kept value still shows its name. */
  known?: StaffUser[];
  onChange?: (value: string | string[] | undefined, users: StaffUser[]) => void;
};

/**
 * Picks staff users, searched on the server by name or username (300 ms after typing stops).
 * Chosen users keep their labels when a later search no longer lists them.
 */
export function TransferUserSelect({ statuses, excludeId, known, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<Map<string, StaffUser>>(new Map());
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const users = useQuery({
    queryKey: ['users', 'transfer-options', statuses, q],
    staleTime: 30_000,
    queryFn: async () => {
      const query = { q: q || undefined, limit: 50 };
      if (statuses === 'active') return (await api<Page<StaffUser>>('/users', { query: { ...query, status: 'active' } })).items;
      const [disabled, active] = await Promise.all([
        api<Page<StaffUser>>('/users', { query: { ...query, status: 'disabled' } }),
        api<Page<StaffUser>>('/users', { query: { ...query, status: 'active' } }),
      ]);
      return [...disabled.items, ...active.items];
    },
  });

  const options = useMemo(() => {
    const all = new Map<string, StaffUser>([...(known ?? []).map((u) => [u.id, u] as const), ...chosen]);
    for (const u of users.data ?? []) all.set(u.id, u);
    const list = [...all.values()].filter((u) => u.id !== excludeId);
    const toOption = (u: StaffUser) => ({ value: u.id, label: u.displayName, user: u });
    if (statuses === 'active') return list.map(toOption);
    return (['disabled', 'active'] as const)
      .map((s) => ({ label: t(`customerPrivacy.userStatus.${s}`), options: list.filter((u) => u.status === s).map(toOption) }))
      .filter((g) => g.options.length > 0);
  }, [users.data, chosen, known, excludeId, statuses, t]);

  const byId = (id: string) => (users.data ?? []).find((u) => u.id === id) ?? chosen.get(id) ?? known?.find((u) => u.id === id);
  const handleChange = (value: string | string[] | undefined) => {
    const ids = value === undefined ? [] : Array.isArray(value) ? value : [value];
    const picked = ids.map(byId).filter((u): u is StaffUser => !!u);
    setChosen(new Map(picked.map((u) => [u.id, u])));
    setTyped('');
    onChange?.(value, picked);
  };

  return (
    <Select<string | string[]>
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={users.isFetching}
      notFoundContent={users.isFetching ? t('customerPrivacy.searching') : users.error ? <Typography.Text type="danger">{users.error.message}</Typography.Text> : t('common.empty')}
      optionRender={(o) => {
        const u = (o.data as { user?: StaffUser }).user;
        if (!u) return o.label;
        return (
          <Space size={6}>
            <span>{u.displayName}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {u.username}
              {u.departmentName ? ` · ${u.departmentName}` : ''}
            </Typography.Text>
            {statuses === 'any' && <UserStatusTag status={u.status} />}
          </Space>
        );
      }}
      onBlur={() => setTyped('')}
      {...rest}
      onChange={handleChange}
      options={options}
    />
  );
}
