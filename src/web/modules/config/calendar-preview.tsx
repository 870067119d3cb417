import { ClockCircleOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, InputNumber, Result, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { WEEKDAY_KEYS } from './weekly-hours-input';
import { formatInZone, formatMinutes, zonedToIso, type Calendar, type Preview, type PreviewInterval } from './calendar-types';

type Values = { start: Dayjs; minutes: number };

const QUICK = [60, 240, 480, 1440, 2400];

/** "到期时间试算": start + N working minutes → due time, with the intervals that were counted. */
export function CalendarPreview({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const start = zonedToIso(v.start.format('YYYY-MM-DD HH:mm'), calendar.timezone);
      setResult(await api<Preview>(`/calendars/${calendar.id}/preview`, { query: { start, minutes: v.minutes } }));
    } catch (err) {
      setResult(null);
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const tz = result?.timezone ?? calendar.timezone;
  // the counted part of an interval, as local clock times; an end at the next midnight reads 24:00
  const clock = (iso: string, date: string) => {
    const local = formatInZone(iso, tz);
    return local.slice(0, 10) !== date && local.endsWith('00:00') ? '24:00' : local.slice(11);
  };
  return (
    <div data-testid="calendar-preview">
      <Typography.Paragraph type="secondary">{t('calendars.preview.help', { tz })}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={run} initialValues={{ start: dayjs(formatInZone(new Date().toISOString(), calendar.timezone), 'YYYY-MM-DD HH:mm'), minutes: 480 }} style={{ rowGap: 12 }}>
        <Form.Item name="start" label={t('calendars.preview.start', { tz: calendar.timezone })} rules={[{ required: true, message: t('calendars.preview.startRequired') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} />
        </Form.Item>
        <Form.Item name="minutes" label={t('calendars.preview.minutes')} rules={[{ required: true, message: t('calendars.preview.minutesRequired') }]}>
          <InputNumber min={1} max={525600} precision={0} style={{ width: 140 }} suffix={t('calendars.preview.minuteUnit')} />
        </Form.Item>
        <Form.Item>
          <Space>
            {QUICK.map((m) => (
              <Button key={m} size="small" type="link" onClick={() => form.setFieldValue('minutes', m)}>
                {formatMinutes(m, t)}
              </Button>
            ))}
          </Space>
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} icon={<ClockCircleOutlined />} data-testid="preview-submit">
            {t('calendars.preview.run')}
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert style={{ marginTop: 16 }} type="error" showIcon title={error} />}
      {result && (
        <div style={{ marginTop: 16 }}>
          <Result
            style={{ padding: '16px 0' }}
            status="success"
            icon={<ClockCircleOutlined />}
            title={<span data-testid="preview-due">{t('calendars.preview.due', { due: formatInZone(result.due, tz) })}</span>}
            subTitle={t('calendars.preview.summary', {
              minutes: formatMinutes(result.intervals.reduce((s, i) => s + i.minutes, 0), t),
              count: result.intervals.length,
              tz,
            })}
          />
          <Table<PreviewInterval>
            size="small"
            rowKey={(r) => r.start}
            pagination={result.intervals.length > 10 ? { pageSize: 10, size: 'small' } : false}
            dataSource={result.intervals}
            columns={[
              { title: '#', width: 50, render: (_, r) => result.intervals.indexOf(r) + 1 },
              { title: t('calendars.preview.date'), dataIndex: 'date', width: 160, render: (d: string) => `${d} ${t(`calendars.weekday.${WEEKDAY_KEYS[(dayjs(d).day() + 6) % 7]}`)}` },
              { title: t('calendars.preview.interval'), key: 'interval', render: (_, r) => `${clock(r.start, r.date)} – ${clock(r.end, r.date)}` },
              { title: t('calendars.preview.counted'), dataIndex: 'minutes', align: 'right', render: (m: number) => formatMinutes(m, t) },
            ]}
          />
        </div>
      )}
    </div>
  );
}
