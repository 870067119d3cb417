import { SmileOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Rate, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalTicket } from '../../../shared/portal';
import { api } from '../../ui/api';
import { useServerForm } from '../../ui/use-server-form';
import { useStoreTicket } from './portal-queries';

type Values = { score: number; comment?: string };

/** 1–5 stars and a comment on a solved request; changeable until the request is closed. */
export function PortalRating({ ticket }: { ticket: PortalTicket }) {
  const { t } = useTranslation();
  const store = useStoreTicket();
  const [editing, setEditing] = useState(ticket.satisfaction === null);
  const stars = t('portal.ticket.stars', { returnObjects: true }) as string[];
  const server = useServerForm<Values, PortalTicket>({
    open: editing,
    initialValues: () => ({ score: ticket.satisfaction ?? 0, comment: ticket.satisfactionComment ?? '' }),
    fields: ['score', 'comment'],
    send: (v) => api<PortalTicket>(`/portal/tickets/${ticket.id}/rating`, { body: { score: v.score, comment: v.comment?.trim() || undefined } }),
    successMessage: () => t('portal.ticket.rateDone'),
    onDone: (saved) => {
      store(saved);
      setEditing(false);
    },
  });

  if (!editing) {
    return (
      <Card size="small" style={{ background: '#f6ffed', borderColor: '#b7eb8f' }} data-testid="portal-rating-done">
        <Space wrap>
          <SmileOutlined style={{ color: '#52c41a' }} />
          <Typography.Text strong>{t('portal.ticket.rateDone')}</Typography.Text>
          <Rate disabled value={ticket.satisfaction ?? 0} />
          {ticket.satisfactionComment && <Typography.Text type="secondary">“{ticket.satisfactionComment}”</Typography.Text>}
          {ticket.canRate && (
            <Button type="link" onClick={() => setEditing(true)} data-testid="portal-rating-change">
              {t('portal.ticket.rateChange')}
            </Button>
          )}
        </Space>
      </Card>
    );
  }
  return (
    <Card size="small" title={t('portal.ticket.rateTitle')} style={{ borderColor: '#91caff' }} data-testid="portal-rating">
      <Form<Values> form={server.form} layout="vertical" onFinish={server.submit} requiredMark={false}>
        <Form.Item name="score" rules={[{ validator: (_, v: number) => (v >= 1 ? Promise.resolve() : Promise.reject(new Error(t('portal.ticket.rateRequired')))) }]} style={{ marginBottom: 8 }}>
          <Rate tooltips={stars} style={{ fontSize: 28 }} data-testid="portal-rating-stars" />
        </Form.Item>
        <Form.Item name="comment" label={t('portal.ticket.rateComment')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} data-testid="portal-rating-comment" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={server.busy} data-testid="portal-rating-submit">
          {t('portal.ticket.rateSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
