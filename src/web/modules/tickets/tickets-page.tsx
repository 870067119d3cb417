import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Input, Row, Skeleton, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { TICKET_VIEWS, type TicketSavedView, type TicketSummary, type TicketView, type TicketViewFilters } from '../../../shared/tickets';
import { useAuth } from '../../app/auth';
import { CursorTable } from '../../ui/cursor-table';
import { formatDateTime } from '../../ui/format';
import { PageCard } from '../../ui/page-card';
import { useCursorList } from '../../ui/use-cursor-list';
import { TicketCreateDrawer } from './ticket-create-drawer';
import { activeFilterCount, FILTER_PARAMS, filterQuery, filtersFromParams, TicketFilterBar, type TicketFilters } from './ticket-filters';
import { PriorityTag, SlaDue, StatusTag, TypeTag, useNow } from './ticket-labels';
import { useTicketRealtime } from './ticket-queries';
import { ticketKeys, TICKET_SORTS, type TicketSort } from './ticket-types';
import { TicketViewsNav } from './ticket-views-nav';

const DEFAULT_VIEW: TicketView = 'mine';

/**
 * 工单 (§5.1–§5.3): the agent's standard views with live counts, search by number or words,
 * filters, sorts (the most urgent deadline first too) and the SLA time left on every row.
 */
export default function TicketsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const view = (TICKET_VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as TicketView) : DEFAULT_VIEW;
  const [searchText, setSearchText] = useState(params.get('q') ?? '');
  const [q, setQ] = useState(params.get('q') ?? '');
  // filters, sort and the open saved view live in the URL, so a view is a link and survives a reload
  const filters = filtersFromParams(params);
  const sortParam = params.get('sort') ?? '';
  const sort: TicketSort = (TICKET_SORTS as readonly string[]).includes(sortParam) ? (sortParam as TicketSort) : view === 'breached' ? 'due' : '-updated_at';
  const savedId = params.get('sv');
  const [creating, setCreating] = useState(params.get('create') === '1');
  const now = useNow(30_000);
  useTicketRealtime();

  useEffect(() => {
    const timer = setTimeout(() => setQ(searchText.trim()), 300);
    return () => clearTimeout(timer);
  }, [searchText]);
  useEffect(() => {
    // the search settles 300 ms after typing: by then a click may already be opening a ticket
    if (window.location.pathname !== '/tickets') return;
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [q, setParams]);

  const setFilters = (f: TicketFilters) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        FILTER_PARAMS.forEach((k) => next.delete(k));
        Object.entries(filterQuery(f)).forEach(([k, v]) => v && next.set(k, v));
        return next;
      },
      { replace: true },
    );
  const setSort = (s: TicketSort) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('sort', s);
        return next;
      },
      { replace: true },
    );
  const setView = (v: TicketView) => {
    // leaving a saved view leaves its filters behind too
    if (savedId) {
      setSearchText('');
      setQ('');
    }
    setParams((p) => {
      const next = new URLSearchParams(savedId ? {} : p);
      next.set('view', v);
      return next;
    });
  };
  /** Opens a saved view: its filters and sort replace the list's (null: back to the default view). */
  const applySaved = (saved: TicketSavedView | null) => {
    const f = saved?.filters ?? {};
    setSearchText(f.q ?? '');
    setQ(f.q ?? '');
    const next = new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]);
    if (!next.get('view')) next.set('view', saved ? 'all' : DEFAULT_VIEW);
    if (saved) next.set('sv', saved.id);
    setParams(next);
  };
  // what "save as view" keeps: the standard view, search, filters and sort as the list asks for them
  const current = Object.fromEntries(
    Object.entries({ view, q: q || undefined, ...filterQuery(filters), sort }).filter(([, v]) => v !== undefined && v !== ''),
  ) as TicketViewFilters;
  const closeCreate = () => {
    setCreating(false);
    if (params.get('create'))
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          ['create', 'customerId', 'customerName'].forEach((k) => next.delete(k));
          return next;
        },
        { replace: true },
      );
  };

  const list = useCursorList<TicketSummary>(ticketKeys.list[0], '/tickets', { view, q: q || undefined, sort, ...filterQuery(filters) }, 20);
  const filtered = !!q || activeFilterCount(filters) > 0;
  const clearAll = () => {
    setSearchText('');
    setQ('');
    setFilters({});
  };

  const columns: TableColumnsType<TicketSummary> = [
    {
      key: 'number',
      title: t('tickets.fields.number'),
      width: 90,
      render: (_, r) => (
        <Link to={`/tickets/${r.id}`} data-testid="ticket-number">
          #{r.number}
        </Link>
      ),
    },
    {
      key: 'subject',
      title: t('tickets.fields.subject'),
      render: (_, r) => (
        <div style={{ minWidth: 180, maxWidth: 320 }}>
          <Link to={`/tickets/${r.id}`} style={{ color: 'inherit', fontWeight: 500 }} data-testid="ticket-subject-link">
            {r.subject}
          </Link>
          {r.tags.length > 0 && (
            <div>
              {r.tags.slice(0, 4).map((x) => (
                <Tag key={x} bordered={false} style={{ fontSize: 11, marginTop: 2 }}>
                  {x}
                </Tag>
              ))}
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'customer',
      title: t('tickets.fields.customer'),
      render: (_, r) =>
        r.customer ? (
          <Space size={4}>
            <Link to={`/customers/${r.customer.id}`}>{r.customer.name}</Link>
            {r.customerTier === 'vip' && <Tag color="gold">{t('tickets.tier.vip')}</Tag>}
          </Space>
        ) : (
          <Typography.Text type={r.requesterName ? undefined : 'secondary'}>{r.requesterName ?? '—'}</Typography.Text>
        ),
    },
    { key: 'type', title: t('tickets.fields.type'), render: (_, r) => <TypeTag type={r.type} subtype={r.subtype} /> },
    { key: 'priority', title: t('tickets.fields.priority'), render: (_, r) => <PriorityTag priority={r.priority} /> },
    { key: 'status', title: t('tickets.fields.status'), render: (_, r) => <StatusTag status={r.status} /> },
    {
      key: 'assignee',
      title: t('tickets.fields.handler'),
      render: (_, r) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          <div>{r.assignee?.name ?? <Typography.Text type="secondary">{t('tickets.unassigned')}</Typography.Text>}</div>
          {r.team && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.team.name}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'due', title: t('tickets.fields.slaDue'), render: (_, r) => <SlaDue ticket={r} now={now} /> },
    {
      key: 'updated',
      title: t('tickets.fields.updatedAt'),
      render: (_, r) => (
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 13 }}>
          {formatDateTime(r.updatedAt).slice(0, 16)}
        </Typography.Text>
      ),
    },
  ];

  const createButton = (testId: string) =>
    can('tickets.create') && (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid={testId}>
        {t('tickets.create')}
      </Button>
    );

  const emptyText = filtered ? t('tickets.empty.noMatch') : t(`tickets.empty.${view}`);
  const emptyExtra = filtered ? (
    <Button onClick={clearAll} data-testid="ticket-clear-filters">
      {t('tickets.clearFilters')}
    </Button>
  ) : view === 'all' ? (
    createButton('ticket-create-empty')
  ) : null;

  return (
    <PageCard title={t('tickets.title')} description={t('tickets.description')} extra={createButton('ticket-create')}>
      <Row gutter={16} wrap={false}>
        <Col flex="256px">
          <Card size="small" styles={{ body: { padding: 4 } }}>
            <TicketViewsNav value={view} activeSavedId={savedId} current={current} onChange={setView} onApply={applySaved} />
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Flex vertical gap={12}>
            <Flex wrap gap={8} align="center">
              <Input
                allowClear
                prefix={<SearchOutlined style={{ color: '#bfbfbf' }} />}
                placeholder={t('tickets.searchPlaceholder')}
                value={searchText}
                onChange={(e) => setSearchText(e.target.value)}
                onPressEnter={() => setQ(searchText.trim())}
                style={{ width: 320 }}
                maxLength={100}
                data-testid="ticket-search"
              />
              {filtered && (
                <Button type="link" onClick={clearAll} style={{ paddingInline: 4 }}>
                  {t('tickets.clearFilters')}
                </Button>
              )}
            </Flex>
            <TicketFilterBar value={filters} onChange={setFilters} sort={sort} onSort={setSort} />
            {list.isError && <Alert type="error" showIcon title={list.error instanceof Error ? list.error.message : String(list.error)} data-testid="ticket-list-error" />}
            {list.isLoading ? (
              <div data-testid="ticket-list-loading">
                <Skeleton active paragraph={{ rows: 8 }} />
              </div>
            ) : (
              <CursorTable<TicketSummary>
                list={list}
                rowKey="id"
                columns={columns}
                size="middle"
                scroll={{ x: 'max-content' }}
                emptyText={emptyText}
                emptyExtra={emptyExtra}
                onRow={(r) => ({ 'data-testid': `ticket-row-${r.number}` }) as object}
                data-testid="tickets-table"
              />
            )}
          </Flex>
        </Col>
      </Row>
      <TicketCreateDrawer
        open={creating}
        onClose={closeCreate}
        customer={params.get('customerId') ? { id: params.get('customerId')!, name: params.get('customerName') ?? '' } : null}
      />
    </PageCard>
  );
}
