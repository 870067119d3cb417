import { MessageOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import { Button, Card, Empty, List, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../ui/format';
import { PortalStatusTag, typeLabel } from './portal-labels';
import { usePortalTickets } from './portal-queries';

/** The customer's requests, newest activity first, twenty at a time. */
export default function PortalTicketsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = usePortalTickets(true);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  const body = () => {
    if (query.isPending) return <Skeleton active paragraph={{ rows: 6 }} data-testid="portal-tickets-loading" />;
    if (query.isError) return <Result status="warning" title={t('portal.error.load')} extra={<Button onClick={() => void query.refetch()}>{t('portal.error.retry')}</Button>} />;
    if (items.length === 0) {
      return (
        <Empty description={t('portal.list.empty')} data-testid="portal-tickets-empty">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/portal/new')} data-testid="portal-tickets-empty-new">
            {t('portal.list.emptyAction')}
          </Button>
        </Empty>
      );
    }
    return (
      <>
        <List
          dataSource={items}
          data-testid="portal-tickets"
          renderItem={(item) => (
            <List.Item key={item.id} data-testid={`portal-ticket-${item.number}`} extra={<PortalStatusTag status={item.status} t={t} />}>
              <List.Item.Meta
                title={
                  <Link to={`/portal/tickets/${item.id}`} data-testid="portal-ticket-link">
                    {item.subject}
                  </Link>
                }
                description={
                  <Space wrap size={[12, 4]}>
                    <span>{t('portal.list.number', { number: item.number })}</span>
                    <span>{typeLabel(t, item.type, item.subtype)}</span>
                    <span>{t('portal.list.updated', { time: formatDateTime(item.updatedAt) })}</span>
                    {item.awaitingCustomer && (
                      <Tag color="orange" icon={<MessageOutlined />}>
                        {t('portal.list.awaiting')}
                      </Tag>
                    )}
                    {item.satisfaction !== null && (
                      <Typography.Text type="secondary">
                        <StarFilled style={{ color: '#fadb14' }} /> {t('portal.list.rated', { score: item.satisfaction })}
                      </Typography.Text>
                    )}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
        {query.hasNextPage && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="portal-tickets-more">
              {t('portal.list.more')}
            </Button>
          </div>
        )}
      </>
    );
  };

  return (
    <Card
      title={t('portal.list.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/portal/new')} data-testid="portal-new-ticket">
          {t('portal.nav.new')}
        </Button>
      }
    >
      {body()}
    </Card>
  );
}
