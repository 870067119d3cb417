import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitmentView } from '../../../shared/complaints';
import { useAuth } from '../../app/auth';
import { PageCard } from '../../ui/page-card';
import { useCursorList } from '../../ui/use-cursor-list';
import { CommitmentEditModal } from './commitment-modals';
import { CommitmentsTable } from './commitments-table';

type View = 'mine' | 'open' | 'dueToday' | 'breached' | 'all';
const FILTERS: Record<View, Record<string, string>> = {
  mine: { mine: 'true', status: 'open,breached' },
  open: { status: 'open' },
  dueToday: { dueToday: 'true' },
  breached: { breached: 'true' },
  all: {},
};

/** §5.7 customer commitments: mine, open, due today, breached. */
export default function CommitmentsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const qc = useQueryClient();
  const [view, setView] = useState<View>('mine');
  const [adding, setAdding] = useState(false);
  const list = useCursorList<CommitmentView>('commitments', '/commitments', FILTERS[view]);
  return (
    <PageCard
      title={t('commitments.title')}
      description={t('commitments.description')}
      extra={
        can('tickets.update') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="commitment-add">
            {t('commitments.add')}
          </Button>
        )
      }
    >
      <Segmented<View>
        style={{ marginBottom: 16 }}
        value={view}
        onChange={setView}
        options={(Object.keys(FILTERS) as View[]).map((v) => ({ value: v, label: t(`commitments.filter.${v}`) }))}
        data-testid="commitments-view"
      />
      <CommitmentsTable list={list} />
      <CommitmentEditModal open={adding} onClose={() => setAdding(false)} onDone={() => qc.invalidateQueries({ queryKey: ['commitments'] })} />
    </PageCard>
  );
}
