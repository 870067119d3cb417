import { CopyOutlined } from '@ant-design/icons';
import { Button, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { dayMinutes, formatMinutes, type Interval, type WeeklyHours } from './calendar-types';
import { IntervalsInput, intervalProblems } from './intervals-input';

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const EMPTY_WEEK: WeeklyHours = [[], [], [], [], [], [], []];

/** Problems of the whole week as i18n keys, for the form rule. */
export function weekProblems(week: WeeklyHours): string[] {
  return [...new Set(week.flatMap((day) => intervalProblems(day)))];
}

/** The 7 weekdays (Monday first), each closed or open with one or more intervals. */
export function WeeklyHoursInput({ value = EMPTY_WEEK, onChange }: { value?: WeeklyHours; onChange?: (v: WeeklyHours) => void }) {
  const { t } = useTranslation();
  const setDay = (idx: number, day: Interval[]) => onChange?.(value.map((d, i) => (i === idx ? day : d)));
  const copyMonday = () => onChange?.(value.map((d, i) => (i >= 1 && i <= 4 ? value[0].map((iv) => ({ ...iv })) : d)));
  const total = value.reduce((sum, d) => sum + dayMinutes(d), 0);
  return (
    <div data-testid="weekly-hours">
      {WEEKDAY_KEYS.map((key, idx) => {
        const day = value[idx] ?? [];
        const open = day.length > 0;
        const problems = intervalProblems(day);
        return (
          <div key={key} style={{ display: 'flex', alignItems: 'flex-start', gap: 12, padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
            <div style={{ width: 64, paddingTop: 5, fontWeight: 500 }}>{t(`calendars.weekday.${key}`)}</div>
            <div style={{ width: 96, paddingTop: 5 }}>
              <Switch
                size="small"
                checked={open}
                onChange={(on) => setDay(idx, on ? (value[0].length > 0 && idx > 0 ? value[0].map((iv) => ({ ...iv })) : [{ start: '09:00', end: '18:00' }]) : [])}
                data-testid={`day-open-${key}`}
              />{' '}
              <Typography.Text type={open ? undefined : 'secondary'}>{open ? t('calendars.open') : t('calendars.closed')}</Typography.Text>
            </div>
            <div style={{ flex: 1 }}>
              {open ? <IntervalsInput value={day} onChange={(v) => setDay(idx, v)} testId={`day-intervals-${key}`} /> : <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>{t('calendars.closedHint')}</Typography.Text>}
              {problems.map((p) => (
                <div key={p}>
                  <Typography.Text type="danger">{t(p)}</Typography.Text>
                </div>
              ))}
            </div>
            <div style={{ width: 90, paddingTop: 5, textAlign: 'right' }}>
              <Typography.Text type="secondary">{open ? formatMinutes(dayMinutes(day), t) : ''}</Typography.Text>
            </div>
          </div>
        );
      })}
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', paddingTop: 10 }}>
        <Space wrap>
          <Button size="small" icon={<CopyOutlined />} onClick={copyMonday} disabled={value[0].length === 0}>
            {t('calendars.copyMonday')}
          </Button>
          <Button size="small" onClick={() => onChange?.(WEEKDAY_KEYS.map(() => [{ start: '00:00', end: '24:00' }]))}>
            {t('calendars.allDay')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('calendars.midnightHint')}
          </Typography.Text>
        </Space>
        <Typography.Text type="secondary">{t('calendars.weekTotal', { total: formatMinutes(total, t) })}</Typography.Text>
      </div>
    </div>
  );
}
