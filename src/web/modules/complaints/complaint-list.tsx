import { Checkbox, Progress, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ComplaintSummary } from '../../../shared/complaints';
import { COMPLAINT_ROOT_CAUSES, COMPLAINT_SEVERITIES, COMPLAINT_STEPS } from '../../../shared/tickets';
import { CursorTable } from '../../ui/cursor-table';
import { formatDateTime } from '../../ui/format';
import { useCursorList } from '../../ui/use-cursor-list';

/** Month, day and time; the year only when it is not this year (the full time shows on hover). */
export const shortTime = (iso: string) => {
  const d = dayjs(iso);
  return d.format(d.year() === dayjs().year() ? 'MM-DD HH:mm' : 'YYYY-MM-DD HH:mm');
};

export const SEVERITY_COLORS: Record<string, string> = { minor: 'default', general: 'blue', serious: 'orange', critical: 'red' };

/** Where each complaint stands and who is late: step progress, owner, due and late tags. */
export function ComplaintList() {
  const { t } = useTranslation();
  const [step, setStep] = useState<string[]>([]);
  const [severity, setSeverity] = useState<string[]>([]);
  const [rootCause, setRootCause] = useState<string[]>([]);
  const [late, setLate] = useState(false);
  const [mine, setMine] = useState(false);
  const list = useCursorList<ComplaintSummary>('complaints', '/complaints', {
    step: step.join(',') || undefined,
    severity: severity.join(',') || undefined,
    rootCause: rootCause.join(',') || undefined,
    late: late ? 'true' : undefined,
    ownerId: mine ? 'me' : undefined,
  });
  const multi = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select mode="multiple" allowClear style={{ minWidth: 180 }} placeholder={t('complaints.filter.step')} value={step} onChange={setStep} options={multi([...COMPLAINT_STEPS, 'done'], 'complaints.step')} data-testid="complaints-filter-step" />
        <Select mode="multiple" allowClear style={{ minWidth: 160 }} placeholder={t('complaints.filter.severity')} value={severity} onChange={setSeverity} options={multi(COMPLAINT_SEVERITIES, 'complaints.severity')} />
        <Select mode="multiple" allowClear style={{ minWidth: 180 }} placeholder={t('complaints.filter.rootCause')} value={rootCause} onChange={setRootCause} options={multi(COMPLAINT_ROOT_CAUSES, 'complaints.rootCause')} />
        <Checkbox checked={late} onChange={(e) => setLate(e.target.checked)} data-testid="complaints-filter-late">
          {t('complaints.filter.lateOnly')}
        </Checkbox>
        <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>
          {t('complaints.filter.mine')}
        </Checkbox>
      </Space>
      <CursorTable<ComplaintSummary>
        list={list}
        rowKey="ticketId"
        emptyText={t('complaints.empty')}
        scroll={{ x: 1080 }}
        data-testid="complaints-table"
        columns={[
          {
            title: t('complaints.col.ticket'),
            key: 'ticket',
            ellipsis: { showTitle: false },
            render: (_, r) => (
              <Typography.Text ellipsis={{ tooltip: `#${r.ticketNumber} ${r.ticketSubject}` }} style={{ maxWidth: '100%' }}>
                <Link to={`/complaints/${r.ticketId}`} data-testid="complaint-row-link">
                  #{r.ticketNumber} {r.ticketSubject}
                </Link>
              </Typography.Text>
            ),
          },
          { title: t('complaints.col.customer'), key: 'customer', width: 120, ellipsis: true, render: (_, r) => (r.customer ? <Link to={`/customers/${r.customer.id}`}>{r.customer.name}</Link> : '—') },
          { title: t('complaints.col.severity'), dataIndex: 'severity', width: 96, render: (s: string) => <Tag color={SEVERITY_COLORS[s]}>{t(`complaints.severity.${s}`)}</Tag> },
          {
            title: t('complaints.col.progress'),
            key: 'progress',
            width: 150,
            render: (_, r) => (
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Typography.Text>{t(`complaints.step.${r.currentStep}`)}</Typography.Text>
                <Progress percent={Math.round((r.stepsDone / COMPLAINT_STEPS.length) * 100)} steps={COMPLAINT_STEPS.length} size="small" showInfo={false} strokeColor={r.late ? '#ff4d4f' : undefined} />
              </Space>
            ),
          },
          { title: t('complaints.col.owner'), key: 'owner', width: 110, ellipsis: true, render: (_, r) => r.owner?.name ?? '—' },
          {
            title: t('complaints.col.due'),
            key: 'due',
            width: 190,
            render: (_, r) => (
              <Space size={4} wrap>
                <span title={formatDateTime(r.dueAt)}>{r.dueAt ? shortTime(r.dueAt) : '—'}</span>
                {r.late && <Tag color="red">{t('complaints.late')}</Tag>}
                {!r.late && r.lateSteps > 0 && <Tag color="orange">{t('complaints.lateSteps', { n: r.lateSteps })}</Tag>}
              </Space>
            ),
          },
          { title: t('complaints.col.rootCause'), dataIndex: 'rootCause', width: 110, render: (c: string | null) => (c ? t(`complaints.rootCause.${c}`) : '—') },
          { title: t('complaints.col.createdAt'), dataIndex: 'createdAt', width: 120, render: (v: string) => <span title={formatDateTime(v)}>{shortTime(v)}</span> },
        ]}
      />
    </>
  );
}
