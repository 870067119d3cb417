import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { TicketStatus } from '../../../shared/tickets';

/** Statuses as a customer reads them: waiting on a third party is still "in progress" to them. */
const COLORS: Record<TicketStatus, string> = { new: 'blue', open: 'processing', pending: 'orange', on_hold: 'processing', resolved: 'success', closed: 'default' };

export function PortalStatusTag({ status, t }: { status: TicketStatus; t: TFunction }) {
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="portal-status">
      {t(`portal.status.${status}`)}
    </Tag>
  );
}

export function typeLabel(t: TFunction, type: string, subtype: string | null): string {
  const base = t(`portal.type.${type}`);
  return subtype ? `${base} · ${t(`portal.subtype.${subtype}`)}` : base;
}
