import { CheckOutlined, ClockCircleOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Rate, Space, Steps, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintStepView, ComplaintView } from '../../../shared/complaints';
import { useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import { useCategories } from '../tickets/ticket-queries';
import { categoryName } from '../tickets/ticket-types';
import { ComplaintRegisterModal } from './complaint-register-modal';
import { SEVERITY_COLORS, shortTime } from './complaint-list';
import { ComplaintStepForm } from './complaint-step-form';
import { StaffSelect } from './staff-select';

/** The category in the reader's language (the complaint carries its Chinese name only). */
function CategoryLabel({ category }: { category: { id: string; name: string } }) {
  const { i18n } = useTranslation();
  const categories = useCategories();
  const node = categories.data?.find((k) => k.id === category.id);
  return <>{node ? categoryName(node, i18n.language) : category.name}</>;
}

const hours = (m: number) => Math.round((m / 60) * 100) / 100;

function StepDescription({ s }: { s: ComplaintStepView }) {
  const { t } = useTranslation();
  const at = s.completedAt ?? s.dueAt;
  return (
    <Space direction="vertical" size={0} style={{ fontSize: 12, lineHeight: 1.6 }} data-testid={`complaint-step-${s.step}`}>
      <span style={{ whiteSpace: 'nowrap' }}>
        <UserOutlined /> {s.owner?.name ?? '—'}
      </span>
      {at && (
        <span style={{ whiteSpace: 'nowrap' }} title={formatDateTime(at)}>
          {s.completedAt ? <CheckOutlined /> : <ClockCircleOutlined />} {shortTime(at)}
        </span>
      )}
      {s.late && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('complaints.late')}
        </Tag>
      )}
    </Space>
  );
}

/**
 * The complaint process of one ticket (§5.4) for the ticket page: the seven steps with owner,
 * due time and late marks, the registration, the current step's form and its reassignment.
 */
export function ComplaintPanel({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const handles = can('complaints.handle');
  const qc = useQueryClient();
  const key = ['complaint', ticketId];
  const complaint = useQuery({
    queryKey: key,
    queryFn: () => api<ComplaintView>(`/tickets/${ticketId}/complaint`),
    retry: (n, err) => !(err instanceof ApiError && err.status === 404) && n < 2,
  });
  const set = (c: ComplaintView) => {
    qc.setQueryData(key, c);
    void qc.invalidateQueries({ queryKey: ['complaints'] });
  };
  const open = useMutation({ mutationFn: () => api<ComplaintView>(`/tickets/${ticketId}/complaint`, { method: 'POST' }), onSuccess: set, onError: (e) => message.error(e.message) });
  const [owner, setOwner] = useState<string | undefined>();
  const reassign = useMutation({
    mutationFn: (step: string) => api<ComplaintView>(`/tickets/${ticketId}/complaint/steps/${step}/owner`, { body: { ownerId: owner } }),
    onSuccess: (c) => {
      set(c);
      setOwner(undefined);
      message.success(t('complaints.panel.reassigned'));
    },
    onError: (e) => message.error(e.message),
  });
  const [editing, setEditing] = useState(false);

  if (complaint.error instanceof ApiError && complaint.error.status === 404) {
    return (
      <Card size="small" title={t('complaints.panel.title')} data-testid="complaint-panel">
        <Empty description={t('complaints.panel.missing')}>
          {handles && (
            <Button type="primary" loading={open.isPending} onClick={() => open.mutate()} data-testid="complaint-open">
              {t('complaints.panel.open')}
            </Button>
          )}
        </Empty>
      </Card>
    );
  }
  const c = complaint.data;
  if (!c) return <Card size="small" title={t('complaints.panel.title')} loading={complaint.isLoading} />;
  const currentIndex = c.currentStep === 'done' ? c.steps.length : c.steps.findIndex((s) => s.step === c.currentStep);
  const current = c.steps[currentIndex];
  // the follow-up note already shows above as the follow-up record
  const notes = c.steps.filter((s) => s.completedAt && s.note && s.step !== 'follow_up');
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('complaints.panel.title')}
          <Tag color={SEVERITY_COLORS[c.severity]}>{t(`complaints.severity.${c.severity}`)}</Tag>
          {c.late && <Tag color="red">{t('complaints.late')}</Tag>}
        </Space>
      }
      extra={
        handles && c.currentStep !== 'done' ? (
          <Button size="small" onClick={() => setEditing(true)} data-testid="complaint-edit">
            {t('complaints.panel.edit')}
          </Button>
        ) : null
      }
      data-testid="complaint-panel"
    >
      <Steps
        size="small"
        current={currentIndex}
        direction="horizontal"
        labelPlacement="vertical"
        responsive
        data-testid="complaint-steps"
        items={c.steps.map((s, i) => ({
          title: t(`complaints.step.${s.step}`),
          status: s.completedAt ? 'finish' : i === currentIndex ? (s.late ? 'error' : 'process') : 'wait',
          description: <StepDescription s={s} />,
        }))}
        style={{ marginBottom: 16 }}
      />
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} title={t('complaints.panel.register')} style={{ marginBottom: 8 }} data-testid="complaint-register-info">
        <Descriptions.Item label={t('complaints.field.complainantName')}>{c.complainantName || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('complaints.field.complainantPhone')}>{c.complainantPhone || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('complaints.field.occurredAt')}>{formatDateTime(c.occurredAt)}</Descriptions.Item>
        <Descriptions.Item label={t('complaints.field.category')}>{c.category ? <CategoryLabel category={c.category} /> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('complaints.col.rootCause')}>{c.rootCause ? t(`complaints.rootCause.${c.rootCause}`) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('complaints.col.createdAt')}>{formatDateTime(c.createdAt)}</Descriptions.Item>
      </Descriptions>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }} data-testid="complaint-findings">
        <Descriptions.Item label={t('complaints.field.matter')}>{c.matter || '—'}</Descriptions.Item>
        {c.rootCauseDetail && <Descriptions.Item label={t('complaints.field.rootCauseDetail')}>{c.rootCauseDetail}</Descriptions.Item>}
        {c.measures && <Descriptions.Item label={t('complaints.field.measures')}>{c.measures}</Descriptions.Item>}
        {c.measures && <Descriptions.Item label={t('complaints.field.compensation')}>{c.compensationFen === null ? '—' : `¥${(c.compensationFen / 100).toFixed(2)}`}</Descriptions.Item>}
        {c.recoveryNote && <Descriptions.Item label={t('complaints.field.recoveryNote')}>{c.recoveryNote}</Descriptions.Item>}
        {c.customerInformedAt && <Descriptions.Item label={t('complaints.field.customerInformedAt')}>{formatDateTime(c.customerInformedAt)}</Descriptions.Item>}
        {c.surveyScore !== null && (
          <Descriptions.Item label={t('complaints.field.score')}>
            <Space wrap>
              <Rate disabled value={c.surveyScore} style={{ fontSize: 14 }} />
              {c.surveyComment && <span>{c.surveyComment}</span>}
            </Space>
          </Descriptions.Item>
        )}
        {c.followUpNote && <Descriptions.Item label={t('complaints.field.followUpNote')}>{c.followUpNote}</Descriptions.Item>}
      </Descriptions>
      {notes.length > 0 && (
        <>
          <Typography.Title level={5} style={{ fontSize: 14 }}>
            {t('complaints.panel.log')}
          </Typography.Title>
          <Timeline
            data-testid="complaint-log"
            items={notes.map((s) => ({
              color: s.late ? 'red' : 'green',
              children: (
                <>
                  <Typography.Text strong>{t(`complaints.step.${s.step}`)}</Typography.Text>{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('complaints.panel.completed', { at: formatDateTime(s.completedAt), name: s.completedBy?.name ?? '' })}
                  </Typography.Text>
                  <div>{s.note}</div>
                </>
              ),
            }))}
          />
        </>
      )}
      {c.currentStep === 'done' || !current ? (
        <Alert type="success" showIcon message={t('complaints.panel.done')} />
      ) : (
        <Card
          size="small"
          type="inner"
          title={
            <Space wrap>
              {t(`complaints.step.${current.step}`)}
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                {current.limitMinutes < 60 ? t('complaints.panel.limitMinutes', { m: current.limitMinutes }) : t('complaints.panel.limit', { h: hours(current.limitMinutes) })} · {t('complaints.panel.due')} {formatDateTime(current.dueAt)}
              </Typography.Text>
              {current.late && <Tag color="red">{t('complaints.late')}</Tag>}
            </Space>
          }
        >
          {handles ? (
            <>
              <Space wrap style={{ marginBottom: 16 }}>
                <Typography.Text>
                  {t('complaints.panel.owner')}: {current.owner?.name ?? '—'}
                </Typography.Text>
                <StaffSelect style={{ width: 200 }} value={owner} onChange={setOwner} placeholder={t('complaints.field.ownerId')} data-testid="complaint-reassign-owner" />
                <Button disabled={!owner} loading={reassign.isPending} onClick={() => reassign.mutate(current.step)} data-testid="complaint-reassign">
                  {t('complaints.panel.reassign')}
                </Button>
              </Space>
              <ComplaintStepForm key={`${current.step}-${c.version}`} complaint={c} step={current.step} onDone={set} />
            </>
          ) : (
            <Typography.Text type="secondary">{t('complaints.panel.noPermission')}</Typography.Text>
          )}
        </Card>
      )}
      <ComplaintRegisterModal complaint={c} open={editing} onClose={() => setEditing(false)} onSaved={set} onStale={() => complaint.refetch()} />
    </Card>
  );
}
