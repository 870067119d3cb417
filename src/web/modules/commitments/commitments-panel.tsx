import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitmentView } from '../../../shared/complaints';
import { useAuth } from '../../app/auth';
import { useCursorList } from '../../ui/use-cursor-list';
import { CommitmentEditModal } from './commitment-modals';
import { CommitmentsTable } from './commitments-table';

/**
 * The commitments (客户承诺) of one ticket and/or customer, for the ticket page or the customer
 * 360 page: list, add, fulfil, edit, cancel. New ones are tied to the given ticket / customer.
 */
export function CommitmentsPanel({ ticketId, customerId }: { ticketId?: string; customerId?: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const list = useCursorList<CommitmentView>('commitments', '/commitments', { ticketId, customerId: ticketId ? undefined : customerId }, 10);
  return (
    <Card
      size="small"
      title={t('commitments.panelTitle')}
      data-testid="commitments-panel"
      extra={
        can('tickets.update') && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="commitment-add">
            {t('commitments.add')}
          </Button>
        )
      }
    >
      <CommitmentsTable list={list} hide={ticketId ? ['ticket', 'customer', 'owner'] : ['customer']} narrow />
      <CommitmentEditModal open={adding} onClose={() => setAdding(false)} onDone={() => qc.invalidateQueries({ queryKey: ['commitments'] })} ticketId={ticketId} customerId={customerId} />
    </Card>
  );
}
