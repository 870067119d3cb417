import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ComplaintView } from '../../../shared/complaints';
import { COMPLAINT_SEVERITIES } from '../../../shared/tickets';
import { api } from '../../ui/api';
import { FormModal } from '../../ui/form-modal';
import { useServerForm } from '../../ui/use-server-form';

type Values = { complainantName: string; complainantPhone: string; occurredAt: Dayjs | null; matter: string; severity: string };

/** Edits the registration (登记) of a complaint; a stale version reloads it. */
export function ComplaintRegisterModal({ complaint, open, onClose, onSaved, onStale }: { complaint: ComplaintView; open: boolean; onClose: () => void; onSaved: (c: ComplaintView) => void; onStale: () => unknown }) {
  const { t } = useTranslation();
  const server = useServerForm<Values, ComplaintView>({
    open,
    fields: ['complainantName', 'complainantPhone', 'occurredAt', 'matter', 'severity'],
    initialValues: () => ({
      complainantName: complaint.complainantName ?? '',
      complainantPhone: complaint.complainantPhone ?? '',
      occurredAt: complaint.occurredAt ? dayjs(complaint.occurredAt) : null,
      matter: complaint.matter,
      severity: complaint.severity,
    }),
    send: (v) =>
      api<ComplaintView>(`/tickets/${complaint.ticketId}/complaint`, {
        method: 'PATCH',
        ifMatch: complaint.version,
        body: { complainantName: v.complainantName || null, complainantPhone: v.complainantPhone || null, occurredAt: v.occurredAt ? v.occurredAt.toISOString() : null, matter: v.matter, severity: v.severity },
      }),
    successMessage: () => t('complaints.panel.saved'),
    onDone: (c) => {
      onSaved(c);
      onClose();
    },
    stale: { message: t('complaints.panel.stale'), reload: () => Promise.resolve(onStale()).then(onClose) },
  });
  const f = (name: string) => t(`complaints.field.${name}`);
  return (
    <FormModal server={server} open={open} onClose={onClose} title={t('complaints.panel.edit')} okText={t('common.save')} okTestId="complaint-register-save">
      <Form.Item name="complainantName" label={f('complainantName')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="complainantPhone" label={f('complainantPhone')}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="occurredAt" label={f('occurredAt')}>
        <DatePicker showTime style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="matter" label={f('matter')}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item name="severity" label={f('severity')}>
        <Select options={COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: t(`complaints.severity.${s}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
