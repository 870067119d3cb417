import { UndoOutlined } from '@ant-design/icons';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../ui/api';
import type { UndoResult } from '../../../shared/customer-merge';

/**
 * Every cached customer list, card, duplicates page and merge history is stale after a merge or
 * its undo. An open merge preview is not reloaded: its pair no longer exists as such.
 */
export function invalidateCustomerData(qc: QueryClient) {
  return qc.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && /^customer/i.test(q.queryKey[0]) && q.queryKey[1] !== 'mergePreview' });
}

export async function undoMerge(mergeId: string): Promise<UndoResult> {
  return api<UndoResult>(`/customer-merges/${mergeId}/undo`, { method: 'POST' });
}

export type MergeUndoButtonProps = {
  mergeId: string;
  /** Asks first (default); the success message of a fresh merge undoes at once. */
  confirm?: boolean;
  disabled?: boolean;
  size?: ButtonProps['size'];
  type?: ButtonProps['type'];
  onUndone?: (result: UndoResult) => void;
};

/**
 * 撤销合并: restores both customer cards and moves the moved records back. The server refuses
 * (with a message shown here) when a later merge must be undone first.
 */
export function MergeUndoButton({ mergeId, confirm = true, disabled, size = 'small', type = 'link', onUndone }: MergeUndoButtonProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const res = await undoMerge(mergeId);
      message.success(t('customerData.merge.undone', { survivor: res.survivor.name, merged: res.merged.name }));
      onUndone?.(res);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
      await invalidateCustomerData(qc);
    }
  };

  const onClick = () => {
    if (!confirm) return void run();
    modal.confirm({
      title: t('customerData.merge.undoConfirm'),
      content: t('customerData.merge.undoHint'),
      okText: t('customerData.merge.undo'),
      onOk: run,
    });
  };

  return (
    <Button type={type} size={size} icon={<UndoOutlined />} loading={busy} disabled={disabled} onClick={onClick} data-testid="merge-undo">
      {t('customerData.merge.undo')}
    </Button>
  );
}
