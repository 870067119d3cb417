import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, InputNumber, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_SEVERITIES, COMPLAINT_STEPS } from '../../../shared/tickets';
import { useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';

type Limit = { severity: string; step: string; minutes: number; defaultMinutes: number };
const hours = (m: number) => Math.round((m / 60) * 100) / 100;

/** Step time limits per severity, edited in working hours. */
export function ComplaintLimits() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const editable = can('complaints.handle');
  const qc = useQueryClient();
  const limits = useQuery({ queryKey: ['complaints', 'time-limits'], queryFn: () => api<{ items: Limit[] }>('/complaints/time-limits') });
  const [draft, setDraft] = useState<Record<string, number>>({});
  useEffect(() => {
    if (limits.data) setDraft(Object.fromEntries(limits.data.items.map((l) => [`${l.severity}.${l.step}`, hours(l.minutes)])));
  }, [limits.data]);
  const save = useMutation({
    mutationFn: () =>
      api<{ items: Limit[] }>('/complaints/time-limits', {
        method: 'PUT',
        body: { limits: Object.entries(draft).map(([k, h]) => ({ severity: k.split('.')[0], step: k.split('.')[1], minutes: Math.max(1, Math.round(h * 60)) })) },
      }),
    onSuccess: (data) => {
      qc.setQueryData(['complaints', 'time-limits'], data);
      message.success(t('complaints.limits.saved'));
    },
    onError: (err) => message.error(err instanceof ApiError ? err.message : String(err)),
  });
  const byKey = new Map((limits.data?.items ?? []).map((l) => [`${l.severity}.${l.step}`, l]));
  return (
    <>
      <Typography.Paragraph type="secondary">{t('complaints.limits.description')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="step"
        pagination={false}
        loading={limits.isLoading}
        scroll={{ x: 800 }}
        data-testid="complaint-limits"
        dataSource={COMPLAINT_STEPS.map((step) => ({ step }))}
        columns={[
          { title: t('complaints.filter.step'), dataIndex: 'step', width: 140, render: (s: string) => t(`complaints.step.${s}`) },
          ...COMPLAINT_SEVERITIES.map((sev) => ({
            title: t(`complaints.severity.${sev}`),
            key: sev,
            render: (_: unknown, r: { step: string }) => {
              const key = `${sev}.${r.step}`;
              const l = byKey.get(key);
              return (
                <div>
                  <InputNumber min={0.01} max={8760} step={0.5} value={draft[key]} disabled={!editable} onChange={(v) => setDraft((d) => ({ ...d, [key]: Number(v ?? 0) }))} style={{ width: 100 }} />
                  {l && l.minutes !== l.defaultMinutes && (
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                      {t('complaints.limits.default', { h: hours(l.defaultMinutes) })}
                    </Typography.Text>
                  )}
                </div>
              );
            },
          })),
        ]}
      />
      <div style={{ marginTop: 16 }}>
        {editable ? (
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="complaint-limits-save">
            {t('complaints.limits.save')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('complaints.limits.readOnly')}</Typography.Text>
        )}
      </div>
    </>
  );
}
