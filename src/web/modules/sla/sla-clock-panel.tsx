import { ClockCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Collapse, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { formatInZone, formatMinutes, formatWallMinutes, METRICS, type SlaMetric, type SlaMetricClock, STATE_COLORS, type TicketSla } from './sla-types';

/** Re-renders every `ms` so countdowns move between fetches. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Wall-clock time to (or past) the deadline, as "1 小时 5 分钟". */
function Countdown({ clock, now }: { clock: SlaMetricClock; now: number }) {
  const { t } = useTranslation();
  if (!clock.dueAt || (clock.state !== 'running' && !(clock.state === 'breached' && !clock.metAt))) return null;
  const diff = (Date.parse(clock.dueAt) - now) / 60_000;
  if (diff >= 0) return <Typography.Text data-testid="sla-remaining">{t('sla.panel.remaining', { time: formatWallMinutes(t, diff) })}</Typography.Text>;
  return (
    <Typography.Text type="danger" strong data-testid="sla-overdue">
      {t('sla.panel.overdue', { time: formatWallMinutes(t, -diff) })}
    </Typography.Text>
  );
}

function MetricBlock({ metric, clock, now, timeZone }: { metric: SlaMetric; clock: SlaMetricClock; now: number; timeZone: string }) {
  const { t } = useTranslation();
  const fmt = (iso: string | null) => formatInZone(iso, timeZone);
  const left = clock.targetMinutes !== null ? clock.targetMinutes - clock.elapsedMinutes : null;
  return (
    <div style={{ borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 8, marginTop: 8 }} data-testid={`sla-metric-${metric}`}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong>{t(`sla.metricLong.${metric}`)}</Typography.Text>
        <Tag color={STATE_COLORS[clock.state]} style={{ marginInlineEnd: 0 }}>
          {t(`sla.metricState.${clock.state}`)}
        </Tag>
      </Flex>
      <div style={{ fontSize: 12, lineHeight: '20px' }}>
        <div>
          <Typography.Text type="secondary">{t('sla.panel.target')}</Typography.Text> {formatMinutes(t, clock.targetMinutes)}
          {clock.state !== 'none' && (
            <Typography.Text type="secondary">
              {' · '}
              {t('sla.panel.elapsed', { time: formatMinutes(t, clock.elapsedMinutes) })}
            </Typography.Text>
          )}
        </div>
        {clock.state === 'none' && <Typography.Text type="secondary">{t(`sla.panel.notStarted.${metric}`)}</Typography.Text>}
        {clock.dueAt && (
          <div>
            <Typography.Text type="secondary">{t('sla.panel.due')}</Typography.Text> {fmt(clock.dueAt)}
          </div>
        )}
        {clock.state === 'paused' && left !== null && <div>{t('sla.panel.pausedLeft', { time: formatMinutes(t, left) })}</div>}
        {clock.metAt && (
          <div>
            <Typography.Text type="secondary">{t('sla.panel.metAt')}</Typography.Text> {fmt(clock.metAt)}
          </div>
        )}
        {clock.state === 'running' && left !== null && (
          <div>
            <Typography.Text type="secondary">{t('sla.panel.workLeft', { time: formatMinutes(t, left) })}</Typography.Text>
          </div>
        )}
        <Countdown clock={clock} now={now} />
      </div>
      {clock.intervals.length > 0 && (
        <Collapse
          ghost
          size="small"
          items={[
            {
              key: 'timeline',
              label: <Typography.Text style={{ fontSize: 12 }}>{t('sla.panel.timeline', { count: clock.intervals.length })}</Typography.Text>,
              children: (
                <Timeline
                  style={{ marginTop: 4 }}
                  items={clock.intervals.map((i) => ({
                    color: i.counted ? 'green' : 'gray',
                    content: (
                      <div style={{ fontSize: 12 }}>
                        <div>
                          {fmt(i.start)} – {fmt(i.end).slice(0, 5) === fmt(i.start).slice(0, 5) ? fmt(i.end).slice(6) : fmt(i.end)}
                        </div>
                        <Typography.Text type={i.counted ? undefined : 'secondary'}>
                          {i.counted ? t('sla.panel.counted') : t('sla.panel.notCounted')} · {t(`sla.reason.${i.reason}`)} · {formatMinutes(t, (Date.parse(i.end) - Date.parse(i.start)) / 60_000)}
                        </Typography.Text>
                      </div>
                    ),
                  }))}
                />
              ),
            },
          ]}
        />
      )}
    </div>
  );
}

/**
 * A ticket's SLA at a glance, for a narrow side column: per metric the target, due time, a
 * live countdown, its state and the intervals that counted or paused, with the reason.
 */
export function SlaClockPanel({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const query = useQuery({
    queryKey: ['ticket-sla', ticketId],
    queryFn: () => api<TicketSla>(`/tickets/${encodeURIComponent(ticketId)}/sla`),
    refetchInterval: 60_000,
  });
  const sla = query.data;
  const title = (
    <Flex align="center" gap={6}>
      <ClockCircleOutlined />
      {t('sla.panel.title')}
      {sla && sla.state !== 'none' && <Tag color={STATE_COLORS[sla.state]}>{t(`sla.state.${sla.state}`)}</Tag>}
    </Flex>
  );
  return (
    <Card size="small" title={title} style={{ maxWidth: 420 }} data-testid="sla-clock-panel">
      {query.isLoading && <Skeleton active paragraph={{ rows: 4 }} />}
      {query.isError && <Alert type="error" showIcon title={query.error instanceof Error ? query.error.message : String(query.error)} />}
      {sla && !sla.policy && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sla.panel.noPolicy')} />}
      {sla?.policy && (
        <>
          <div style={{ fontSize: 12 }}>
            <div>
              <Typography.Text type="secondary">{t('sla.panel.policy')}</Typography.Text> {sla.policy.name}
            </div>
            <div>
              <Typography.Text type="secondary">{t('sla.panel.calendar')}</Typography.Text> {sla.calendar?.name ?? t('sla.roundTheClock')}
              <Typography.Text type="secondary"> ({sla.timezone})</Typography.Text>
            </div>
          </div>
          {METRICS.map((m) => {
            const clock = sla.metrics[m];
            return clock && clock.targetMinutes !== null ? <MetricBlock key={m} metric={m} clock={clock} now={now} timeZone={sla.timezone} /> : null;
          })}
        </>
      )}
    </Card>
  );
}
