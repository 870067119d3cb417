import type { TFunction } from 'i18next';
import type { SlaPolicyDto } from '../../../shared/sla';

/** Wire types of /api/v1/sla-policies and /api/v1/tickets/:id/sla, and their formatting. */

import type { SlaMetric } from '../../../shared/tickets';

export type { SlaMetric };
export const METRICS: SlaMetric[] = ['first_response', 'next_response', 'resolution'];
export const TARGET_FIELD = { first_response: 'firstResponseMinutes', next_response: 'nextResponseMinutes', resolution: 'resolutionMinutes' } as const;

export type { EscalationRule } from '../../../shared/sla';
/** A policy as the pages use it (the creation time is not shown). */
export type SlaPolicy = Omit<SlaPolicyDto, 'createdAt'>;

export type IntervalReason = 'working' | 'outside_hours' | 'holiday' | 'weekend' | 'paused_pending' | 'paused_on_hold' | 'stopped';
export type MetricState = 'running' | 'paused' | 'met' | 'breached' | 'none';
export type SlaMetricClock = {
  targetMinutes: number | null;
  state: MetricState;
  startedAt: string | null;
  elapsedMinutes: number;
  dueAt: string | null;
  warningAt: string | null;
  metAt: string | null;
  breachedAt: string | null;
  intervals: { start: string; end: string; counted: boolean; reason: IntervalReason }[];
};
export type TicketSla = {
  ticketId: string;
  number: string;
  now: string;
  state: 'none' | 'ok' | 'warning' | 'breached' | 'paused' | 'met';
  nextCheckAt: string | null;
  policy: { id: string; name: string; warnPercent: number } | null;
  calendar: { id: string; name: string } | null;
  timezone: string;
  metrics: Record<SlaMetric, SlaMetricClock | null>;
};

export const STATE_COLORS: Record<string, string> = {
  none: 'default',
  ok: 'green',
  running: 'blue',
  warning: 'orange',
  breached: 'red',
  paused: 'default',
  met: 'green',
};

/** "2 小时 30 分钟" / "2 h 30 min"; whole days stay in hours, as targets are working time. */
export function formatMinutes(t: TFunction, total: number | null | undefined): string {
  if (total === null || total === undefined) return '—';
  const m = Math.max(0, Math.round(total));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return t('sla.duration.m', { m: rest });
  if (rest === 0) return t('sla.duration.h', { h });
  return t('sla.duration.hm', { h, m: rest });
}

/** Wall-clock spans (time to a deadline) read better in days: "6 天 19 小时". */
export function formatWallMinutes(t: TFunction, total: number): string {
  const m = Math.max(0, Math.round(total));
  if (m < 1440) return formatMinutes(t, m);
  return t('sla.duration.dh', { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
}

const zoned = new Map<string, Intl.DateTimeFormat>();
/**
 * `MM-DD HH:mm` in the calendar's time zone, so working hours read as the calendar defines
 * them whatever zone the browser is in.
 */
export function formatInZone(iso: string | null, timeZone: string): string {
  if (!iso) return '—';
  let f = zoned.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    zoned.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
