import { CheckCircleFilled, MailOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, type FormRule, Input, Radio, Result, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { normalizeCnPhone } from '../../../shared/phone';
import { PORTAL_TICKET_TYPES, type PortalTicketType } from '../../../shared/portal';
import { AFTER_SALES_SUBTYPES } from '../../../shared/tickets';
import type { WebFormReceipt } from '../../../shared/web-form';
import { api } from '../../ui/api';
import { useServerForm } from '../../ui/use-server-form';
import { usePortalMe } from './portal-queries';

type Values = { type: PortalTicketType; subtype?: string; subject: string; body: string; name: string; email?: string; phone?: string; website?: string };

const FIELDS = ['type', 'subtype', 'subject', 'body', 'name', 'email', 'phone'] as const;
const blank = (v: string | undefined) => !v || v.trim() === '';

/** Kept off-screen rather than `display: none`, which form-filling robots learn to skip. */
const honeypotStyle: React.CSSProperties = { position: 'absolute', left: -10_000, top: 'auto', width: 1, height: 1, overflow: 'hidden' };

/**
 * §5.2 "contact us": anyone may write without an account. The request becomes a ticket whose
 * number the visitor keeps; a signed-in customer finds their name and e-mail filled in.
 */
export default function PortalContactPage() {
  const { t } = useTranslation();
  const me = usePortalMe().data ?? null;
  const [receipt, setReceipt] = useState<WebFormReceipt | null>(null);
  const server = useServerForm<Values, WebFormReceipt>({
    // open again after "write another": the form starts afresh
    open: receipt === null,
    initialValues: () => ({ type: 'inquiry', name: me?.displayName || me?.customerName || undefined, email: me?.email }),
    fields: FIELDS,
    send: (v) =>
      api<WebFormReceipt>('/public/web-form', {
        body: {
          name: v.name,
          email: blank(v.email) ? undefined : v.email!.trim(),
          phone: blank(v.phone) ? undefined : v.phone!.trim(),
          type: v.type,
          subtype: v.type === 'after_sales' ? v.subtype : undefined,
          subject: v.subject,
          body: v.body,
          website: v.website ?? '',
        },
      }),
    onDone: (r) => setReceipt(r),
  });
  const type = Form.useWatch('type', server.form);

  // One of e-mail and phone is enough; each field re-checks when the other changes.
  const contactRule = (other: 'email' | 'phone'): FormRule => ({
    validator: (_, value: string | undefined) =>
      blank(value) && blank(server.form.getFieldValue(other) as string | undefined) ? Promise.reject(new Error(t('portal.contact.contactRequired'))) : Promise.resolve(),
  });
  const phoneRule: FormRule = {
    validator: (_, value: string | undefined) => (blank(value) || normalizeCnPhone(value!) ? Promise.resolve() : Promise.reject(new Error(t('portal.contact.phoneInvalid')))),
  };

  if (receipt) {
    return (
      <Card data-testid="portal-contact-done">
        <Result
          status="success"
          icon={<CheckCircleFilled />}
          title={t('portal.contact.doneTitle')}
          subTitle={
            <Space orientation="vertical" size={4}>
              <span>{t('portal.contact.doneNumberLabel')}</span>
              <Typography.Text strong copyable={{ text: receipt.number }} style={{ fontSize: 28, letterSpacing: 1 }} data-testid="portal-contact-number">
                #{receipt.number}
              </Typography.Text>
              <span>{t('portal.contact.doneHint')}</span>
            </Space>
          }
          extra={[
            me ? (
              <Link key="track" to="/portal">
                <Button type="primary">{t('portal.contact.doneTrack')}</Button>
              </Link>
            ) : (
              <Link key="sign-in" to="/portal/sign-in">
                <Button type="primary" data-testid="portal-contact-sign-in">
                  {t('portal.contact.doneSignIn')}
                </Button>
              </Link>
            ),
            <Link key="help" to="/portal/help">
              <Button>{t('portal.contact.doneHelp')}</Button>
            </Link>,
            <Button
              key="again"
              type="link"
              onClick={() => setReceipt(null)}
            >
              {t('portal.contact.doneAgain')}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  return (
    <Card title={t('portal.contact.title')}>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 640 }}>
        {t('portal.contact.intro')}
        {!me && (
          <>
            {' '}
            <Link to="/portal/sign-in">{t('portal.contact.introSignIn')}</Link>
          </>
        )}
      </Typography.Paragraph>
      <Form<Values> form={server.form} layout="vertical" onFinish={server.submit} requiredMark={false} style={{ maxWidth: 640, position: 'relative' }} data-testid="portal-contact-form">
        <Form.Item name="type" label={t('portal.form.type')} rules={[{ required: true }]}>
          <Radio.Group style={{ width: '100%' }}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {PORTAL_TICKET_TYPES.map((k) => (
                <Radio key={k} value={k} data-testid={`portal-contact-type-${k}`}>
                  <Typography.Text strong>{t(`portal.type.${k}`)}</Typography.Text> <Typography.Text type="secondary">{t(`portal.typeHint.${k}`)}</Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        {type === 'after_sales' && (
          <Form.Item name="subtype" label={t('portal.form.subtype')} rules={[{ required: true, message: t('portal.form.subtypeRequired') }]}>
            <Radio.Group optionType="button" options={AFTER_SALES_SUBTYPES.map((s) => ({ value: s, label: <span data-testid={`portal-contact-subtype-${s}`}>{t(`portal.subtype.${s}`)}</span> }))} />
          </Form.Item>
        )}
        <Form.Item name="subject" label={t('portal.form.subject')} rules={[{ required: true, min: 2, whitespace: true, message: t('portal.form.subjectRequired') }]}>
          <Input maxLength={200} showCount placeholder={t('portal.form.subjectPlaceholder')} data-testid="portal-contact-subject" />
        </Form.Item>
        <Form.Item name="body" label={t('portal.form.body')} rules={[{ required: true, min: 5, whitespace: true, message: t('portal.form.bodyRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={10_000} showCount placeholder={t('portal.form.bodyPlaceholder')} data-testid="portal-contact-body" />
        </Form.Item>

        <Typography.Title level={5} style={{ marginTop: 40 }}>
          {t('portal.contact.yourDetails')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('portal.contact.detailsHint')}
        </Typography.Paragraph>
        <Form.Item name="name" label={t('portal.contact.name')} rules={[{ required: true, whitespace: true, message: t('portal.contact.nameRequired') }]}>
          <Input prefix={<UserOutlined />} maxLength={50} autoComplete="name" data-testid="portal-contact-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="email"
              label={t('portal.contact.email')}
              dependencies={['phone']}
              rules={[{ type: 'email', message: t('portal.contact.emailInvalid') }, contactRule('phone')]}
            >
              <Input prefix={<MailOutlined />} maxLength={254} autoComplete="email" inputMode="email" data-testid="portal-contact-email" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('portal.contact.phone')} dependencies={['email']} rules={[phoneRule, contactRule('email')]}>
              <Input prefix={<PhoneOutlined />} maxLength={40} autoComplete="tel" inputMode="tel" placeholder={t('portal.contact.phonePlaceholder')} data-testid="portal-contact-phone" />
            </Form.Item>
          </Col>
        </Row>
        <div style={honeypotStyle} aria-hidden="true">
          <Form.Item name="website" label="Website">
            <Input tabIndex={-1} autoComplete="off" data-testid="portal-contact-website" />
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" size="large" loading={server.busy} data-testid="portal-contact-submit">
          {t('portal.contact.submit')}
        </Button>
      </Form>
    </Card>
  );
}
