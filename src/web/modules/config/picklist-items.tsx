import { ArrowDownOutlined, ArrowUpOutlined, CheckCircleOutlined, EditOutlined, PlusOutlined, StopOutlined, SubnodeOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Input, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api, type Page } from '../../ui/api';
import { PicklistItemForm } from './picklist-item-form';
import { activeOnly, flatten, MAX_DEPTH, type Picklist, type PicklistItem } from './picklist-types';

type Row = Omit<PicklistItem, 'children'> & { depth: number; children?: Row[] };

/** Rows for antd's tree table: leaves carry no `children` (else they get an expand icon). */
function toRows(nodes: PicklistItem[], depth = 1): Row[] {
  return nodes.map((n) => {
    const children = toRows(n.children, depth + 1);
    return { ...n, depth, children: children.length ? children : undefined };
  });
}

/** Keeps items whose label, English label or code contain the text, with their ancestors. */
function filterTree(nodes: PicklistItem[], text: string): PicklistItem[] {
  const q = text.trim().toLowerCase();
  if (!q) return nodes;
  const out: PicklistItem[] = [];
  for (const n of nodes) {
    const children = filterTree(n.children, text);
    const hit = [n.label, n.labelEn ?? '', n.code].some((s) => s.toLowerCase().includes(q));
    if (hit || children.length) out.push({ ...n, children: hit && !children.length ? n.children : children });
  }
  return out;
}

/** The items of one picklist: tree or flat table, add / edit / (de)activate / reorder. */
export function PicklistItems({ picklist }: { picklist: Picklist }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const qc = useQueryClient();
  const manage = can('config.picklists.manage');
  const [showInactive, setShowInactive] = useState(false);
  const [search, setSearch] = useState('');
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<{ item: PicklistItem | null; parentId: string | null } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // Always load inactive items too: reordering names every sibling, hidden or not.
  const query = useQuery({
    queryKey: ['picklist-items', picklist.code],
    queryFn: () => api<Page<PicklistItem>>(`/picklists/${picklist.code}/items`, { query: { includeInactive: 'true' } }),
  });
  const full = useMemo(() => query.data?.items ?? [], [query.data]);
  const visible = useMemo(() => filterTree(showInactive ? full : activeOnly(full), search), [full, showInactive, search]);
  const rows = useMemo(() => toRows(visible), [visible]);
  const parents = useMemo(() => flatten(visible).filter((x) => x.item.children.length > 0).map((x) => x.item.id), [visible]);
  const byId = useMemo(() => new Map(flatten(full).map((x) => [x.item.id, x.item])), [full]);
  const inactiveCount = flatten(full).filter((x) => !x.item.active).length;

  const reload = async () => {
    await qc.invalidateQueries({ queryKey: ['picklist-items', picklist.code] });
    await qc.invalidateQueries({ queryKey: ['picklists'] });
  };

  const siblingsOf = (item: Row) => (item.parentId ? (byId.get(item.parentId)?.children ?? []) : full);
  const visibleSiblings = (item: Row) => siblingsOf(item).filter((s) => showInactive || s.active);

  const move = async (item: Row, dir: -1 | 1) => {
    const all = siblingsOf(item).map((s) => s.id);
    const shown = visibleSiblings(item).map((s) => s.id);
    const neighbour = shown[shown.indexOf(item.id) + dir];
    if (!neighbour) return;
    const ids = all.filter((id) => id !== item.id);
    const at = ids.indexOf(neighbour) + (dir === 1 ? 1 : 0);
    ids.splice(at, 0, item.id);
    setBusy(item.id);
    try {
      await api(`/picklists/${picklist.code}/items/reorder`, { method: 'POST', body: { parentId: item.parentId, ids } });
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
      await reload();
    }
  };

  const setActive = async (item: Row, active: boolean) => {
    setBusy(item.id);
    try {
      await api(`/picklists/${picklist.code}/items/${item.id}`, { method: 'PATCH', body: { active }, ifMatch: item.version });
      message.success(active ? t('picklists.activated', { label: item.label }) : t('picklists.deactivated', { label: item.label }));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
      await reload();
    }
  };

  const activeDescendants = (item: Row) => flatten(byId.get(item.id)?.children ?? []).filter((x) => x.item.active).length;

  return (
    <div data-testid="picklist-items">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        <Space wrap>
          <Input.Search allowClear placeholder={t('picklists.search')} onSearch={setSearch} onChange={(e) => !e.target.value && setSearch('')} style={{ width: 240 }} data-testid="picklist-search" />
          <Space size={6}>
            <Switch size="small" checked={showInactive} onChange={setShowInactive} data-testid="picklist-show-inactive" />
            <Typography.Text>{t('picklists.showInactive', { count: inactiveCount })}</Typography.Text>
          </Space>
          {picklist.hierarchical && parents.length > 0 && (
            <Button size="small" type="link" onClick={() => setCollapsed(collapsed.size ? new Set() : new Set(parents))}>
              {collapsed.size ? t('picklists.expandAll') : t('picklists.collapseAll')}
            </Button>
          )}
        </Space>
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ item: null, parentId: null })} data-testid="picklist-item-create">
            {picklist.hierarchical ? t('picklists.addTopItem') : t('picklists.addItem')}
          </Button>
        )}
      </div>
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={rows}
        pagination={false}
        data-testid="picklist-items-table"
        expandable={{
          expandedRowKeys: search ? parents : parents.filter((id) => !collapsed.has(id)),
          onExpand: (open, r) => setCollapsed((c) => {
            const next = new Set(c);
            if (open) next.delete(r.id);
            else next.add(r.id);
            return next;
          }),
          indentSize: 24,
        }}
        onRow={(r) => ({ style: r.active ? undefined : { background: '#fafafa' } })}
        locale={{
          emptyText: query.isLoading ? ' ' : (
            <Empty description={search ? t('picklists.noMatch') : t('picklists.emptyItems')}>
              {manage && !search && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ item: null, parentId: null })}>
                  {t('picklists.addItem')}
                </Button>
              )}
            </Empty>
          ),
        }}
        columns={[
          {
            title: t('picklists.nameColumn'),
            dataIndex: 'label',
            // keeps the label block on the indent's line, so the tree stays indented
            onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            render: (l: string, r) => (
              <span style={{ display: 'inline-block', verticalAlign: 'middle' }}>
                <span style={{ whiteSpace: 'nowrap' }}>
                  <Typography.Text strong={r.depth === 1 && picklist.hierarchical} type={r.active ? undefined : 'secondary'} delete={!r.active}>
                    {l}
                  </Typography.Text>
                  {r.children && (
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                      ({r.children.length})
                    </Typography.Text>
                  )}
                </span>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.labelEn || '—'}
                </Typography.Text>
              </span>
            ),
          },
          { title: t('picklists.code'), dataIndex: 'code', render: (c: string) => <Typography.Text code style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{c}</Typography.Text> },
          { title: t('common.status'), dataIndex: 'active', width: 90, render: (a: boolean) => (a ? <Tag color="success">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag>) },
          ...(manage
            ? [
                {
                  title: t('picklists.order'),
                  key: 'order',
                  width: 90,
                  render: (_: unknown, r: Row) => {
                    const shown = visibleSiblings(r);
                    const idx = shown.findIndex((s) => s.id === r.id);
                    return (
                      <Space.Compact size="small">
                        <Tooltip title={t('picklists.moveUp')}>
                          <Button size="small" icon={<ArrowUpOutlined />} disabled={idx <= 0 || !!busy || !!search} onClick={() => move(r, -1)} aria-label={t('picklists.moveUp')} data-testid={`item-up-${r.code}`} />
                        </Tooltip>
                        <Tooltip title={t('picklists.moveDown')}>
                          <Button size="small" icon={<ArrowDownOutlined />} disabled={idx === shown.length - 1 || !!busy || !!search} onClick={() => move(r, 1)} aria-label={t('picklists.moveDown')} data-testid={`item-down-${r.code}`} />
                        </Tooltip>
                      </Space.Compact>
                    );
                  },
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, r: Row) => {
                    const item = byId.get(r.id)!;
                    const n = activeDescendants(r);
                    return (
                      <Space size={0} style={{ whiteSpace: 'nowrap' }}>
                        {picklist.hierarchical && r.active && r.depth < MAX_DEPTH && (
                          <Button type="link" size="small" icon={<SubnodeOutlined />} onClick={() => setEditing({ item: null, parentId: r.id })} data-testid={`item-add-child-${r.code}`}>
                            {t('picklists.addChild')}
                          </Button>
                        )}
                        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ item, parentId: r.parentId })} data-testid={`item-edit-${r.code}`}>
                          {t('common.edit')}
                        </Button>
                        {r.active ? (
                          <Popconfirm
                            title={t('picklists.deactivateConfirm', { label: r.label })}
                            description={n ? t('picklists.deactivateCascade', { count: n }) : t('picklists.deactivateHint')}
                            okButtonProps={{ danger: true }}
                            onConfirm={() => setActive(r, false)}
                          >
                            <Button type="link" size="small" danger icon={<StopOutlined />} loading={busy === r.id} data-testid={`item-deactivate-${r.code}`}>
                              {t('picklists.deactivate')}
                            </Button>
                          </Popconfirm>
                        ) : (
                          <Button type="link" size="small" icon={<CheckCircleOutlined />} loading={busy === r.id} onClick={() => setActive(r, true)} data-testid={`item-activate-${r.code}`}>
                            {t('picklists.activate')}
                          </Button>
                        )}
                      </Space>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
      <PicklistItemForm
        open={editing !== null}
        picklist={picklist}
        tree={full}
        item={editing?.item ?? null}
        parentId={editing?.parentId ?? null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void reload();
        }}
      />
    </div>
  );
}
