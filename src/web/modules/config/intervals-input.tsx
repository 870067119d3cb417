import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space, TimePicker, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { toMinutes, type Interval } from './calendar-types';

const FORMAT = 'HH:mm';
// The picker stops at 23:59; an end of 00:00 means midnight (24:00), so 00:00–24:00 is a whole day.
const toDayjs = (hhmm: string) => dayjs(`2000-01-01 ${hhmm === '24:00' ? '00:00' : hhmm}`, 'YYYY-MM-DD HH:mm');
const pad = (n: number) => String(n).padStart(2, '0');
const fromMinutes = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;

/** Problems of one day's intervals as i18n keys (empty when valid). */
export function intervalProblems(intervals: Interval[]): string[] {
  const problems = new Set<string>();
  const sorted = [...intervals].sort((a, b) => toMinutes(a.start) - toMinutes(b.start));
  for (const [i, iv] of sorted.entries()) {
    if (toMinutes(iv.end) <= toMinutes(iv.start)) problems.add('calendars.errEndBeforeStart');
    if (i > 0 && toMinutes(iv.start) < toMinutes(sorted[i - 1].end)) problems.add('calendars.errOverlap');
  }
  return [...problems];
}

/** One day's opening intervals, each a time range; add and remove rows. */
export function IntervalsInput({ value = [], onChange, testId }: { value?: Interval[]; onChange?: (v: Interval[]) => void; testId?: string }) {
  const { t } = useTranslation();
  const set = (next: Interval[]) => onChange?.(next);
  const add = () => {
    const last = value[value.length - 1];
    if (!last) return set([{ start: '09:00', end: '18:00' }]);
    const start = Math.min(toMinutes(last.end) + 60, 23 * 60);
    set([...value, { start: fromMinutes(start), end: fromMinutes(Math.min(start + 120, 23 * 60 + 59)) }]);
  };
  return (
    <Space wrap size={[8, 8]} data-testid={testId}>
      {value.map((iv, idx) => (
        <Space.Compact key={idx}>
          <TimePicker.RangePicker
            format={FORMAT}
            minuteStep={5}
            allowClear={false}
            needConfirm={false}
            order={false}
            value={[toDayjs(iv.start), toDayjs(iv.end)]}
            onChange={(range) => {
              if (!range?.[0] || !range[1]) return;
              const next = [...value];
              const end = (range[1] as Dayjs).format(FORMAT);
              next[idx] = { start: (range[0] as Dayjs).format(FORMAT), end: end === '00:00' ? '24:00' : end };
              set(next);
            }}
            style={{ width: 190 }}
          />
          <Tooltip title={t('calendars.removeInterval')}>
            <Button icon={<DeleteOutlined />} onClick={() => set(value.filter((_, i) => i !== idx))} aria-label={t('calendars.removeInterval')} />
          </Tooltip>
        </Space.Compact>
      ))}
      {value.length < 6 && (
        <Button type="dashed" icon={<PlusOutlined />} onClick={add}>
          {t('calendars.addInterval')}
        </Button>
      )}
    </Space>
  );
}
