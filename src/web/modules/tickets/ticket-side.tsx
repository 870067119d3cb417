import { UserOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Rate, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TicketDetail } from '../../../shared/tickets';
import { useAuth } from '../../app/auth';
import { useCustomer } from '../customers/customer-queries';
import { AssigneeSelect, TeamSelect } from './assignee-select';
import { useTicketActions } from './use-ticket-actions';

/** Who asked: the customer (with a link to their 360 page) and the requester's own details. */
export function CustomerCard({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const customer = useCustomer(ticket.customer && can('customers.read') ? ticket.customer.id : undefined);
  const c = customer.data;
  return (
    <Card size="small" title={<><UserOutlined /> {t('tickets.side.customer')}</>} data-testid="ticket-customer-card">
      {ticket.customer ? (
        <Space orientation="vertical" size={2} style={{ width: '100%' }}>
          <Space size={6} wrap>
            <Link to={`/customers/${ticket.customer.id}`} style={{ fontWeight: 600, fontSize: 15 }} data-testid="ticket-customer-link">
              {ticket.customer.name}
            </Link>
            {ticket.customerTier && <Tag color={ticket.customerTier === 'vip' ? 'gold' : 'default'}>{t(`tickets.tier.${ticket.customerTier}`, { defaultValue: ticket.customerTier })}</Tag>}
          </Space>
          {c && (
            <Descriptions size="small" column={1} colon={false} styles={{ label: { width: 64, color: 'rgba(0,0,0,0.45)' } }}>
              {c.phones.length > 0 && <Descriptions.Item label={t('tickets.side.phone')}>{c.phones.map((p) => p.value ?? '—').join(', ')}</Descriptions.Item>}
              {c.email && <Descriptions.Item label={t('tickets.side.email')}>{c.email}</Descriptions.Item>}
              {c.company && <Descriptions.Item label={t('tickets.side.company')}>{c.company}</Descriptions.Item>}
              {c.regionLabel && <Descriptions.Item label={t('tickets.side.region')}>{c.regionLabel}</Descriptions.Item>}
              {c.ownerName && <Descriptions.Item label={t('tickets.side.owner')}>{c.ownerName}</Descriptions.Item>}
            </Descriptions>
          )}
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('tickets.side.noCustomer')}</Typography.Text>
      )}
      {(ticket.requesterName || ticket.requesterEmail || ticket.requesterPhone) && (
        <div style={{ marginTop: 8, paddingTop: 8, borderTop: '1px solid rgba(5,5,5,0.06)' }} data-testid="ticket-requester">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tickets.side.requester')}
          </Typography.Text>
          <div>{[ticket.requesterName, ticket.requesterPhone, ticket.requesterEmail].filter(Boolean).join(' · ')}</div>
        </div>
      )}
    </Card>
  );
}

/** Team and agent; changing them calls the assignment endpoint (which logs who did it). */
export function AssignmentCard({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { run } = useTicketActions(ticket);
  const [form] = Form.useForm<{ teamId?: string; assigneeId?: string }>();
  const teamId = Form.useWatch('teamId', form);
  const assigneeId = Form.useWatch('assigneeId', form);
  const [busy, setBusy] = useState(false);
  useEffect(() => form.setFieldsValue({ teamId: ticket.team?.id, assigneeId: ticket.assignee?.id }), [ticket.team?.id, ticket.assignee?.id]);
  const allowed = can('tickets.assign') && !ticket.mergedInto;
  const changed = teamId !== ticket.team?.id || assigneeId !== ticket.assignee?.id;

  const save = async (v: { teamId?: string; assigneeId?: string }) => {
    if (!v.teamId && !v.assigneeId) return;
    setBusy(true);
    await run('/assign', { ...(v.teamId ? { teamId: v.teamId } : {}), ...(v.assigneeId ? { assigneeId: v.assigneeId } : {}) }, t('tickets.side.assigned'));
    setBusy(false);
  };

  return (
    <Card size="small" title={t('tickets.side.assignment')} data-testid="ticket-assignment">
      {allowed ? (
        <Form form={form} layout="vertical" onFinish={save} requiredMark={false} size="small">
          <Form.Item name="teamId" label={t('tickets.fields.team')} style={{ marginBottom: 8 }}>
            <TeamSelect onChange={() => form.setFieldValue("assigneeId", undefined)} placeholder={t("tickets.side.noTeam")} data-testid="assign-team" />
          </Form.Item>
          <Form.Item name="assigneeId" label={t('tickets.fields.assignee')} style={{ marginBottom: 8 }}>
            <AssigneeSelect teamId={teamId} known={ticket.assignee} data-testid="assign-assignee" />
          </Form.Item>
          <Button type="primary" size="small" htmlType="submit" loading={busy} disabled={!changed} data-testid="assign-save">
            {t('tickets.side.assign')}
          </Button>
        </Form>
      ) : (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('tickets.fields.team')}>{ticket.team?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('tickets.fields.assignee')}>{ticket.assignee?.name ?? t('tickets.unassigned')}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

/** The customer's rating of a solved ticket (from the portal), with their comment. */
export function SatisfactionCard({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  if (ticket.satisfaction === null) return null;
  return (
    <Card size="small" title={t('tickets.side.satisfaction')} data-testid="ticket-satisfaction">
      <Rate disabled value={ticket.satisfaction} />
      {ticket.satisfactionComment && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', whiteSpace: 'pre-wrap' }}>
          “{ticket.satisfactionComment}”
        </Typography.Paragraph>
      )}
    </Card>
  );
}
