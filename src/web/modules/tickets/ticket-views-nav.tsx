import { DeleteOutlined, EditOutlined, MoreOutlined, PlusOutlined, SaveOutlined, ShareAltOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Dropdown, Menu, type MenuProps, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_VIEWS, type TicketSavedView, type TicketView, type TicketViewFilters } from '../../../shared/tickets';
import { api, ApiError } from '../../ui/api';
import { useSavedTicketViews, useViewCounts } from './ticket-queries';
import { ticketKeys } from './ticket-types';
import { TicketViewModal } from './ticket-view-modal';

const SAVED = 'sv:';

/** Same filters regardless of key order. */
export const sameFilters = (a: TicketViewFilters, b: TicketViewFilters) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

const countBadge = (n: number, color: string, testId: string) => <Badge count={n} showZero overflowCount={9999} color={color} data-testid={testId} style={{ boxShadow: 'none' }} />;

type Props = {
  value: TicketView;
  /** The saved view the list shows, if one is open. */
  activeSavedId: string | null;
  /** The list's current view, search, filters and sort: what "save as view" keeps. */
  current: TicketViewFilters;
  onChange: (v: TicketView) => void;
  onApply: (view: TicketSavedView | null) => void;
};

/**
 * The standard views down the left, then the agent's own saved views and those colleagues
 * shared, each with its live count (breached in red; a view whose filters no longer hold is
 * flagged instead of counted). Own views carry a menu: update, rename and share, delete.
 */
export function TicketViewsNav({ value, activeSavedId, current, onChange, onApply }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const counts = useViewCounts();
  const saved = useSavedTicketViews();
  const [modalState, setModalState] = useState<{ editing: TicketSavedView | null } | null>(null);
  const views = saved.data ?? [];
  const own = views.filter((v) => v.mine);
  const shared = views.filter((v) => !v.mine);
  const refresh = () => qc.invalidateQueries({ queryKey: ticketKeys.savedViews });
  const active = views.find((v) => v.id === activeSavedId) ?? null;

  const update = async (view: TicketSavedView) => {
    try {
      const next = await api<TicketSavedView>(`/ticket-views/${view.id}`, { method: 'PATCH', ifMatch: view.version, body: { filters: current } });
      message.success(t('tickets.views.updated', { name: next.name }));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      await refresh();
    }
  };

  const remove = (view: TicketSavedView) =>
    modal.confirm({
      title: t('tickets.views.deleteConfirm', { name: view.name }),
      content: view.shared ? t('tickets.views.deleteSharedHint') : undefined,
      okButtonProps: { danger: true, ...({ 'data-testid': 'ticket-view-delete-ok' } as object) },
      okText: t('common.delete'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api(`/ticket-views/${view.id}`, { method: 'DELETE' });
          message.success(t('common.deleted'));
          if (view.id === activeSavedId) onApply(null);
        } catch (err) {
          message.error(err instanceof ApiError ? err.message : String(err));
        } finally {
          await refresh();
        }
      },
    });

  const savedItem = (v: TicketSavedView) => {
    const selected = v.id === activeSavedId;
    const menu: MenuProps['items'] = [
      ...(selected && !v.stale && !sameFilters(v.filters, current)
        ? [{ key: 'update', icon: <SaveOutlined />, label: t('tickets.views.updateWithCurrent'), onClick: () => void update(v) }]
        : []),
      { key: 'edit', icon: <EditOutlined />, label: t('tickets.views.rename'), onClick: () => setModalState({ editing: v }) },
      { key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('common.delete'), onClick: () => remove(v) },
    ];
    const tip = [v.stale ? t('tickets.views.staleHint') : null, v.shared && !v.mine ? t('tickets.views.sharedBy', { owner: v.ownerName ?? '—' }) : null, v.shared && v.mine ? t('tickets.views.sharedByMe') : null]
      .filter(Boolean)
      .join(' · ');
    return {
      key: SAVED + v.id,
      'data-testid': `ticket-saved-view-${v.id}`,
      label: (
        <span style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
          {v.shared && v.mine && <ShareAltOutlined style={{ color: '#8c8c8c', fontSize: 12 }} />}
          <Tooltip title={tip ? `${v.name} · ${tip}` : v.name} placement="top" mouseEnterDelay={0.5}>
            <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} data-testid="ticket-saved-view-name">
              {v.name}
            </span>
          </Tooltip>
          {v.stale ? (
            <Tooltip title={t('tickets.views.staleHint')} placement="top">
              <Tag color="warning" bordered={false} style={{ marginInlineEnd: 0, paddingInline: 4, fontSize: 12, lineHeight: '18px' }} data-testid="ticket-saved-view-stale">
                <WarningOutlined /> {t('tickets.views.stale')}
              </Tag>
            </Tooltip>
          ) : (
            v.count !== null && countBadge(v.count, selected ? '#1677ff' : '#bfbfbf', 'ticket-saved-view-count')
          )}
          {v.editable && (
            <Dropdown trigger={['click']} menu={{ items: menu, onClick: (e) => e.domEvent.stopPropagation() }}>
              <span
                role="button"
                aria-label={t('tickets.views.manage')}
                onClick={(e) => e.stopPropagation()}
                style={{ display: 'inline-flex', padding: '0 2px', color: '#8c8c8c' }}
                data-testid="ticket-saved-view-menu"
              >
                <MoreOutlined />
              </span>
            </Dropdown>
          )}
        </span>
      ),
    };
  };

  const items: MenuProps['items'] = [
    ...TICKET_VIEWS.map((v) => {
      const n = v === 'all' ? undefined : counts.data?.[v];
      return {
        key: v,
        'data-testid': `ticket-view-${v}`,
        label: (
          <span style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{t(`tickets.view.${v}`)}</span>
            {n !== undefined && countBadge(n, v === 'breached' && n > 0 ? '#cf1322' : v === value && !activeSavedId ? '#1677ff' : '#bfbfbf', `ticket-view-count-${v}`)}
          </span>
        ),
      };
    }),
    { type: 'divider' as const },
    {
      type: 'group' as const,
      key: 'own',
      label: t('tickets.views.mine'),
      children: own.length > 0 ? own.map(savedItem) : [{ key: 'own-empty', disabled: true, label: <span style={{ fontSize: 12 }}>{t('tickets.views.noneYet')}</span> }],
    },
    ...(shared.length > 0 ? [{ type: 'group' as const, key: 'shared', label: t('tickets.views.shared'), children: shared.map(savedItem) }] : []),
  ];

  return (
    <>
      <Menu
        mode="inline"
        selectedKeys={[activeSavedId ? SAVED + activeSavedId : value]}
        onClick={(e) => {
          if (!e.key.startsWith(SAVED)) return onChange(e.key as TicketView);
          const view = views.find((v) => SAVED + v.id === e.key);
          if (!view) return;
          if (view.stale) {
            message.warning(t('tickets.views.staleHint'));
            return;
          }
          onApply(view);
        }}
        style={{ borderInlineEnd: 'none' }}
        data-testid="ticket-views"
        items={items}
      />
      <div style={{ padding: '4px 8px 8px' }}>
        <Button block type="dashed" icon={<PlusOutlined />} onClick={() => setModalState({ editing: null })} data-testid="ticket-view-save-as">
          {active ? t('tickets.views.saveAsNew') : t('tickets.views.saveAs')}
        </Button>
      </div>
      <TicketViewModal
        open={!!modalState}
        editing={modalState?.editing ?? null}
        filters={current}
        onClose={() => setModalState(null)}
        onSaved={async (view) => {
          await refresh();
          if (!modalState?.editing) onApply(view);
        }}
      />
    </>
  );
}
