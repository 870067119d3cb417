import { App, AutoComplete, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { applyServerErrors } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';

/** Channels a consent may arrive by (the server's CONSENT_CHANNELS). */
export const CONSENT_CHANNELS = ['phone', 'web', 'wechat', 'email', 'paper', 'in_person', 'other'] as const;
const PURPOSES = ['marketing', 'service', 'survey', 'analytics', 'thirdParty', 'crossBorder'] as const;

type Values = { purpose: string; scope?: string; channel: (typeof CONSENT_CHANNELS)[number]; granted: boolean; at?: Dayjs; evidence?: string };
const FIELDS = ['purpose', 'scope', 'channel', 'granted', 'at', 'evidence'];

/** Records one consent (or refusal) of a customer: purpose, data covered, channel, when, and the proof. */
export function ConsentAddModal({ customerId, open, onClose, onSaved }: { customerId: string; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      await api(`/customers/${customerId}/consents`, {
        body: {
          purpose: v.purpose.trim(),
          scope: v.scope?.trim() ?? '',
          channel: v.channel,
          granted: v.granted,
          evidence: v.evidence?.trim() ?? '',
          at: v.at ? v.at.toISOString() : undefined,
        },
      });
      message.success(t('customerPrivacy.consents.saved'));
      form.resetFields();
      onSaved();
    } catch (err) {
      const toast = applyServerErrors(form, err, FIELDS);
      if (toast) message.error(toast);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('customerPrivacy.consents.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      okButtonProps={testId('consent-save')}
      destroyOnHidden
      width={560}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ granted: true }} data-testid="consent-form" preserve={false}>
        <Form.Item name="purpose" label={t('customerPrivacy.consents.purpose')} rules={[{ required: true, whitespace: true, message: t('customerPrivacy.consents.purposeRequired') }, { max: 200 }]}>
          <AutoComplete
            options={PURPOSES.map((p) => ({ value: t(`customerPrivacy.consents.purposes.${p}`) }))}
            placeholder={t('customerPrivacy.consents.purposePlaceholder')}
            showSearch={{ filterOption: (input, o) => String(o?.value ?? '').toLowerCase().includes(input.toLowerCase()) }}
            data-testid="consent-purpose"
          />
        </Form.Item>
        <Form.Item name="scope" label={t('customerPrivacy.consents.scope')} rules={[{ max: 500 }]}>
          <Input placeholder={t('customerPrivacy.consents.scopePlaceholder')} maxLength={500} data-testid="consent-scope" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item name="channel" label={t('customerPrivacy.consents.channel')} rules={[{ required: true, message: t('customerPrivacy.consents.channelRequired') }]} style={{ flex: '1 1 180px' }}>
            <Select options={CONSENT_CHANNELS.map((c) => ({ value: c, label: t(`customerPrivacy.consents.channels.${c}`) }))} placeholder={t('customerPrivacy.consents.channel')} data-testid="consent-channel" />
          </Form.Item>
          <Form.Item name="granted" label={t('customerPrivacy.consents.granted')} rules={[{ required: true }]} style={{ flex: '1 1 160px' }}>
            <Radio.Group
              optionType="button"
              options={[
                { value: true, label: t('customerPrivacy.consents.grantedYes') },
                { value: false, label: t('customerPrivacy.consents.grantedNo') },
              ]}
              data-testid="consent-granted"
            />
          </Form.Item>
        </div>
        <Form.Item name="at" label={t('customerPrivacy.consents.decidedAt')} extra={t('customerPrivacy.consents.decidedAtHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: 220 }} data-testid="consent-at" />
        </Form.Item>
        <Form.Item name="evidence" label={t('customerPrivacy.consents.evidence')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('customerPrivacy.consents.evidencePlaceholder')} data-testid="consent-evidence" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
