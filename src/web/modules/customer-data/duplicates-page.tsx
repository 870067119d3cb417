import { LeftOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Segmented, Skeleton, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../ui/api';
import { PageCard } from '../../ui/page-card';
import { useCursorList } from '../../ui/use-cursor-list';
import { DuplicateGroupCard } from './duplicate-group-card';
import { DUPLICATE_REASONS, type DuplicateGroup, type DuplicateMember, type DuplicateReason } from './duplicate-types';
import { useCustomerLabels } from './merge-labels';
import { MergePreviewModal } from './merge-preview-modal';
import { invalidateCustomerData } from './merge-undo-button';

const PAGE_SIZE = 10;

/** 重复客户 (§2.7): groups of possible duplicates, judged one by one: merge them or mark them distinct. */
export default function DuplicatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const labels = useCustomerLabels();
  const [reason, setReason] = useState<DuplicateReason | 'all'>('all');
  const [merging, setMerging] = useState<[DuplicateMember, DuplicateMember] | null>(null);
  const list = useCursorList<DuplicateGroup>('customerData.duplicates', '/customers/duplicates', reason === 'all' ? {} : { reason }, PAGE_SIZE);

  const notDuplicate = async ([a, b]: [DuplicateMember, DuplicateMember]) => {
    try {
      await api('/customers/not-duplicates', { method: 'POST', body: { aId: a.id, bId: b.id } });
      message.success(t('customerData.duplicates.notDuplicateDone', { a: a.name, b: b.name }));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      await invalidateCustomerData(qc);
    }
  };

  const groupKey = (g: DuplicateGroup) => `${g.reason}:${g.members.map((m) => m.id).join(',')}`;

  return (
    <PageCard
      title={t('customerData.duplicates.title')}
      description={t('customerData.duplicates.description')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching && !list.isLoading} data-testid="duplicates-refresh">
          {t('common.refresh')}
        </Button>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Text type="secondary">{t('customerData.duplicates.filterReason')}</Typography.Text>
        <Segmented<DuplicateReason | 'all'>
          value={reason}
          onChange={setReason}
          options={[{ value: 'all', label: t('common.all') }, ...DUPLICATE_REASONS.map((r) => ({ value: r, label: labels.reason(r) }))]}
          data-testid="duplicates-reason"
        />
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} />}
      {list.isLoading ? (
        <Skeleton active />
      ) : list.items.length === 0 && !list.error ? (
        <Empty
          style={{ padding: '48px 0' }}
          description={
            <Space orientation="vertical" size={4}>
              <Typography.Text strong>{reason === 'all' ? t('customerData.duplicates.empty') : t('customerData.duplicates.emptyReason', { reason: labels.reason(reason) })}</Typography.Text>
              <Typography.Text type="secondary">{t('customerData.duplicates.emptyHint')}</Typography.Text>
            </Space>
          }
          data-testid="duplicates-empty"
        />
      ) : (
        <Spin spinning={list.isFetching && !list.isLoading}>
          {list.items.map((g) => (
            <DuplicateGroupCard key={groupKey(g)} group={g} onMerge={setMerging} onNotDuplicate={notDuplicate} />
          ))}
        </Spin>
      )}
      {(list.hasPrev || list.hasNext) && (
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Typography.Text type="secondary">{t('pager.page', { n: list.pageNumber })}</Typography.Text>
          <Button icon={<LeftOutlined />} disabled={!list.hasPrev} onClick={list.prev} data-testid="page-prev">
            {t('pager.prev')}
          </Button>
          <Button disabled={!list.hasNext} onClick={list.next} data-testid="page-next">
            {t('pager.next')} <RightOutlined />
          </Button>
        </Space>
      )}
      <MergePreviewModal pair={merging} onClose={() => setMerging(null)} />
    </PageCard>
  );
}
