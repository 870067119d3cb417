import { ImportOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Col, Empty, List, Row, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { CalendarDayModal } from './calendar-day-modal';
import { CalendarImportModal } from './calendar-import-modal';
import type { Calendar, CalendarDay } from './calendar-types';
import { WEEKDAY_KEYS } from './weekly-hours-input';

const weekdayIndex = (d: dayjs.Dayjs) => (d.day() + 6) % 7;

/** Days of a year; the server may answer a bare list or `{ items }`. */
export async function fetchDays(calendarId: string, year: number): Promise<CalendarDay[]> {
  const res = await api<CalendarDay[] | { items: CalendarDay[] }>(`/calendars/${calendarId}/days`, { query: { year } });
  return Array.isArray(res) ? res : res.items;
}

type Period = { kind: CalendarDay['kind']; name: string; from: string; to: string; days: number };

/** Consecutive days with the same kind and name read as one period ("国庆节 10-01 ~ 10-07"). */
function periods(days: CalendarDay[]): Period[] {
  const out: Period[] = [];
  for (const d of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    const last = out[out.length - 1];
    if (last && last.kind === d.kind && last.name === d.name && dayjs(last.to).add(1, 'day').format('YYYY-MM-DD') === d.date) {
      last.to = d.date;
      last.days += 1;
    } else out.push({ kind: d.kind, name: d.name, from: d.date, to: d.date, days: 1 });
  }
  return out;
}

function Month({ year, month, calendar, byDate, onPick }: { year: number; month: number; calendar: Calendar; byDate: Map<string, CalendarDay>; onPick: (date: string) => void }) {
  const { t } = useTranslation();
  const first = dayjs(new Date(year, month, 1));
  const lead = weekdayIndex(first);
  const count = first.daysInMonth();
  const today = dayjs().format('YYYY-MM-DD');
  // the one-character 休/班 of Chinese wall calendars; languages without such a mark rely on the colour
  const mark = (kind: CalendarDay['kind']) => t(kind === 'holiday' ? 'calendars.cellHoliday' : 'calendars.cellWorkday');
  const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: count }, (_, i) => i + 1)];
  // always six week rows, so the twelve months line up in the grid
  while (cells.length < 42) cells.push(null);
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 10, background: '#fff' }}>
      <div style={{ textAlign: 'center', fontWeight: 600, marginBottom: 6 }}>{t(`calendars.months.${month}`)}</div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12 }}>
        {WEEKDAY_KEYS.map((k, i) => (
          <div key={k} style={{ textAlign: 'center', color: i >= 5 ? '#8c8c8c' : '#595959', paddingBottom: 2 }}>
            {t(`calendars.weekdayShort.${k}`)}
          </div>
        ))}
        {cells.map((n, i) => {
          if (n === null) return <div key={`e${i}`} style={{ height: 26 }} />;
          const date = first.date(n);
          const iso = date.format('YYYY-MM-DD');
          const override = byDate.get(iso);
          const closed = calendar.weeklyHours[weekdayIndex(date)]?.length === 0;
          const style: CSSProperties = {
            position: 'relative',
            textAlign: 'center',
            lineHeight: '26px',
            borderRadius: 4,
            cursor: 'pointer',
            color: closed ? '#bfbfbf' : '#262626',
            outline: iso === today ? '1px solid #1677ff' : undefined,
          };
          if (override?.kind === 'holiday') Object.assign(style, { background: '#fff1f0', color: '#cf1322', fontWeight: 600 });
          if (override?.kind === 'workday') Object.assign(style, { background: '#e6f4ff', color: '#0958d9', fontWeight: 600 });
          const cell = (
            <div key={iso} style={style} onClick={() => onPick(iso)} data-testid={`day-${iso}`} className="kefu-cal-day">
              {n}
              {override && mark(override.kind) && (
                <span style={{ position: 'absolute', top: -3, right: 0, fontSize: 9, lineHeight: '12px' }}>{mark(override.kind)}</span>
              )}
            </div>
          );
          return override ? (
            <Tooltip key={iso} title={`${iso} ${override.name} · ${t(`calendars.kind.${override.kind}`)}`}>
              {cell}
            </Tooltip>
          ) : (
            cell
          );
        })}
      </div>
    </div>
  );
}

/** A 12-month grid of one year: holidays red, 调休 workdays blue; click a date to change it. */
export function CalendarYearView({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [year, setYear] = useState(dayjs().year());
  const [picked, setPicked] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const query = useQuery({ queryKey: ['calendar-days', calendar.id, year], queryFn: () => fetchDays(calendar.id, year) });
  const days = useMemo(() => query.data ?? [], [query.data]);
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);
  const list = useMemo(() => periods(days), [days]);
  const reload = () => qc.invalidateQueries({ queryKey: ['calendar-days', calendar.id] });

  return (
    <div data-testid="calendar-year-view">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16, flexWrap: 'wrap', gap: 8 }}>
        <Space>
          <Button icon={<LeftOutlined />} onClick={() => setYear((y) => y - 1)} aria-label={t('calendars.prevYear')} />
          <Typography.Title level={4} style={{ margin: 0, minWidth: 90, textAlign: 'center' }} data-testid="calendar-year">
            {t('calendars.yearTitle', { year })}
          </Typography.Title>
          <Button icon={<RightOutlined />} onClick={() => setYear((y) => y + 1)} aria-label={t('calendars.nextYear')} />
          {year !== dayjs().year() && <Button onClick={() => setYear(dayjs().year())}>{t('calendars.thisYear')}</Button>}
        </Space>
        <Space wrap>
          <Tag color="red">{t('calendars.legendHoliday')}</Tag>
          <Tag color="blue">{t('calendars.legendWorkday')}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('calendars.legendClosed')}
          </Typography.Text>
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="calendar-import">
            {t('calendars.import.button')}
          </Button>
        </Space>
      </div>
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <Spin spinning={query.isFetching}>
            <Row gutter={[12, 12]}>
              {Array.from({ length: 12 }, (_, m) => (
                <Col key={m} xs={24} sm={12} md={8} xl={8} xxl={6}>
                  <Month year={year} month={m} calendar={calendar} byDate={byDate} onPick={setPicked} />
                </Col>
              ))}
            </Row>
          </Spin>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
            {t('calendars.clickHint')}
          </Typography.Paragraph>
        </Col>
        <Col xs={24} xl={7}>
          <Typography.Title level={5}>{t('calendars.specialDays', { year })}</Typography.Title>
          {list.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendars.noSpecialDays')}>
              <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                {t('calendars.import.button')}
              </Button>
            </Empty>
          ) : (
            <List
              size="small"
              dataSource={list}
              data-testid="special-days"
              renderItem={(p) => (
                <List.Item style={{ cursor: 'pointer', paddingInline: 0 }} onClick={() => setPicked(p.from)}>
                  <Space>
                    <Tag color={p.kind === 'holiday' ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
                      {p.kind === 'holiday' ? t('calendars.holidayMark') : t('calendars.workdayMark')}
                    </Tag>
                    <span>{p.name}</span>
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.from === p.to ? p.from.slice(5) : `${p.from.slice(5)} ~ ${p.to.slice(5)}`} · {t('calendars.dayCount', { count: p.days })}
                  </Typography.Text>
                </List.Item>
              )}
            />
          )}
        </Col>
      </Row>
      <CalendarDayModal
        calendar={calendar}
        date={picked}
        current={picked ? (byDate.get(picked) ?? null) : null}
        onClose={() => setPicked(null)}
        onSaved={() => {
          setPicked(null);
          void reload();
        }}
      />
      <CalendarImportModal
        open={importing}
        calendar={calendar}
        onClose={() => setImporting(false)}
        onDone={(y) => {
          setImporting(false);
          if (y) setYear(y);
          void reload();
        }}
      />
    </div>
  );
}
