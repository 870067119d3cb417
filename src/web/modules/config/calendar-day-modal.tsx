import { App, Button, Checkbox, Descriptions, Form, Input, Modal, Popconfirm, Radio, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { applyServerErrors } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';
import type { Calendar, CalendarDay, DayKind, Interval } from './calendar-types';
import { IntervalsInput, intervalProblems } from './intervals-input';
import { WEEKDAY_KEYS } from './weekly-hours-input';

type Values = { kind: DayKind; name: string; customHours: boolean; hours: Interval[] };

const describe = (intervals: Interval[]) => intervals.map((i) => `${i.start}–${i.end}`).join(', ');

/** Mark one date as a holiday or a 调休 workday (with optional own hours), or clear it. */
export function CalendarDayModal({ calendar, date, current, onClose, onSaved }: { calendar: Calendar; date: string | null; current: CalendarDay | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);
  const customHours = Form.useWatch('customHours', form);
  const d = date ? dayjs(date) : null;
  const wd = d ? (d.day() + 6) % 7 : 0;
  const regular = calendar.weeklyHours[wd] ?? [];
  const monday = calendar.weeklyHours.find((x) => x.length > 0) ?? [{ start: '09:00', end: '18:00' }];

  useEffect(() => {
    if (!date) return;
    form.resetFields();
    form.setFieldsValue({
      kind: current?.kind ?? (regular.length > 0 ? 'holiday' : 'workday'),
      name: current?.name ?? '',
      customHours: !!current?.hours,
      hours: current?.hours ?? monday,
    });
  }, [date, current]);

  const submit = async (v: Values) => {
    if (!date) return;
    setSaving(true);
    try {
      const body = { kind: v.kind, name: v.name.trim(), hours: v.kind === 'workday' && v.customHours ? v.hours : null };
      await api(`/calendars/${calendar.id}/days/${date}`, { method: 'PUT', body });
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      const rest = applyServerErrors(form, err, ['kind', 'name', 'hours']);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };

  const clear = async () => {
    if (!date) return;
    setSaving(true);
    try {
      await api(`/calendars/${calendar.id}/days/${date}`, { method: 'DELETE' });
      message.success(t('calendars.cleared'));
      onSaved();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!date}
      title={t('calendars.dayTitle', { date, weekday: t(`calendars.weekday.${WEEKDAY_KEYS[wd]}`) })}
      onCancel={onClose}
      forceRender
      footer={
        <Space>
          {current && (
            <Popconfirm title={t('calendars.clearConfirm')} onConfirm={clear}>
              <Button danger disabled={saving} data-testid="day-clear">
                {t('calendars.clearDay')}
              </Button>
            </Popconfirm>
          )}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} {...testId('day-submit')}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('calendars.regularHours')}>{regular.length ? describe(regular) : t('calendars.closed')}</Descriptions.Item>
        {current && (
          <Descriptions.Item label={t('calendars.currentSetting')}>
            <Typography.Text type={current.kind === 'holiday' ? 'danger' : undefined} style={current.kind === 'workday' ? { color: '#0958d9' } : undefined}>
              {t(`calendars.kind.${current.kind}`)} · {current.name}
            </Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Form form={form} layout="vertical" onFinish={submit} data-testid="day-form">
        <Form.Item name="kind" label={t('calendars.dayKind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'holiday', label: t('calendars.kind.holiday') },
              { value: 'workday', label: t('calendars.kind.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('calendars.dayName')} rules={[{ required: true, whitespace: true, message: t('calendars.dayNameRequired') }, { max: 50 }]}>
          <Input placeholder={kind === 'workday' ? t('calendars.workdayNamePlaceholder') : t('calendars.holidayNamePlaceholder')} maxLength={50} />
        </Form.Item>
        {kind === 'workday' && (
          <>
            <Form.Item name="customHours" valuePropName="checked" extra={!customHours ? t('calendars.defaultWorkdayHours', { hours: describe(monday) }) : undefined}>
              <Checkbox>{t('calendars.customHours')}</Checkbox>
            </Form.Item>
            {customHours && (
              <Form.Item
                name="hours"
                rules={[
                  {
                    validator: async (_, v: Interval[]) => {
                      if (!v?.length) throw new Error(t('calendars.errNoHours'));
                      const p = intervalProblems(v);
                      if (p.length) throw new Error(t(p[0]));
                    },
                  },
                ]}
              >
                <IntervalsInput />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}
