import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { TicketDetail } from '../../../shared/tickets';
import { api, ApiError } from '../../ui/api';
import { CommitmentsPanel } from '../commitments/commitments-panel';
import { ComplaintPanel } from '../complaints/complaint-panel';
import { SuggestedArticles } from '../kb/suggested-articles';
import { SlaClockPanel } from '../sla/sla-clock-panel';
import { TicketComposer } from './ticket-composer';
import { TicketConversation } from './ticket-conversation';
import { TicketHeader } from './ticket-header';
import { TicketLinksCard } from './ticket-links-card';
import { useTicketRealtime } from './ticket-queries';
import { AssignmentCard, CustomerCard, SatisfactionCard } from './ticket-side';
import { ticketKeys } from './ticket-types';

function Loading() {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="ticket-loading">
      <Card>
        <Skeleton active paragraph={{ rows: 2 }} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card>
            <Skeleton active paragraph={{ rows: 10 }} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card>
            <Skeleton active paragraph={{ rows: 8 }} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

/**
 * 工单详情 (§5.1–§5.3): the header with status moves and classification, the conversation with
 * the composer, and beside it the customer, the assignment, the SLA clock, suggested knowledge
 * articles and related tickets (link, merge, split).
 */
export default function TicketDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [splitting, setSplitting] = useState<string[] | null>(null);
  useTicketRealtime();
  const query = useQuery({ queryKey: ticketKeys.one(id), queryFn: () => api<TicketDetail>(`/tickets/${id}`), enabled: !!id });
  const ticket = query.data;
  const numberLinks = useMemo(() => new Map((ticket?.links ?? []).map((l) => [l.number, l.id])), [ticket?.links]);

  if (query.isLoading) return <Loading />;
  if (query.isError || !ticket) {
    const notFound = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400);
    return (
      <Card>
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? t('tickets.detail.notFound') : t('tickets.detail.loadFailed')}
          subTitle={notFound ? t('tickets.detail.notFoundHint') : query.error instanceof Error ? query.error.message : undefined}
          extra={
            <Space>
              <Button type="primary" onClick={() => navigate('/tickets')}>
                {t('tickets.detail.back')}
              </Button>
              {!notFound && <Button onClick={() => void query.refetch()}>{t('tickets.detail.retry')}</Button>}
            </Space>
          }
        />
      </Card>
    );
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="ticket-detail">
      <Link to="/tickets">
        <ArrowLeftOutlined /> {t('tickets.detail.back')}
      </Link>
      {ticket.mergedInto && (
        <Alert
          type="warning"
          showIcon
          title={t('tickets.detail.mergedBanner', { number: ticket.mergedInto.number })}
          description={t('tickets.detail.mergedHint')}
          action={
            <Link to={`/tickets/${ticket.mergedInto.id}`} data-testid="ticket-merged-link">
              <Button size="small" type="primary">
                {t('tickets.detail.openTarget', { number: ticket.mergedInto.number })}
              </Button>
            </Link>
          }
          data-testid="ticket-merged-banner"
        />
      )}
      <TicketHeader ticket={ticket} />
      <Row gutter={[16, 16]} align="top">
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {ticket.type === 'complaint' && <ComplaintPanel ticketId={ticket.id} />}
            <Card size="small" title={t('tickets.detail.conversation')}>
              {ticket.description && (
                <div style={{ marginBottom: 8, padding: '8px 12px', background: '#fafafa', borderRadius: 8 }} data-testid="ticket-description">
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('tickets.fields.description')}
                  </Typography.Text>
                  <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{ticket.description}</div>
                </div>
              )}
              <TicketConversation ticketId={ticket.id} customerName={ticket.customer?.name ?? ticket.requesterName} numberLinks={numberLinks} selecting={splitting ? { ids: splitting, onChange: setSplitting } : null} />
            </Card>
            <TicketComposer ticket={ticket} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <CustomerCard ticket={ticket} />
            <SatisfactionCard ticket={ticket} />
            <AssignmentCard ticket={ticket} />
            <SlaClockPanel ticketId={ticket.id} />
            <CommitmentsPanel ticketId={ticket.id} />
            <SuggestedArticles text={`${ticket.subject}\n${ticket.description}`} />
            <TicketLinksCard ticket={ticket} splitting={splitting} onSplitStart={() => setSplitting([])} onSplitEnd={() => setSplitting(null)} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
