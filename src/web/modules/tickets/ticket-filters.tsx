import { Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { SLA_STATES, TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../../../shared/tickets';
import { enumOptions } from './ticket-labels';
import { useTeams } from './ticket-queries';
import { TICKET_SORTS, type TicketSort } from './ticket-types';

export type TicketFilters = {
  status?: string[];
  type?: string;
  priority?: string;
  channel?: string;
  teamId?: string;
  /** 'me', 'none' or a user's id */
  assigneeId?: string;
  customerId?: string;
  slaState?: string;
  tag?: string;
};

/** URL parameters of the filters (the standard view, search and sort travel beside them). */
export const FILTER_PARAMS = ['status', 'type', 'priority', 'channel', 'teamId', 'assigneeId', 'customerId', 'slaState', 'tag'] as const;

/** The list query of the filters: the status list travels comma-separated. */
export const filterQuery = (f: TicketFilters) => ({ ...f, status: f.status?.length ? f.status.join(',') : undefined });

/** The filters as the list URL carries them (`?create=1&customerId=` prefills a new ticket instead). */
export function filtersFromParams(params: URLSearchParams): TicketFilters {
  const out: TicketFilters = {};
  for (const key of FILTER_PARAMS) {
    const v = params.get(key);
    if (!v || (key === 'customerId' && params.get('create'))) continue;
    if (key === 'status') out.status = v.split(',').filter(Boolean);
    else out[key] = v;
  }
  return out;
}
export const activeFilterCount = (f: TicketFilters) => Object.values(f).filter((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '')).length;

/** One row of selects over the list: status (several), type, priority, channel, team, assignee, SLA, tag, sort. */
export function TicketFilterBar({ value, onChange, sort, onSort }: { value: TicketFilters; onChange: (f: TicketFilters) => void; sort: TicketSort; onSort: (s: TicketSort) => void }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const set = (patch: Partial<TicketFilters>) => onChange({ ...value, ...patch });
  const common = { allowClear: true, size: 'middle' as const, popupMatchSelectWidth: false };
  return (
    <Space wrap size={8} data-testid="ticket-filters">
      <Select
        {...common}
        mode="multiple"
        maxTagCount="responsive"
        style={{ width: 200 }}
        placeholder={t('tickets.filter.status')}
        value={value.status ?? []}
        onChange={(v: string[]) => set({ status: v.length ? v : undefined })}
        options={enumOptions(t, 'status', TICKET_STATUSES)}
        data-testid="filter-status"
      />
      <Select {...common} style={{ width: 110 }} placeholder={t('tickets.filter.type')} value={value.type} onChange={(v) => set({ type: v })} options={enumOptions(t, 'type', TICKET_TYPES)} data-testid="filter-type" />
      <Select {...common} style={{ width: 110 }} placeholder={t('tickets.filter.priority')} value={value.priority} onChange={(v) => set({ priority: v })} options={enumOptions(t, 'priority', TICKET_PRIORITIES)} />
      <Select {...common} style={{ width: 120 }} placeholder={t('tickets.filter.channel')} value={value.channel} onChange={(v) => set({ channel: v })} options={enumOptions(t, 'channel', TICKET_CHANNELS)} />
      <Select
        {...common}
        style={{ width: 140 }}
        placeholder={t('tickets.filter.team')}
        value={value.teamId}
        onChange={(v) => set({ teamId: v })}
        loading={teams.isLoading}
        showSearch={{ optionFilterProp: 'label' }}
        options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
      />
      <Select
        {...common}
        style={{ width: 120 }}
        placeholder={t('tickets.filter.assignee')}
        value={value.assigneeId}
        onChange={(v) => set({ assigneeId: v })}
        options={[
          { value: 'me', label: t('tickets.filter.assigneeMe') },
          { value: 'none', label: t('tickets.filter.assigneeNone') },
        ]}
        data-testid="filter-assignee"
      />
      <Select {...common} style={{ width: 120 }} placeholder={t('tickets.filter.sla')} value={value.slaState} onChange={(v) => set({ slaState: v })} options={enumOptions(t, 'slaState', SLA_STATES)} />
      <Input allowClear style={{ width: 120 }} placeholder={t('tickets.filter.tag')} value={value.tag ?? ''} onChange={(e) => set({ tag: e.target.value.trim() || undefined })} maxLength={20} />
      <Select style={{ width: 176 }} value={sort} onChange={onSort} options={TICKET_SORTS.map((s) => ({ value: s, label: t(`tickets.sort.${s}`) }))} data-testid="ticket-sort" />
    </Space>
  );
}
