import { Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaState, TicketPriority, TicketStatus, TicketSummary } from '../../../shared/tickets';
import { formatDateTime } from '../../ui/format';
import { dueParts } from './due-time';

export const STATUS_COLORS: Record<TicketStatus, string> = { new: 'blue', open: 'processing', pending: 'gold', on_hold: 'purple', resolved: 'green', closed: 'default' };
export const PRIORITY_COLORS: Record<TicketPriority, string> = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' };
export const SLA_COLORS: Record<SlaState, string> = { none: '#8c8c8c', ok: '#389e0d', warning: '#d46b08', breached: '#cf1322', paused: '#8c8c8c', met: '#389e0d' };

/** Options of a select over one enum, labelled `tickets.<group>.<value>`. */
export const enumOptions = <T extends string>(t: TFunction, group: string, values: readonly T[]) => values.map((v) => ({ value: v, label: t(`tickets.${group}.${v}`) }));

export function StatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="ticket-status-tag">
      {t(`tickets.status.${status}`)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation();
  return (
    <Tag color={PRIORITY_COLORS[priority]} style={{ marginInlineEnd: 0 }}>
      {t(`tickets.priority.${priority}`)}
    </Tag>
  );
}

export function TypeTag({ type, subtype }: Pick<TicketSummary, 'type' | 'subtype'>) {
  const { t } = useTranslation();
  return (
    <Tag color={type === 'complaint' ? 'magenta' : type === 'after_sales' ? 'cyan' : 'geekblue'} style={{ marginInlineEnd: 0 }}>
      {t(`tickets.type.${type}`)}
      {subtype ? ` · ${t(`tickets.subtype.${subtype}`)}` : ''}
    </Tag>
  );
}

/** Re-renders every `ms`, so countdowns move between fetches. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export function formatDue(t: TFunction, dueIso: string, now: number): string {
  const p = dueParts(dueIso, now);
  const span = p.unit === 'm' ? t('tickets.due.minutes', { m: p.m }) : p.unit === 'h' ? t('tickets.due.hours', { h: p.h, m: p.m }) : t('tickets.due.days', { d: p.d, h: p.h });
  return p.overdue ? t('tickets.due.overdue', { span }) : t('tickets.due.left', { span });
}

/** The next SLA deadline as time left, coloured by the SLA state (breached red, warning orange, paused grey). */
export function SlaDue({ ticket, now }: { ticket: Pick<TicketSummary, 'slaState' | 'nextDueAt' | 'status'>; now: number }) {
  const { t } = useTranslation();
  const state = ticket.slaState;
  if (state === 'none' || (!ticket.nextDueAt && state !== 'met')) return <Typography.Text type="secondary">—</Typography.Text>;
  if (state === 'met' || !ticket.nextDueAt) return <Typography.Text style={{ color: SLA_COLORS.met }}>{t('tickets.slaState.met')}</Typography.Text>;
  const label = state === 'paused' ? t('tickets.due.paused') : formatDue(t, ticket.nextDueAt, now);
  return (
    <Tooltip title={`${t(`tickets.slaState.${state}`)} · ${t('tickets.due.at', { at: formatDateTime(ticket.nextDueAt) })}`}>
      <Typography.Text style={{ color: SLA_COLORS[state], whiteSpace: 'nowrap', fontWeight: state === 'breached' ? 600 : undefined }} data-testid="ticket-sla-due" data-state={state}>
        {label}
      </Typography.Text>
    </Tooltip>
  );
}
