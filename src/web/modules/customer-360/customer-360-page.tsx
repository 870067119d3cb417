import { FileAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Result, Row, Skeleton, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { ApiError } from '../../ui/api';
import { ConsentsPanel } from '../customer-data/consents-panel';
import { MergeHistory } from '../customer-data/merge-history';
import { PersonalDataActions } from '../customer-data/personal-data-actions';
import { CustomerFormDrawer } from '../customers/customer-form-drawer';
import { formatMinute } from './labels';
import { ContactsTab } from './contacts-tab';
import { PortalInviteButton } from '../portal/portal-invite-button';
import { CustomerHeader } from './customer-header';
import { FeedbackCard } from './feedback-card';
import { InfoCard } from './info-card';
import { InvoicesTab } from './invoices-tab';
import { NoteModal } from './note-composer';
import { OrdersTab } from './orders-tab';
import { PortraitCard } from './portrait-card';
import { PreferencesCard } from './preferences-card';
import { useOverview, useRefresh360 } from './queries';
import { StatusChangeModal } from './status-change-modal';
import { StatusHistoryCard } from './status-history-card';
import { TimelineTab } from './timeline';

const TABS = ['timeline', 'contacts', 'orders', 'billing', 'privacy', 'merges'] as const;
type TabKey = (typeof TABS)[number];

function Loading() {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="c360-loading">
      <Card>
        <Skeleton avatar={{ size: 56 }} active paragraph={{ rows: 2 }} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card>
            <Skeleton active paragraph={{ rows: 10 }} />
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card>
            <Skeleton active paragraph={{ rows: 10 }} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

/**
 * 客户 360 (§2.2–§2.5, §2.10): the info card, preferences, portrait, feedback and status history
 * on the left; the timeline, contacts, orders and invoices & payments in tabs on the right.
 */
export default function Customer360Page() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const overview = useOverview(id);
  const refresh = useRefresh360(id);
  const [statusOpen, setStatusOpen] = useState(false);
  const [noteOpen, setNoteOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'timeline';

  if (overview.isLoading) return <Loading />;
  if (overview.isError || !overview.data) {
    const notFound = overview.error instanceof ApiError && (overview.error.status === 404 || overview.error.status === 400);
    return (
      <Card>
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? t('customer360.notFound') : t('customer360.loadFailed')}
          subTitle={notFound ? t('customer360.notFoundHint') : overview.error instanceof Error ? overview.error.message : undefined}
          extra={
            <Space>
              <Button type="primary" onClick={() => navigate('/customers')}>
                {t('customer360.header.back')}
              </Button>
              {!notFound && <Button onClick={() => overview.refetch()}>{t('customer360.retry')}</Button>}
            </Space>
          }
        />
      </Card>
    );
  }

  const data = overview.data;
  const c = data.customer;
  const lockedReason = c.mergedIntoId
    ? t('customer360.locked.merged')
    : c.anonymizedAt
      ? t('customer360.locked.anonymized')
      : !can('customers.update')
        ? t('customer360.locked.readOnly')
        : null;
  const editable = lockedReason === null;

  const tabs = [
    { key: 'timeline', label: t('customer360.tabs.timeline'), children: <TimelineTab customer={c} editable={editable} onSaved={refresh} /> },
    {
      key: 'contacts',
      label: data.contacts.length > 0 ? t('customer360.tabs.contactsCount', { count: data.contacts.length }) : t('customer360.tabs.contacts'),
      children: <ContactsTab customer={c} contacts={data.contacts} editable={editable} onSaved={refresh} />,
    },
    { key: 'orders', label: t('customer360.tabs.orders'), children: <OrdersTab customerId={c.id} consumption={data.consumption} editable={editable} onSaved={refresh} /> },
    { key: 'billing', label: t('customer360.tabs.billing'), children: <InvoicesTab customerId={c.id} consumption={data.consumption} editable={editable} onSaved={refresh} /> },
    {
      key: 'privacy',
      label: t('customer360.tabs.privacy'),
      children: (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <PersonalDataActions customerId={c.id} customerName={c.name} anonymizedAt={c.anonymizedAt} onAnonymized={() => void refresh()} />
          <ConsentsPanel customerId={c.id} canEdit={editable} />
        </Space>
      ),
    },
    { key: 'merges', label: t('customer360.tabs.merges'), children: <MergeHistory customerId={c.id} onUndone={() => void refresh()} /> },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="c360-page">
      {c.mergedIntoId && (
        <Alert
          type="warning"
          showIcon
          title={t('customer360.banner.merged')}
          description={t('customer360.banner.mergedHint')}
          action={
            <Link to={`/customers/${c.mergedIntoId}`} data-testid="c360-merged-link">
              <Button size="small" type="primary">
                {t('customer360.banner.openSurvivor')}
              </Button>
            </Link>
          }
          data-testid="c360-merged-banner"
        />
      )}
      {c.anonymizedAt && (
        <Alert
          type="info"
          showIcon
          title={t('customer360.banner.anonymized', { at: formatMinute(c.anonymizedAt) })}
          description={t('customer360.banner.anonymizedHint')}
          data-testid="c360-anonymized-banner"
        />
      )}
      <CustomerHeader
        overview={data}
        lockedReason={lockedReason}
        onEdit={() => setEditOpen(true)}
        onChangeStatus={() => setStatusOpen(true)}
        onAddNote={() => setNoteOpen(true)}
        extraActions={
          <>
            {can('tickets.create') && !c.mergedIntoId && !c.anonymizedAt && (
              <Button icon={<FileAddOutlined />} onClick={() => navigate(`/tickets?${new URLSearchParams({ create: '1', customerId: c.id, customerName: c.name })}`)} data-testid="c360-new-ticket">
                {t('portal.newTicket')}
              </Button>
            )}
            {can('customers.update') && <PortalInviteButton customerId={c.id} disabled={lockedReason !== null} />}
          </>
        }
      />
      <Row gutter={[16, 16]} align="top">
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <InfoCard customer={c} />
            <PreferencesCard customer={c} />
            <PortraitCard portrait={data.portrait} />
            <FeedbackCard feedback={data.feedback} />
            <StatusHistoryCard history={data.statusHistory} />
          </Space>
        </Col>
        <Col xs={24} xl={16}>
          <Card styles={{ body: { paddingTop: 4 } }}>
            <Tabs
              activeKey={tab}
              onChange={(k) =>
                setParams(
                  (p) => {
                    p.set('tab', k);
                    return p;
                  },
                  { replace: true },
                )
              }
              items={tabs}
              destroyOnHidden={false}
              data-testid="c360-tabs"
            />
          </Card>
        </Col>
      </Row>
      <StatusChangeModal customer={c} open={statusOpen} onClose={() => setStatusOpen(false)} onSaved={refresh} />
      <CustomerFormDrawer open={editOpen} customer={c} onClose={() => setEditOpen(false)} onSaved={() => void refresh()} />
      <NoteModal customerId={c.id} open={noteOpen} onClose={() => setNoteOpen(false)} onSaved={refresh} />
    </Space>
  );
}
