import { AutoComplete, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CONSENT_CHANNELS, type ConsentBody, type ConsentChannel } from '../../../shared/customer-privacy';
import { api } from '../../ui/api';
import { FormModal } from '../../ui/form-modal';
import { useServerForm } from '../../ui/use-server-form';

const PURPOSES = ['marketing', 'service', 'survey', 'analytics', 'thirdParty', 'crossBorder'] as const;

type Values = { purpose: string; scope?: string; channel: ConsentChannel; granted: boolean; at?: Dayjs; evidence?: string };
const FIELDS = ['purpose', 'scope', 'channel', 'granted', 'at', 'evidence'];

/** Records one consent (or refusal) of a customer: purpose, data covered, channel, when, and the proof. */
export function ConsentAddModal({ customerId, open, onClose, onSaved }: { customerId: string; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const server = useServerForm<Values>({
    open,
    fields: FIELDS,
    send: (v) => {
      const body: ConsentBody = {
        purpose: v.purpose.trim(),
        scope: v.scope?.trim() ?? '',
        channel: v.channel,
        granted: v.granted,
        evidence: v.evidence?.trim() ?? '',
        at: v.at ? v.at.toISOString() : undefined,
      };
      return api(`/customers/${customerId}/consents`, { body });
    },
    successMessage: () => t('customerPrivacy.consents.saved'),
    onDone: onSaved,
  });

  return (
    <FormModal
      server={server}
      open={open}
      onClose={onClose}
      width={560}
      top={0}
      title={t('customerPrivacy.consents.addTitle')}
      okText={t('common.save')}
      okTestId="consent-save"
      formTestId="consent-form"
      formProps={{ initialValues: { granted: true }, preserve: false }}
    >
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
    </FormModal>
  );
}
