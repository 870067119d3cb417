import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ComplaintView } from '../../../shared/complaints';
import { api, ApiError } from '../../ui/api';
import { CommitmentsPanel } from '../commitments/commitments-panel';
import { ComplaintPanel } from './complaint-panel';

/** One complaint on its own: the process panel and the commitments made on its ticket. */
export default function ComplaintDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const complaint = useQuery({
    queryKey: ['complaint', id],
    queryFn: () => api<ComplaintView>(`/tickets/${id}/complaint`),
    retry: (n, err) => !(err instanceof ApiError && err.status === 404) && n < 2,
  });
  const c = complaint.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Link to="/complaints">
          <Button icon={<ArrowLeftOutlined />}>{t('complaints.title')}</Button>
        </Link>
        {c && (
          <Link to={`/tickets/${id}`} data-testid="complaint-ticket-link">
            #{c.ticketNumber} {c.ticketSubject}
          </Link>
        )}
      </Space>
      <ComplaintPanel ticketId={id} />
      <CommitmentsPanel ticketId={id} />
    </Space>
  );
}
