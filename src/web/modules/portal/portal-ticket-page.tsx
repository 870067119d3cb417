import { ArrowLeftOutlined, CustomerServiceOutlined, SendOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Avatar, Button, Card, Form, Input, Result, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { PortalMessage, PortalTicket } from '../../../shared/portal';
import { api, ApiError } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import { useServerForm } from '../../ui/use-server-form';
import { PortalStatusTag, typeLabel } from './portal-labels';
import { usePortalTicket, useStoreTicket } from './portal-queries';
import { PortalRating } from './portal-rating';

function Bubble({ m, youLabel }: { m: PortalMessage; youLabel: string }) {
  const mine = m.from === 'customer';
  return (
    <div style={{ display: 'flex', flexDirection: mine ? 'row-reverse' : 'row', gap: 10, alignItems: 'flex-start' }} data-testid={`portal-message-${m.from}`}>
      <Avatar icon={mine ? <UserOutlined /> : <CustomerServiceOutlined />} style={{ background: mine ? '#87d068' : '#1677ff', flex: 'none' }} />
      <div style={{ maxWidth: '78%' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', textAlign: mine ? 'right' : 'left' }}>
          {mine ? youLabel : m.authorName} · {formatDateTime(m.createdAt)}
        </Typography.Text>
        <div style={{ marginTop: 4, padding: '8px 12px', borderRadius: 8, background: mine ? '#f6ffed' : '#fff', border: `1px solid ${mine ? '#b7eb8f' : '#e6f4ff'}`, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {m.body}
        </div>
      </div>
    </div>
  );
}

function ReplyBox({ ticket }: { ticket: PortalTicket }) {
  const { t } = useTranslation();
  const store = useStoreTicket();
  const server = useServerForm<{ body: string }, PortalTicket>({
    open: true,
    fields: ['body'],
    send: (v) => api<PortalTicket>(`/portal/tickets/${ticket.id}/messages`, { body: v }),
    successMessage: () => t('portal.ticket.sent'),
    onDone: (saved) => {
      store(saved);
      server.form.resetFields();
    },
  });
  return (
    <Form form={server.form} onFinish={server.submit} data-testid="portal-reply-form">
      <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('portal.ticket.replyRequired') }]} style={{ marginBottom: 8 }}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10_000} placeholder={t('portal.ticket.replyPlaceholder')} data-testid="portal-reply-text" />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={server.busy} data-testid="portal-reply-send">
        {t('portal.ticket.send')}
      </Button>
    </Form>
  );
}

/** One request: its conversation (public replies only), a reply box while open, and the rating once solved. */
export default function PortalTicketPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const query = usePortalTicket(id);
  const back = (
    <div style={{ marginBottom: 8 }}>
      <Link to="/portal">
        <ArrowLeftOutlined /> {t('portal.ticket.back')}
      </Link>
    </div>
  );
  if (query.isPending) return <Card>{back}<Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return <Card>{back}<Result status={missing ? '404' : 'warning'} title={missing ? t('portal.ticket.notFound') : t('portal.error.load')} /></Card>;
  }
  const ticket = query.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card data-testid="portal-ticket">
        {back}
        <Space align="center" wrap style={{ marginTop: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="portal-ticket-subject">
            {ticket.subject}
          </Typography.Title>
          <PortalStatusTag status={ticket.status} t={t} />
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
          {t('portal.list.number', { number: ticket.number })} · {typeLabel(t, ticket.type, ticket.subtype)} · {formatDateTime(ticket.createdAt)}
        </Typography.Paragraph>
      </Card>
      {ticket.canRate || ticket.satisfaction !== null ? <PortalRating ticket={ticket} /> : null}
      <Card>
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="portal-conversation">
          {ticket.messages.map((m) => (
            <Bubble key={m.id} m={m} youLabel={t('portal.ticket.you')} />
          ))}
        </Space>
        <div style={{ marginTop: 24, borderTop: '1px solid #f0f0f0', paddingTop: 16 }}>
          {ticket.canReply ? (
            <ReplyBox ticket={ticket} />
          ) : (
            <Alert
              type="info"
              showIcon
              title={t('portal.ticket.closed')}
              action={<Button onClick={() => navigate('/portal/new')}>{t('portal.ticket.newRequest')}</Button>}
              data-testid="portal-ticket-closed"
            />
          )}
        </div>
      </Card>
    </Space>
  );
}
