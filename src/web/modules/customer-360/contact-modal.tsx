import { Col, Form, Input, Rate, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONTACT_ROLES, type ContactView } from '../../../shared/customers';
import { api } from '../../ui/api';
import { FormModal } from '../../ui/form-modal';
import { useServerForm } from '../../ui/use-server-form';
import { enumLabel } from '../customers/customer-labels';

type Values = {
  name: string;
  jobTitle?: string;
  role: ContactView['role'];
  strength: number;
  phone?: string;
  email?: string;
  wechat?: string;
  isPrimary: boolean;
  notes?: string;
};
const FIELDS = ['name', 'jobTitle', 'role', 'strength', 'phone', 'email', 'wechat', 'isPrimary', 'notes'];

/** What the form starts from; a masked value (138****5678) is never written back, so its field starts empty. */
function initialValues(contact: ContactView | null, masked: { phone: boolean; email: boolean }): Partial<Values> {
  if (!contact) return { role: 'other', strength: 3, isPrimary: false };
  return {
    name: contact.name,
    jobTitle: contact.jobTitle ?? '',
    role: contact.role,
    strength: contact.strength,
    phone: masked.phone ? '' : (contact.phone ?? ''),
    email: masked.email ? '' : (contact.email ?? ''),
    wechat: contact.wechat ?? '',
    isPrimary: contact.isPrimary,
    notes: contact.notes,
  };
}

/** The request body; a masked phone or e-mail left empty is not sent, so it stays as it is. */
function contactBody(v: Values, masked: { phone: boolean; email: boolean }): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: v.name.trim(),
    jobTitle: v.jobTitle?.trim() || null,
    role: v.role,
    strength: v.strength,
    wechat: v.wechat?.trim() || null,
    isPrimary: v.isPrimary,
    notes: v.notes?.trim() ?? '',
  };
  const phone = v.phone?.trim() ?? '';
  const email = v.email?.trim() ?? '';
  if (!masked.phone || phone) body.phone = phone || null;
  if (!masked.email || email) body.email = email || null;
  return body;
}

/** Add (`contact === null`) or edit a contact with role and relationship strength (§2.2). */
export function ContactModal({ customerId, contact, onClose, onSaved }: { customerId: string; contact: ContactView | null | undefined; onClose: () => void; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const creating = contact === null;
  const masked = { phone: !!contact?.maskedFields.includes('phone'), email: !!contact?.maskedFields.includes('email') };
  const refresh = async () => {
    await onSaved();
    onClose();
  };
  const server = useServerForm<Values>({
    open: contact !== undefined,
    initialValues: () => initialValues(contact ?? null, masked),
    fields: FIELDS,
    send: (v) => {
      const body = contactBody(v, masked);
      return creating ? api(`/customers/${customerId}/contacts`, { body }) : api(`/customers/${customerId}/contacts/${contact!.id}`, { method: 'PATCH', ifMatch: contact!.version, body });
    },
    successMessage: () => (creating ? t('customer360.contacts.created') : t('common.saved')),
    onDone: refresh,
    stale: { message: t('customer360.staleReloaded'), reload: refresh },
  });

  const keep = (masked: boolean, current: string | null | undefined) => (masked && current ? t('customer360.contacts.keepMasked', { value: current }) : undefined);

  return (
    <FormModal
      server={server}
      open={contact !== undefined}
      onClose={onClose}
      width={680}
      title={creating ? t('customer360.contacts.createTitle') : t('customer360.contacts.editTitle', { name: contact?.name })}
      okText={creating ? t('customer360.contacts.createSubmit') : t('common.save')}
      okTestId="contact-submit"
      formTestId="contact-form"
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="name" label={t('customer360.contacts.name')} rules={[{ required: true, whitespace: true, message: t('customer360.contacts.nameRequired') }, { max: 64 }]}>
            <Input maxLength={64} data-testid="contact-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="jobTitle" label={t('customer360.contacts.jobTitle')} rules={[{ max: 64 }]}>
            <Input maxLength={64} placeholder={t('customer360.contacts.jobTitlePlaceholder')} data-testid="contact-job-title" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="role" label={t('customer360.contacts.role')} rules={[{ required: true }]} extra={t('customer360.contacts.roleHint')}>
            <Select options={CONTACT_ROLES.map((r) => ({ value: r, label: enumLabel(t, 'contactRole', r) }))} data-testid="contact-role" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="strength" label={t('customer360.contacts.strength')} extra={t('customer360.contacts.strengthHint')}>
            <Rate allowClear={false} tooltips={[1, 2, 3, 4, 5].map((n) => t(`customer360.contacts.strengthLevels.${n}`))} data-testid="contact-strength" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="phone" label={t('customer360.contacts.phone')} extra={keep(masked.phone, contact?.phone)} rules={[{ pattern: /^[+＋\d０-９][\d０-９\s()-]{4,30}$/, message: t('customer360.contacts.phoneInvalid') }]}>
            <Input placeholder={masked.phone ? t('customer360.contacts.unchanged') : '13800138000'} data-testid="contact-phone" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="email" label={t('customer360.contacts.email')} extra={keep(masked.email, contact?.email)} rules={[{ type: 'email', message: t('customer360.contacts.emailInvalid') }, { max: 254 }]}>
            <Input placeholder={masked.email ? t('customer360.contacts.unchanged') : 'name@example.com'} data-testid="contact-email" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="wechat" label={t('customer360.contacts.wechat')} rules={[{ max: 64 }]}>
            <Input maxLength={64} data-testid="contact-wechat" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="isPrimary" label={t('customer360.contacts.isPrimary')} valuePropName="checked" extra={t('customer360.contacts.isPrimaryHint')}>
            <Switch data-testid="contact-primary" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('customer360.contacts.notes')} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} showCount maxLength={2000} placeholder={t('customer360.contacts.notesPlaceholder')} data-testid="contact-notes" />
      </Form.Item>
    </FormModal>
  );
}
