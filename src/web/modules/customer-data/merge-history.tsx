import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { api } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import type { MergeRecord } from './duplicate-types';
import { MergeUndoButton } from './merge-undo-button';
import { MovedSummary } from './merge-moved';

export type MergeHistoryProps = {
  customerId: string;
  /** Called after an undo (e.g. to reload the 360 page). */
  onUndone?: () => void;
};

/**
 * 合并记录 of one customer for its 360 page: merges it took part in, newest first, each with
 * what moved and, for people allowed to merge, an undo button (or why undo is not possible).
 */
export function MergeHistory({ customerId, onUndone }: MergeHistoryProps) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const q = useQuery({ queryKey: ['customerData', 'merges', customerId], queryFn: () => api<MergeRecord[]>(`/customers/${customerId}/merges`) });
  if (q.isLoading) return <Spin />;
  if (q.error) return <Alert type="error" showIcon title={q.error.message} />;
  const items = q.data ?? [];
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerData.history.empty')} />;
  return (
    <div data-testid="merge-history">
      {items.map((m) => (
        <div key={m.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="merge-history-item">
          <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
            <Space orientation="vertical" size={2}>
              <span>
                {m.role === 'survivor' ? (
                  <>
                    {t('customerData.history.absorbed')} <Link to={`/customers/${m.mergedId}`}>{m.mergedName}</Link>
                  </>
                ) : (
                  <>
                    {t('customerData.history.mergedInto')} <Link to={`/customers/${m.survivorId}`}>{m.survivorName}</Link>
                  </>
                )}
                {m.undoneAt && (
                  <Tag style={{ marginLeft: 8 }} color="default">
                    {t('customerData.history.undoneTag')}
                  </Tag>
                )}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(m.at)} · {m.actorName ?? t('customerData.history.system')}
                {m.undoneAt && ` · ${t('customerData.history.undoneBy', { name: m.undoneByName ?? t('customerData.history.system'), at: formatDateTime(m.undoneAt) })}`}
              </Typography.Text>
              <MovedSummary moved={m.moved} />
            </Space>
            {!m.undoneAt && can('customers.merge') && (
              <Tooltip title={m.blockedBy ? t('customerData.history.blocked') : !m.canUndo ? t('customerData.history.cannotUndo') : m.survivorChangedSince ? t('customerData.history.changedSince') : undefined}>
                <span>
                  <MergeUndoButton mergeId={m.id} disabled={!m.canUndo} onUndone={onUndone} />
                </span>
              </Tooltip>
            )}
          </Space>
        </div>
      ))}
    </div>
  );
}
