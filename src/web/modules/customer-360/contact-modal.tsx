import { App, Col, Form, Input, Modal, Rate, Row, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_ROLES, type ContactView } from '../../../shared/customers';
import { api } from '../../ui/api';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';
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

/** Add (`contact === null`) or edit a contact with role and relationship strength (§2.2). */
export function ContactModal({ customerId, contact, onClose, onSaved }: { customerId: string; contact: ContactView | null | undefined; onClose: () => void; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const creating = contact === null;
  // A masked value (138****5678) must never be written back: the field starts empty.
  const maskedPhone = !!contact?.maskedFields.includes('phone');
  const maskedEmail = !!contact?.maskedFields.includes('email');

  useEffect(() => {
    if (contact === undefined) return;
    form.resetFields();
    if (contact)
      form.setFieldsValue({
        name: contact.name,
        jobTitle: contact.jobTitle ?? '',
        role: contact.role,
        strength: contact.strength,
        phone: maskedPhone ? '' : (contact.phone ?? ''),
        email: maskedEmail ? '' : (contact.email ?? ''),
        wechat: contact.wechat ?? '',
        isPrimary: contact.isPrimary,
        notes: contact.notes,
      });
    else form.setFieldsValue({ role: 'other', strength: 3, isPrimary: false });
  }, [contact, form, maskedPhone, maskedEmail]);

  const submit = async (v: Values) => {
    setSaving(true);
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
    if (!maskedPhone || phone) body.phone = phone || null;
    if (!maskedEmail || email) body.email = email || null;
    try {
      if (creating) await api(`/customers/${customerId}/contacts`, { body });
      else await api(`/customers/${customerId}/contacts/${contact!.id}`, { method: 'PATCH', ifMatch: contact!.version, body });
      message.success(creating ? t('customer360.contacts.created') : t('common.saved'));
      await onSaved();
      onClose();
    } catch (err) {
      const toast = applyServerErrors(form, err, FIELDS);
      if (toast) message.error(isVersionConflict(err) ? t('customer360.staleReloaded') : toast);
      if (isVersionConflict(err)) {
        await onSaved();
        onClose();
      }
    } finally {
      setSaving(false);
    }
  };

  const keep = (masked: boolean, current: string | null | undefined) => (masked && current ? t('customer360.contacts.keepMasked', { value: current }) : undefined);

  return (
    <Modal
      open={contact !== undefined}
      width={680}
      title={creating ? t('customer360.contacts.createTitle') : t('customer360.contacts.editTitle', { name: contact?.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={creating ? t('customer360.contacts.createSubmit') : t('common.save')}
      okButtonProps={{ loading: saving, ...testId('contact-submit') }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }} data-testid="contact-form">
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
            <Form.Item name="phone" label={t('customer360.contacts.phone')} extra={keep(maskedPhone, contact?.phone)} rules={[{ pattern: /^[+＋\d０-９][\d０-９\s()-]{4,30}$/, message: t('customer360.contacts.phoneInvalid') }]}>
              <Input placeholder={maskedPhone ? t('customer360.contacts.unchanged') : '13800138000'} data-testid="contact-phone" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="email" label={t('customer360.contacts.email')} extra={keep(maskedEmail, contact?.email)} rules={[{ type: 'email', message: t('customer360.contacts.emailInvalid') }, { max: 254 }]}>
              <Input placeholder={maskedEmail ? t('customer360.contacts.unchanged') : 'name@example.com'} data-testid="contact-email" />
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
      </Form>
    </Modal>
  );
}
