import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LifecycleStatus } from '../../../shared/customers';
import { enumLabel, STATUS_COLORS, type EnumGroup } from '../customers/customer-labels';

export { STATUS_COLORS };

/** The label of a customer enum value (catalogue `customers.*`); unknown values show as they are. */
export function useEnumLabel() {
  const { t } = useTranslation();
  return (group: EnumGroup, value: string | null | undefined) => enumLabel(t, group, value) || null;
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status as LifecycleStatus] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {enumLabel(t, 'status', status)}
    </Tag>
  );
}

/** A value or a muted dash, so empty fields read as empty rather than broken. */
export function Muted({ children }: { children: ReactNode }) {
  return <Typography.Text type="secondary">{children}</Typography.Text>;
}

export const orEmpty = (v: ReactNode): ReactNode => (v === null || v === undefined || v === '' ? <Muted>—</Muted> : v);

/** Minutes are enough on a timeline; seconds are noise. */
export const formatMinute = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** The preferred channel is a code (`wechat`) or free text from an import: label the code, show text as is. */
export function useChannelLabel() {
  const { t } = useTranslation();
  return (v: string | null | undefined) => enumLabel(t, 'preferredChannel', v) || null;
}

/** Today as YYYY-MM-DD in local time, to compare with invoice due dates. */
export const todayIso = () => dayjs().format('YYYY-MM-DD');

/** An open invoice past its due date with money still owed. */
export const isOverdue = (inv: { status: string; dueAt: string; amountFen: number; paidFen: number }) =>
  inv.status === 'open' && inv.dueAt < todayIso() && inv.paidFen < inv.amountFen;
