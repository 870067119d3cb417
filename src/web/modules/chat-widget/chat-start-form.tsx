import { MailOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, type FormRule, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHAT_TEXT_MAX, type ChatSession } from '../../../shared/chat';
import { normalizeCnPhone } from '../../../shared/phone';
import { useServerForm } from '../../ui/use-server-form';
import { startChat, type StartValues } from './chat-api';

const FIELDS = ['name', 'email', 'phone', 'text'] as const;
const blank = (v: string | undefined) => !v || v.trim() === '';

/** Who the visitor is, one way to reach them, and the first question; the chat opens on send. */
export function ChatStartForm({ notice, onStarted }: { notice: string | null; onStarted: (session: ChatSession) => void }) {
  const { t } = useTranslation();
  const server = useServerForm<StartValues, ChatSession>({
    open: true,
    fields: FIELDS,
    send: (v) =>
      startChat({
        name: v.name.trim(),
        email: blank(v.email) ? undefined : v.email!.trim(),
        phone: blank(v.phone) ? undefined : v.phone!.trim(),
        text: v.text.trim(),
      }),
    onDone: onStarted,
  });

  // One of e-mail and phone is enough; each field re-checks when the other changes.
  const contactRule = (other: 'email' | 'phone'): FormRule => ({
    validator: (_, value: string | undefined) =>
      blank(value) && blank(server.form.getFieldValue(other) as string | undefined) ? Promise.reject(new Error(t('chatWidget.contactRequired'))) : Promise.resolve(),
  });
  const phoneRule: FormRule = {
    validator: (_, value: string | undefined) => (blank(value) || normalizeCnPhone(value!) ? Promise.resolve() : Promise.reject(new Error(t('chatWidget.phoneInvalid')))),
  };

  return (
    <div style={{ flex: 1, overflowY: 'auto', padding: '14px 16px 16px', background: '#f7f8fa' }}>
      {notice && <Alert type="info" showIcon title={notice} style={{ marginBottom: 12 }} data-testid="chat-notice" />}
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 12 }}>
        {t('chatWidget.intro')}
      </Typography.Paragraph>
      <Form<StartValues> form={server.form} layout="vertical" onFinish={server.submit} requiredMark={false} size="middle" data-testid="chat-start-form">
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('chatWidget.nameRequired') }]}>
          <Input prefix={<UserOutlined />} placeholder={t('chatWidget.name')} aria-label={t('chatWidget.name')} maxLength={50} autoComplete="name" data-testid="chat-name" />
        </Form.Item>
        <Form.Item
          name="email"
          dependencies={['phone']}
          rules={[{ type: 'email', message: t('chatWidget.emailInvalid') }, contactRule('phone')]}
          validateFirst
        >
          <Input prefix={<MailOutlined />} placeholder={t('chatWidget.email')} aria-label={t('chatWidget.email')} maxLength={254} autoComplete="email" inputMode="email" data-testid="chat-email" />
        </Form.Item>
        <Form.Item name="phone" dependencies={['email']} rules={[contactRule('email'), phoneRule]} validateFirst>
          <Input prefix={<PhoneOutlined />} placeholder={t('chatWidget.phone')} aria-label={t('chatWidget.phone')} maxLength={40} autoComplete="tel" inputMode="tel" data-testid="chat-phone" />
        </Form.Item>
        <Form.Item name="text" rules={[{ required: true, whitespace: true, message: t('chatWidget.messageRequired') }]}>
          <Input.TextArea
            placeholder={t('chatWidget.message')}
            aria-label={t('chatWidget.message')}
            autoSize={{ minRows: 3, maxRows: 6 }}
            maxLength={CHAT_TEXT_MAX}
            data-testid="chat-first-message"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={server.busy} data-testid="chat-start">
          {t('chatWidget.start')}
        </Button>
      </Form>
    </div>
  );
}
