import { ArrowLeftOutlined, CrownOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Modal, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../ui/api';
import { formatDate } from '../../ui/format';
import { testId } from '../../ui/test-id';
import type { MergeParty, MergePreview, MergeResult, MergeSide } from './duplicate-types';
import { initialChoice, MergeFieldsTable } from './merge-fields-table';
import { useCustomerLabels } from './merge-labels';
import { MovedSummary } from './merge-moved';
import { invalidateCustomerData, MergeUndoButton } from './merge-undo-button';

export type MergeCandidate = { id: string; name: string; createdAt: string };

export type MergePreviewModalProps = {
  /** The two customers to merge; null closes the modal. */
  pair: [MergeCandidate, MergeCandidate] | null;
  onClose: () => void;
  onMerged?: (result: MergeResult) => void;
};

/** The older card survives by default: it is the one people have been working with. */
const olderFirst = (a: MergeCandidate, b: MergeCandidate) => (a.createdAt <= b.createdAt ? a.id : b.id);

/**
 * 合并预览: pick the customer that stays, choose per field which value to keep, see what moves,
 * then merge. Success offers 撤销 at once; the merge history on the 360 page offers it later.
 */
export function MergePreviewModal({ pair, onClose, onMerged }: MergePreviewModalProps) {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const qc = useQueryClient();
  const labels = useCustomerLabels();
  const [survivorId, setSurvivorId] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, MergeSide>>({});
  const [saving, setSaving] = useState(false);
  const pairKey = pair ? `${pair[0].id}|${pair[1].id}` : '';

  useEffect(() => {
    setSurvivorId(pair ? olderFirst(pair[0], pair[1]) : null);
  }, [pairKey]);

  const mergedId = pair && survivorId ? (pair[0].id === survivorId ? pair[1].id : pair[0].id) : null;
  const preview = useQuery({
    queryKey: ['customerData', 'mergePreview', survivorId, mergedId],
    queryFn: () => api<MergePreview>('/customers/merge-preview', { query: { survivorId, mergedId } }),
    enabled: !!survivorId && !!mergedId,
    gcTime: 0,
  });

  useEffect(() => {
    if (preview.data) setChoices(Object.fromEntries(preview.data.fields.map((f) => [f.field, initialChoice(f)])));
  }, [preview.data]);

  const moved = useMemo(() => Object.fromEntries((preview.data?.related ?? []).map((r) => [r.name, r.count])), [preview.data]);

  const submit = async () => {
    const p = preview.data;
    if (!p) return;
    setSaving(true);
    try {
      const changed = Object.fromEntries(p.fields.filter((f) => !f.same).map((f) => [f.field, choices[f.field] ?? f.suggested]));
      const res = await api<MergeResult>('/customers/merge', {
        method: 'POST',
        body: { survivorId: p.survivor.id, mergedId: p.merged.id, choices: changed, version: { survivor: p.survivor.version, merged: p.merged.version } },
      });
      const key = `merge-${res.mergeId}`;
      notification.success({
        key,
        title: t('customerData.merge.done'),
        description: t('customerData.merge.doneDetail', { merged: p.merged.name, survivor: p.survivor.name }),
        duration: 15,
        actions: <MergeUndoButton mergeId={res.mergeId} confirm={false} type="primary" onUndone={() => notification.destroy(key)} />,
        ...testId('merge-done'),
      });
      onMerged?.(res);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        message.warning(t('customerData.merge.changedMeanwhile'));
        void preview.refetch();
      } else message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
      await invalidateCustomerData(qc);
    }
  };

  const party = (p: MergeParty, role: 'survivor' | 'merged') => (
    <Card
      size="small"
      hoverable={role === 'merged'}
      onClick={() => role === 'merged' && setSurvivorId(p.id)}
      style={{ flex: 1, borderColor: role === 'survivor' ? '#1677ff' : undefined, background: role === 'survivor' ? '#f0f7ff' : undefined }}
      data-testid={`merge-party-${role}`}
    >
      <Radio checked={role === 'survivor'} onChange={() => setSurvivorId(p.id)}>
        <Typography.Text strong>{role === 'survivor' ? t('customerData.merge.survivor') : t('customerData.merge.merged')}</Typography.Text>
      </Radio>
      <div style={{ marginTop: 8 }}>
        <Space>
          {role === 'survivor' && <CrownOutlined style={{ color: '#faad14' }} />}
          <Typography.Text strong style={{ fontSize: 15 }}>
            {p.name}
          </Typography.Text>
          <Tag>{labels.value('kind', p.kind)}</Tag>
        </Space>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('customerData.merge.partyMeta', { owner: p.ownerName ?? t('customerData.duplicates.noOwner'), created: formatDate(p.createdAt) })}
      </Typography.Text>
      <div style={{ marginTop: 4, fontSize: 12 }}>
        <Typography.Text type="secondary">{role === 'survivor' ? t('customerData.merge.survivorHint') : t('customerData.merge.mergedHint')}</Typography.Text>
      </div>
    </Card>
  );

  const p = preview.data;
  return (
    <Modal
      open={!!pair}
      width={1000}
      title={t('customerData.merge.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('customerData.merge.confirm')}
      okButtonProps={{ loading: saving, disabled: !p, ...testId('merge-confirm') }}
      destroyOnHidden
    >
      {preview.error && <Alert type="error" showIcon title={preview.error.message} />}
      {!p && !preview.error && <Skeleton active />}
      {p && (
        <>
          <div style={{ display: 'flex', gap: 12, alignItems: 'stretch' }}>
            {party(p.survivor, 'survivor')}
            <div style={{ display: 'grid', placeItems: 'center', color: '#8c8c8c' }}>
              <ArrowLeftOutlined style={{ fontSize: 20 }} />
            </div>
            {party(p.merged, 'merged')}
          </div>
          {p.warnings.map((w) => (
            <Alert key={w} style={{ marginTop: 12 }} type="warning" showIcon title={t(`customerData.merge.warnings.${w}`, { defaultValue: w })} />
          ))}
          <MergeFieldsTable preview={p} choices={choices} onChoose={(field, side) => setChoices((c) => ({ ...c, [field]: side }))} />
          <div style={{ marginTop: 16 }} data-testid="merge-related">
            <Typography.Text strong>{t('customerData.merge.relatedTitle', { name: p.survivor.name })}</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <MovedSummary moved={moved} />
            </div>
          </div>
          <Alert style={{ marginTop: 16 }} type="info" showIcon title={t('customerData.merge.reversible')} />
        </>
      )}
    </Modal>
  );
}
