import { EditOutlined, FilterOutlined, ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Flex, Input, Select, Space, Tooltip, Typography, type TableProps } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { api } from '../../ui/api';
import { CursorTable } from '../../ui/cursor-table';
import { PageCard } from '../../ui/page-card';
import { useCursorList } from '../../ui/use-cursor-list';
import { BulkActions } from './bulk-actions';
import { ExportButton } from '../customer-data/export-button';
import { ColumnChooser } from './column-chooser';
import { buildColumn, DEFAULT_COLUMNS, type ColumnKey } from './customer-columns';
import { FilterBuilder, FilterSummary } from './customer-filters';
import { CustomerFormDrawer } from './customer-form-drawer';
import { customerKeys, useCustomerFields, useSavedViews } from './customer-queries';
import { CUSTOMER_SORT_OPTIONS, DEFAULT_SORT, type CustomerFilter, type CustomerSort, type CustomerView, type SavedView, type ViewDefinition } from './customer-types';
import { filterFieldSpecs } from './filter-fields';
import { ViewsBar } from './views-bar';

const COLUMNS_KEY = 'kefu.customers.columns';
const SORTABLE: Partial<Record<ColumnKey, string>> = { name: 'name', createdAt: 'created_at', updatedAt: 'updated_at', lastActivityAt: 'last_activity_at' };

function storedColumns(): ColumnKey[] {
  try {
    const v = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string') && v.includes('name')) return v as ColumnKey[];
  } catch {}
  return DEFAULT_COLUMNS;
}

/** The comparable form of a view definition (absent parts are the defaults). */
const normalized = (d: ViewDefinition) =>
  JSON.stringify({ q: d.q?.trim() || '', filter: d.filter?.conditions.length ? d.filter : null, columns: d.columns ?? DEFAULT_COLUMNS, sort: d.sort ?? DEFAULT_SORT });

/**
 * 客户名册 (§2.6): one search box (Chinese, pinyin, initials, phone suffix, e-mail, credit code)
 * ranked by the server, a filter builder on any field, saved views and live segments, column
 * choice, bulk actions, and the form to create customers (§2.1) with duplicate checks (§2.7).
 */
export default function CustomersPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [params, setParams] = useSearchParams();
  const [searchText, setSearchText] = useState(params.get('q') ?? '');
  const [q, setQ] = useState(params.get('q') ?? '');
  const [filter, setFilter] = useState<CustomerFilter | undefined>();
  const [columns, setColumns] = useState<ColumnKey[]>(storedColumns);
  const [sort, setSort] = useState<CustomerSort>(DEFAULT_SORT);
  const [activeViewId, setActiveViewId] = useState<string | null>(params.get('view'));
  const [builderOpen, setBuilderOpen] = useState(false);
  const [selected, setSelected] = useState<Map<string, CustomerView>>(new Map());
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<CustomerView | null>(null);
  const fields = useCustomerFields();
  const views = useSavedViews();
  const defs = useMemo(() => fields.data ?? [], [fields.data]);
  const specs = useMemo(() => filterFieldSpecs(t, defs, locale, { departments: can('org.departments.read') || can('org.departments.manage') }), [t, defs, locale, can]);

  // the search runs 300 ms after typing stops
  useEffect(() => {
    const timer = setTimeout(() => setQ(searchText.trim()), 300);
    return () => clearTimeout(timer);
  }, [searchText]);
  useEffect(() => {
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (q) next.set('q', q);
        else next.delete('q');
        if (activeViewId) next.set('view', activeViewId);
        else next.delete('view');
        return next;
      },
      { replace: true },
    );
  }, [q, activeViewId, setParams]);

  const applyView = (view: SavedView | null) => {
    setActiveViewId(view?.id ?? null);
    const d = view?.definition ?? {};
    setSearchText(d.q ?? '');
    setQ(d.q ?? '');
    setFilter(d.filter?.conditions.length ? d.filter : undefined);
    setColumns((d.columns as ColumnKey[] | undefined) ?? (view ? DEFAULT_COLUMNS : storedColumns()));
    setSort((d.sort as CustomerSort | undefined) ?? DEFAULT_SORT);
    setSelected(new Map());
  };
  // a view named in the address (a shared link, a reload) is applied once the views arrive
  const viewFromUrl = useRef(params.get('view'));
  useEffect(() => {
    if (!views.data || !viewFromUrl.current) return;
    const view = views.data.find((v) => v.id === viewFromUrl.current) ?? null;
    viewFromUrl.current = null;
    applyView(view);
  }, [views.data]);

  const changeColumns = (next: ColumnKey[]) => {
    setColumns(next);
    if (!activeViewId) localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
  };

  const definition: ViewDefinition = { q: q || undefined, filter, columns, sort };
  const activeView = views.data?.find((v) => v.id === activeViewId) ?? null;
  const dirty = !!activeView && normalized(activeView.definition) !== normalized(definition);
  const searching = q.length > 0;
  const filtered = searching || !!filter;

  const query = { q: q || undefined, filter: filter ? JSON.stringify(filter) : undefined, sort: searching ? undefined : sort };
  const list = useCursorList<CustomerView>(customerKeys.list[0], '/customers', query, 20);
  const count = useQuery({
    queryKey: [...customerKeys.list, 'count', query.q, query.filter],
    queryFn: () => api<{ count: number }>('/customers/count', { query: { q: query.q, filter: query.filter } }),
    placeholderData: (prev) => prev,
  });
  useEffect(() => setSelected(new Map()), [query.q, query.filter]);

  const sortColumn = sort.replace(/^-/, '');
  const tableColumns = columns.map((key) => {
    const col = buildColumn(t, key, defs, locale);
    const sortKey = SORTABLE[key];
    if (!sortKey || searching) return col;
    return { ...col, sorter: true, sortOrder: sortColumn === sortKey ? (sort.startsWith('-') ? ('descend' as const) : ('ascend' as const)) : null };
  });
  if (can('customers.update')) {
    tableColumns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
      render: (_: unknown, c: CustomerView) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} disabled={!!c.anonymizedAt} data-testid="customer-edit">
          {t('common.edit')}
        </Button>
      ),
    } as (typeof tableColumns)[number]);
  }
  const onTableChange: TableProps<CustomerView>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.columnKey ? SORTABLE[s.columnKey as ColumnKey] : undefined;
    if (!key || !s.order) setSort(DEFAULT_SORT);
    else setSort(`${s.order === 'descend' ? '-' : ''}${key}` as CustomerSort);
  };

  const clearAll = () => {
    setSearchText('');
    setQ('');
    setFilter(undefined);
  };

  // The empty state repeats the header's buttons, so each place gets its own test id.
  const createButton = (testId: string) =>
    can('customers.create') && (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid={testId}>
        {t('customers.create')}
      </Button>
    );
  const importButton = (testId: string) =>
    can('customers.import') && (
      <Link to="/customers/import">
        <Button icon={<ImportOutlined />} data-testid={testId}>
          {t('customers.import')}
        </Button>
      </Link>
    );

  const emptyText = filtered ? t('customers.emptyNoMatch') : t('customers.emptyNone');
  const emptyExtra = filtered ? (
    <Space orientation="vertical" size={8}>
      <Typography.Text type="secondary">{searching ? t('customers.emptyNoMatchSearchHint') : t('customers.emptyNoMatchHint')}</Typography.Text>
      <Button onClick={clearAll} data-testid="clear-filters">
        {t('customers.clearFilters')}
      </Button>
    </Space>
  ) : (
    <Space orientation="vertical" size={12}>
      <Typography.Text type="secondary">{t('customers.emptyNoneHint')}</Typography.Text>
      <Space>
        {createButton('customer-create-empty')}
        {importButton('customer-import-empty')}
      </Space>
    </Space>
  );

  const rowSelection: TableProps<CustomerView>['rowSelection'] = can('customers.update')
    ? {
        selectedRowKeys: [...selected.keys()],
        preserveSelectedRowKeys: true,
        onChange: (keys, rows) => {
          setSelected((prev) => {
            const next = new Map<string, CustomerView>();
            for (const k of keys) {
              const row = rows.find((r) => r?.id === k) ?? prev.get(String(k));
              if (row) next.set(String(k), row);
            }
            return next;
          });
        },
      }
    : undefined;

  return (
    <PageCard
      title={t('customers.title')}
      description={t('customers.description')}
      extra={
        <Space>
          {importButton('customer-import')}
          {createButton('customer-create')}
        </Space>
      }
    >
      <ViewsBar views={views.data ?? []} loading={views.isFetching} activeId={activeViewId} definition={definition} dirty={dirty} savable={!!activeView || normalized(definition) !== normalized({})} onSelect={applyView} />
      <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input
            allowClear
            prefix={<SearchOutlined style={{ color: '#bfbfbf' }} />}
            placeholder={t('customers.searchPlaceholder')}
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onPressEnter={() => setQ(searchText.trim())}
            style={{ width: 440 }}
            maxLength={100}
            data-testid="customer-search"
          />
          <Badge count={filter?.conditions.length ?? 0} size="small" offset={[-4, 4]}>
            <Button icon={<FilterOutlined />} type={builderOpen ? 'primary' : 'default'} ghost={builderOpen} onClick={() => setBuilderOpen((o) => !o)} data-testid="filter-toggle">
              {t('customers.filter.button')}
            </Button>
          </Badge>
          {filtered && (
            <Button type="link" onClick={clearAll} style={{ paddingInline: 4 }}>
              {t('customers.clearFilters')}
            </Button>
          )}
        </Space>
        <Space wrap>
          {count.data && (count.data.count > 0 || filtered) && (
            <Typography.Text type="secondary" data-testid="customer-count">
              {t('customers.count', { count: count.data.count })}
            </Typography.Text>
          )}
          <Tooltip title={searching ? t('customers.sortBySearch') : undefined}>
            <Select
              value={searching ? 'relevance' : sort}
              disabled={searching}
              onChange={(v) => setSort(v as CustomerSort)}
              options={[
                ...(searching ? [{ value: 'relevance', label: t('customers.sorts.relevance') }] : []),
                ...CUSTOMER_SORT_OPTIONS.map((s) => ({ value: s, label: t(`customers.sorts.${s}`) })),
              ]}
              style={{ width: 160 }}
              data-testid="customer-sort"
            />
          </Tooltip>
          <ColumnChooser value={columns} onChange={changeColumns} defs={defs} />
          <ExportButton q={q || undefined} filter={filter} sort={searching ? undefined : sort} columns={columns} />
        </Space>
      </Flex>
      {builderOpen && (
        <FilterBuilder
          specs={specs}
          value={filter}
          onApply={(f) => {
            setFilter(f);
            if (!f) setBuilderOpen(false);
          }}
          onClose={() => setBuilderOpen(false)}
        />
      )}
      <FilterSummary specs={specs} filter={filter} onChange={setFilter} />
      {searching && !list.isError && list.items.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8, fontSize: 13 }} data-testid="search-note">
          {t('customers.searchNote', { q })}
        </Typography.Paragraph>
      )}
      {list.isError && <Alert type="error" showIcon title={list.error instanceof Error ? list.error.message : String(list.error)} style={{ marginBottom: 12 }} data-testid="customer-list-error" />}
      <BulkActions selected={[...selected.values()]} onClear={() => setSelected(new Map())} />
      <CursorTable<CustomerView>
        list={list}
        rowKey="id"
        columns={tableColumns}
        rowSelection={rowSelection}
        onChange={onTableChange}
        scroll={{ x: 'max-content' }}
        emptyText={emptyText}
        emptyExtra={emptyExtra}
        data-testid="customers-table"
        size="middle"
      />
      <CustomerFormDrawer open={creating} onClose={() => setCreating(false)} />
      <CustomerFormDrawer open={!!editing} customer={editing} onClose={() => setEditing(null)} />
    </PageCard>
  );
}
