import { BulbOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Space, Typography } from 'antd';
import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PORTAL_TICKET_TYPES, type PortalTicket, type PortalTicketType } from '../../../shared/portal';
import { AFTER_SALES_SUBTYPES } from '../../../shared/tickets';
import { api, type Page } from '../../ui/api';
import { useServerForm } from '../../ui/use-server-form';
import type { KbArticleSummary } from '../kb/kb-types';
import { portalKeys, useStoreTicket } from './portal-queries';

type Values = { type: PortalTicketType; subtype?: string; subject: string; body: string };

/** A new request: what kind, a subject, the details; public articles that match the subject show beside. */
export default function PortalNewTicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const store = useStoreTicket();
  const server = useServerForm<Values, PortalTicket>({
    open: true,
    initialValues: () => ({ type: 'inquiry' }),
    fields: ['type', 'subtype', 'subject', 'body'],
    send: (v) => api<PortalTicket>('/portal/tickets', { body: { ...v, subtype: v.type === 'after_sales' ? v.subtype : undefined } }),
    successMessage: (ticket) => t('portal.form.submitted', { number: ticket.number }),
    onDone: (ticket) => {
      store(ticket);
      navigate(`/portal/tickets/${ticket.id}`);
    },
  });
  const type = Form.useWatch('type', server.form);
  const subject = useDeferredValue(Form.useWatch('subject', server.form)?.trim() ?? '');
  const related = useQuery({
    queryKey: portalKeys.articles(subject),
    queryFn: () => api<Page<KbArticleSummary>>('/portal/articles', { query: { q: subject, limit: 3 } }),
    enabled: subject.length >= 2,
    staleTime: 60_000,
  });

  return (
    <Card title={t('portal.form.title')}>
      <Form<Values> form={server.form} layout="vertical" onFinish={server.submit} requiredMark={false} style={{ maxWidth: 640 }} data-testid="portal-ticket-form">
        <Form.Item name="type" label={t('portal.form.type')} rules={[{ required: true }]}>
          <Radio.Group style={{ width: '100%' }}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {PORTAL_TICKET_TYPES.map((k) => (
                <Radio key={k} value={k} data-testid={`portal-type-${k}`}>
                  <Typography.Text strong>{t(`portal.type.${k}`)}</Typography.Text> <Typography.Text type="secondary">{t(`portal.typeHint.${k}`)}</Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        {type === 'after_sales' && (
          <Form.Item name="subtype" label={t('portal.form.subtype')} rules={[{ required: true, message: t('portal.form.subtypeRequired') }]}>
            <Radio.Group optionType="button" options={AFTER_SALES_SUBTYPES.map((s) => ({ value: s, label: <span data-testid={`portal-subtype-${s}`}>{t(`portal.subtype.${s}`)}</span> }))} />
          </Form.Item>
        )}
        <Form.Item name="subject" label={t('portal.form.subject')} rules={[{ required: true, min: 2, whitespace: true, message: t('portal.form.subjectRequired') }]}>
          <Input maxLength={200} showCount placeholder={t('portal.form.subjectPlaceholder')} data-testid="portal-ticket-subject" />
        </Form.Item>
        {(related.data?.items.length ?? 0) > 0 && (
          <Alert
            type="info"
            icon={<BulbOutlined />}
            showIcon
            style={{ marginBottom: 16 }}
            title={t('portal.form.related')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="portal-related-articles">
                {related.data!.items.map((a) => (
                  <li key={a.id}>
                    <Link to={`/portal/help/${a.id}`} target="_blank">
                      {a.title}
                    </Link>
                  </li>
                ))}
              </ul>
            }
          />
        )}
        <Form.Item name="body" label={t('portal.form.body')} rules={[{ required: true, min: 5, whitespace: true, message: t('portal.form.bodyRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={10_000} showCount placeholder={t('portal.form.bodyPlaceholder')} data-testid="portal-ticket-body" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" loading={server.busy} data-testid="portal-ticket-submit">
          {t('portal.form.submit')}
        </Button>
      </Form>
    </Card>
  );
}
