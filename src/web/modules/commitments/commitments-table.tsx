import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CommitmentView } from '../../../shared/complaints';
import { useAuth } from '../../app/auth';
import { api } from '../../ui/api';
import { CursorTable } from '../../ui/cursor-table';
import { formatDateTime } from '../../ui/format';
import type { useCursorList } from '../../ui/use-cursor-list';
import { CommitmentEditModal, CommitmentFulfilModal } from './commitment-modals';

export const STATUS_COLORS: Record<string, string> = { open: 'blue', fulfilled: 'green', breached: 'red', cancelled: 'default' };

/** A commitments table with fulfil / edit / cancel actions; `hide` drops columns the context makes obvious. */
export function CommitmentsTable({ list, hide = [], narrow = false }: { list: ReturnType<typeof useCursorList<CommitmentView>>; hide?: ('customer' | 'ticket' | 'owner')[]; narrow?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const qc = useQueryClient();
  const writable = can('tickets.update');
  const [fulfilling, setFulfilling] = useState<CommitmentView | null>(null);
  const [editing, setEditing] = useState<CommitmentView | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['commitments'] });
  const cancel = async (c: CommitmentView) => {
    try {
      await api(`/commitments/${c.id}/cancel`, { body: {} });
      message.success(t('commitments.cancelled'));
      await refresh();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <CursorTable<CommitmentView>
        list={list}
        rowKey="id"
        size="small"
        emptyText={t('commitments.empty')}
        // in a narrow side column the table scrolls sideways instead of squeezing the text to one character a line
        scroll={narrow ? { x: 'max-content' } : undefined}
        data-testid="commitments-table"
        columns={[
          { title: t('commitments.col.description'), dataIndex: 'description', width: narrow ? 200 : undefined, render: (d: string, r) => (
            <Space direction="vertical" size={0}>
              <span>{d}</span>
              {r.fulfilmentNote && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.fulfilmentNote}</Typography.Text>}
            </Space>
          ) },
          ...(hide.includes('customer') ? [] : [{ title: t('commitments.col.customer'), key: 'customer', width: 120, render: (_: unknown, r: CommitmentView) => (r.customer ? <Link to={`/customers/${r.customer.id}`}>{r.customer.name}</Link> : '—') }]),
          ...(hide.includes('ticket') ? [] : [{ title: t('commitments.col.ticket'), key: 'ticket', width: 160, render: (_: unknown, r: CommitmentView) => (r.ticket ? <Link to={`/tickets/${r.ticket.id}`}>#{r.ticket.number} {r.ticket.subject}</Link> : '—') }]),
          { title: t('commitments.col.due'), dataIndex: 'dueAt', width: 190, render: (d: string, r) => (
            <Space size={4}>
              <span>{formatDateTime(d)}</span>
              {r.late && r.status === 'open' && <Tag color="red">{t('commitments.late')}</Tag>}
            </Space>
          ) },
          ...(hide.includes('owner') ? [] : [{ title: t('commitments.col.owner'), key: 'owner', width: 100, render: (_: unknown, r: CommitmentView) => r.owner.name }]),
          { title: t('commitments.col.status'), dataIndex: 'status', width: 90, render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`commitments.status.${s}`)}</Tag> },
          ...(writable
            ? [{
                title: '',
                key: 'actions',
                width: 170,
                render: (_: unknown, r: CommitmentView) =>
                  r.status === 'open' || r.status === 'breached' ? (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setFulfilling(r)} data-testid="commitment-fulfil">{t('commitments.fulfil')}</Button>
                      <Button type="link" size="small" onClick={() => setEditing(r)}>{t('commitments.edit')}</Button>
                      {r.status === 'open' && (
                        <Popconfirm title={t('commitments.cancelConfirm')} onConfirm={() => cancel(r)}>
                          <Button type="link" size="small" danger>{t('commitments.cancel')}</Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ) : null,
              }]
            : []),
        ]}
      />
      <CommitmentFulfilModal commitment={fulfilling} onClose={() => setFulfilling(null)} onDone={refresh} />
      <CommitmentEditModal open={!!editing} editing={editing} onClose={() => setEditing(null)} onDone={refresh} />
    </>
  );
}
