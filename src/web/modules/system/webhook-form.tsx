import { App, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';
import { EVENT_PATTERN, EVENT_SUGGESTIONS, type Webhook, type WebhookWithSecret } from './webhook-types';

type Values = { name: string; url: string; events: string[]; active: boolean };

/** Create or edit a webhook; a created one comes back with its signing secret (shown once by the caller). */
export function WebhookForm({ open, webhook, onClose, onSaved }: { open: boolean; webhook: Webhook | null; onClose: () => void; onSaved: (created: WebhookWithSecret | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(webhook ? { name: webhook.name, url: webhook.url, events: webhook.events, active: webhook.active } : { name: '', url: 'https://', events: ['*'], active: true });
  }, [open, webhook, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    const body = { name: v.name.trim(), url: v.url.trim(), events: v.events, active: v.active };
    try {
      if (webhook) {
        await api(`/webhooks/${webhook.id}`, { method: 'PATCH', body, ifMatch: webhook.version });
        message.success(t('common.saved'));
        onSaved(null);
      } else {
        onSaved(await api<WebhookWithSecret>('/webhooks', { method: 'POST', body }));
      }
    } catch (err) {
      const rest = applyServerErrors(form, err, ['name', 'url', 'events', 'active']);
      if (rest) message.error(rest);
      if (isVersionConflict(err)) onSaved(null);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      forceRender
      width={620}
      title={webhook ? t('webhooks.editTitle', { name: webhook.name }) : t('webhooks.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: saving, ...testId('webhook-submit') }}
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="webhook-form">
        <Form.Item name="name" label={t('webhooks.name')} rules={[{ required: true, whitespace: true, message: t('webhooks.nameRequired') }, { max: 100 }]}>
          <Input placeholder={t('webhooks.namePlaceholder')} maxLength={100} />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('webhooks.url')}
          extra={t('webhooks.urlHelp')}
          rules={[
            { required: true, message: t('webhooks.urlRequired') },
            { max: 2000 },
            {
              validator: async (_, v: string) => {
                if (!v) return;
                let u: URL;
                try {
                  u = new URL(v.trim());
                } catch {
                  throw new Error(t('webhooks.urlInvalid'));
                }
                if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(t('webhooks.urlInvalid'));
                if (!u.hostname) throw new Error(t('webhooks.urlInvalid'));
              },
            },
          ]}
        >
          <Input placeholder="https://example.com/kefu/webhook" style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }} />
        </Form.Item>
        <Form.Item
          name="events"
          label={t('webhooks.events')}
          extra={t('webhooks.eventsHelp')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('webhooks.eventsRequired') },
            {
              validator: async (_, v: string[]) => {
                const bad = (v ?? []).find((e) => !EVENT_PATTERN.test(e));
                if (bad) throw new Error(t('webhooks.eventInvalid', { value: bad }));
              },
            },
          ]}
        >
          <Select mode="tags" tokenSeparators={[',', ' ', '，']} options={EVENT_SUGGESTIONS.map((e) => ({ value: e, label: `${e} — ${t(`webhooks.eventHints.${e === '*' ? 'all' : e.slice(0, -2)}`)}` }))} data-testid="webhook-events" />
        </Form.Item>
        <Form.Item name="active" label={t('webhooks.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {!webhook && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
            {t('webhooks.secretNotice')}
          </Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}
