import { Button, DatePicker, Form, Input, InputNumber, Rate, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintView } from '../../../shared/complaints';
import { COMPLAINT_ROOT_CAUSES, COMPLAINT_SEVERITIES, type ComplaintStep } from '../../../shared/tickets';
import { api } from '../../ui/api';
import { useServerForm } from '../../ui/use-server-form';
import { CategoryTreeSelect } from '../tickets/category-tree-select';

type Values = Record<string, unknown> & { occurredAt?: Dayjs | null; customerInformedAt?: Dayjs | null; compensation?: number | null };

const FIELDS: Record<ComplaintStep, string[]> = {
  receive: ['note'],
  register: ['complainantName', 'complainantPhone', 'occurredAt', 'matter', 'categoryId', 'severity', 'note'],
  investigate: ['rootCause', 'rootCauseDetail', 'note'],
  handle: ['measures', 'compensation', 'recoveryNote', 'customerInformedAt', 'note'],
  survey: ['score', 'comment', 'note'],
  follow_up: ['note'],
  close: ['note'],
};

/** What the step's completion sends: dates as ISO, compensation from 元 to integer 分. */
function toBody(step: ComplaintStep, v: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS[step]) {
    const value = v[f];
    // the category lives on the ticket: it is saved with the registration, not with the step
    if (f === 'categoryId' || value === undefined || value === null || value === '') continue;
    if (f === 'occurredAt' || f === 'customerInformedAt') out[f] = (value as Dayjs).toISOString();
    else if (f === 'compensation') out.compensationFen = Math.round(Number(value) * 100);
    else out[f] = value;
  }
  return out;
}

/** The form of the step in progress; completing it moves the complaint on. */
export function ComplaintStepForm({ complaint, step, onDone }: { complaint: ComplaintView; step: ComplaintStep; onDone: (c: ComplaintView) => void }) {
  const { t } = useTranslation();
  // what the server holds, so a retry after a refused completion does not resend a stale version
  const saved = useRef({ version: complaint.version, categoryId: complaint.category?.id ?? null });
  const server = useServerForm<Values, ComplaintView>({
    open: true,
    fields: FIELDS[step],
    serverNames: { compensationFen: 'compensation' },
    initialValues: () =>
      step === 'register'
        ? {
            complainantName: complaint.complainantName ?? '',
            complainantPhone: complaint.complainantPhone ?? '',
            matter: complaint.matter,
            categoryId: complaint.category?.id,
            severity: complaint.severity,
            occurredAt: complaint.occurredAt ? dayjs(complaint.occurredAt) : null,
          }
        : step === 'handle'
          ? { customerInformedAt: dayjs() }
          : {},
    send: async (values) => {
      const categoryId = (values.categoryId as string | undefined) ?? null;
      if (step === 'register' && categoryId !== saved.current.categoryId) {
        const patched = await api<ComplaintView>(`/tickets/${complaint.ticketId}/complaint`, { method: 'PATCH', ifMatch: saved.current.version, body: { categoryId } });
        saved.current = { version: patched.version, categoryId: patched.category?.id ?? null };
      }
      return api<ComplaintView>(`/tickets/${complaint.ticketId}/complaint/steps/${step}/complete`, { body: toBody(step, values) });
    },
    successMessage: () => t('complaints.panel.completedToast', { step: t(`complaints.step.${step}`) }),
    onDone: (c) => onDone(c),
  });
  const f = (name: string) => t(`complaints.field.${name}`);
  return (
    <Form<Values> form={server.form} layout="vertical" onFinish={server.submit} style={{ maxWidth: 760 }} data-testid={`complaint-step-form-${step}`}>
      {step === 'register' && (
        <>
          <Form.Item name="complainantName" label={f('complainantName')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="complainantPhone" label={f('complainantPhone')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="occurredAt" label={f('occurredAt')}>
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="matter" label={f('matter')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name="categoryId" label={f('category')}>
            <CategoryTreeSelect type="complaint" data-testid="complaint-register-category" />
          </Form.Item>
          <Form.Item name="severity" label={f('severity')}>
            <Select options={COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: t(`complaints.severity.${s}`) }))} />
          </Form.Item>
        </>
      )}
      {step === 'investigate' && (
        <>
          <Form.Item name="rootCause" label={f('rootCause')} rules={[{ required: true }]}>
            <Select options={COMPLAINT_ROOT_CAUSES.map((s) => ({ value: s, label: t(`complaints.rootCause.${s}`) }))} />
          </Form.Item>
          <Form.Item name="rootCauseDetail" label={f('rootCauseDetail')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </>
      )}
      {step === 'handle' && (
        <>
          <Form.Item name="measures" label={f('measures')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name="compensation" label={f('compensation')}>
            <InputNumber min={0} precision={2} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="recoveryNote" label={f('recoveryNote')}>
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
          <Form.Item name="customerInformedAt" label={f('customerInformedAt')} rules={[{ required: true }]}>
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
      {step === 'survey' && (
        <>
          <Form.Item name="score" label={f('score')} rules={[{ required: true }]}>
            <Rate />
          </Form.Item>
          <Form.Item name="comment" label={f('comment')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      )}
      <Form.Item name="note" label={step === 'follow_up' ? f('followUpNote') : f('note')} rules={step === 'follow_up' ? [{ required: true }] : []}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={server.busy} data-testid={`complaint-complete-${step}`}>
        {t('complaints.panel.complete')}
      </Button>
    </Form>
  );
}
