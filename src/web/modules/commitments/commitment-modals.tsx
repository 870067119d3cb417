import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CommitmentView } from '../../../shared/complaints';
import { api } from '../../ui/api';
import { FormModal } from '../../ui/form-modal';
import { useServerForm } from '../../ui/use-server-form';
import { StaffSelect } from '../complaints/staff-select';

type EditValues = { description: string; dueAt: Dayjs | null; ownerId?: string; customerId?: string };

/**
 * Adds a commitment (for `ticketId` and/or `customerId`) or edits one. Without either target
 * the form asks for a customer id.
 */
export function CommitmentEditModal({ open, onClose, onDone, editing, ticketId, customerId }: { open: boolean; onClose: () => void; onDone: () => unknown; editing?: CommitmentView | null; ticketId?: string; customerId?: string }) {
  const { t } = useTranslation();
  const needsCustomer = !editing && !ticketId && !customerId;
  const server = useServerForm<EditValues, CommitmentView>({
    open,
    fields: ['description', 'dueAt', 'ownerId', 'customerId'],
    initialValues: () => (editing ? { description: editing.description, dueAt: dayjs(editing.dueAt), ownerId: editing.owner.id } : { description: '', dueAt: dayjs().add(1, 'day').hour(18).minute(0).second(0) }),
    send: (v) =>
      editing
        ? api<CommitmentView>(`/commitments/${editing.id}`, { method: 'PATCH', ifMatch: editing.version, body: { description: v.description, dueAt: v.dueAt?.toISOString(), ...(v.ownerId ? { ownerId: v.ownerId } : {}) } })
        : api<CommitmentView>('/commitments', { body: { description: v.description, dueAt: v.dueAt?.toISOString(), ownerId: v.ownerId || undefined, ticketId, customerId: customerId ?? (v.customerId || undefined) } }),
    successMessage: () => t(editing ? 'commitments.updated' : 'commitments.created'),
    onDone: async () => {
      await onDone();
      onClose();
    },
    stale: { message: t('commitments.stale'), reload: async () => { await onDone(); onClose(); } },
  });
  return (
    <FormModal server={server} open={open} onClose={onClose} title={editing ? t('commitments.edit') : t('commitments.add')} okText={t('common.save')} okTestId="commitment-save">
      <Form.Item name="description" label={t('commitments.field.description')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="dueAt" label={t('commitments.field.dueAt')} rules={[{ required: true }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="ownerId" label={t('commitments.field.ownerId')} extra={editing ? undefined : t('commitments.ownerMe')}>
        <StaffSelect current={editing?.owner ?? null} />
      </Form.Item>
      {needsCustomer && (
        <Form.Item name="customerId" label={t('commitments.field.customerId')} rules={[{ required: true }]}>
          <Input maxLength={36} />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** Marks a commitment kept, with a note of how. */
export function CommitmentFulfilModal({ commitment, onClose, onDone }: { commitment: CommitmentView | null; onClose: () => void; onDone: () => unknown }) {
  const { t } = useTranslation();
  const server = useServerForm<{ note: string }, CommitmentView>({
    open: !!commitment,
    fields: ['note'],
    send: (v) => api<CommitmentView>(`/commitments/${commitment!.id}/fulfil`, { body: { note: v.note } }),
    successMessage: () => t('commitments.fulfilled'),
    onDone: async () => {
      await onDone();
      onClose();
    },
  });
  return (
    <FormModal server={server} open={!!commitment} onClose={onClose} title={t('commitments.fulfil')} okText={t('commitments.fulfil')} okTestId="commitment-fulfil-save">
      <Form.Item name="note" label={t('commitments.field.note')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
