import { Badge, Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { TICKET_VIEWS, type TicketView } from '../../../shared/tickets';
import { useViewCounts } from './ticket-queries';

/** The standard views down the left, each with its live count (breached in red). */
export function TicketViewsNav({ value, onChange }: { value: TicketView; onChange: (v: TicketView) => void }) {
  const { t } = useTranslation();
  const counts = useViewCounts();
  return (
    <Menu
      mode="inline"
      selectedKeys={[value]}
      onClick={(e) => onChange(e.key as TicketView)}
      style={{ borderInlineEnd: 'none' }}
      data-testid="ticket-views"
      items={TICKET_VIEWS.map((v) => {
        const n = v === 'all' ? undefined : counts.data?.[v];
        return {
          key: v,
          'data-testid': `ticket-view-${v}`,
          label: (
            <span style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
              <span>{t(`tickets.view.${v}`)}</span>
              {n !== undefined && (
                <Badge
                  count={n}
                  showZero
                  overflowCount={9999}
                  color={v === 'breached' && n > 0 ? '#cf1322' : v === value ? '#1677ff' : '#bfbfbf'}
                  data-testid={`ticket-view-count-${v}`}
                />
              )}
            </span>
          ),
        };
      })}
    />
  );
}
