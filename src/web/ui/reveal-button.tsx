import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../app/auth';
import { api, ApiError } from './api';

type Props = {
  entity: string;
  id: string;
  field: string;
  /** Shown in the dialog title, e.g. the user's name. */
  subject?: string;
};

/**
 * The "查看" eye beside a masked value: asks for a reason, calls `POST /api/v1/reveal`
 * (which audits the reveal) and shows the full value in the dialog. Renders nothing for
 * users without `pii.reveal`.
 */
export function RevealButton({ entity, id, field, subject }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  if (!can('pii.reveal')) return null;

  const close = () => {
    setOpen(false);
    setValue(null);
    setError(null);
    form.resetFields();
  };
  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ value: string | null }>('/reveal', { body: { entity, id, field, reason: reason.trim() } });
      setValue(answer.value ?? '');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Tooltip title={t('reveal.tooltip')}>
        <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid={`reveal-${field}`}>
          {t('reveal.view')}
        </Button>
      </Tooltip>
      <Modal
        open={open}
        title={subject ? t('reveal.titleOf', { subject, field: t(`reveal.fields.${field}`) }) : t('reveal.title')}
        onCancel={close}
        destroyOnHidden
        footer={
          value === null
            ? [
                <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
                <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()} data-testid="reveal-submit">{t('reveal.submit')}</Button>,
              ]
            : [<Button key="close" type="primary" onClick={close}>{t('common.close')}</Button>]
        }
      >
        {value === null ? (
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Typography.Paragraph type="secondary">{t('reveal.explain')}</Typography.Paragraph>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Form.Item
              name="reason"
              label={t('reveal.reason')}
              rules={[
                { required: true, whitespace: true, message: t('reveal.reasonRequired') },
                { min: 2, message: t('reveal.reasonTooShort') },
                { max: 500, message: t('reveal.reasonTooLong') },
              ]}
            >
              <Input.TextArea rows={3} autoFocus placeholder={t('reveal.reasonPlaceholder')} data-testid="reveal-reason" />
            </Form.Item>
          </Form>
        ) : (
          <div style={{ textAlign: 'center', padding: '16px 0' }}>
            <Typography.Title level={3} copyable={value ? { text: value } : false} style={{ margin: 0 }} data-testid="reveal-value">
              {value || '—'}
            </Typography.Title>
            <Typography.Text type="secondary">{t('reveal.audited')}</Typography.Text>
          </div>
        )}
      </Modal>
    </>
  );
}
