import { App, Button, Checkbox, Drawer, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import { TIME_ZONES, type Calendar, type WeeklyHours } from './calendar-types';
import { WeeklyHoursInput, weekProblems } from './weekly-hours-input';

type Values = { name: string; timezone: string; weeklyHours: WeeklyHours; isDefault: boolean };

const STANDARD_WEEK: WeeklyHours = [
  ...Array.from({ length: 5 }, () => [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ]),
  [],
  [],
];

/** Create or edit a calendar: name, zone, weekly hours, default flag. */
export function CalendarEditor({ open, calendar, onClose, onSaved }: { open: boolean; calendar: Calendar | null; onClose: () => void; onSaved: (c: Calendar) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      calendar
        ? { name: calendar.name, timezone: calendar.timezone, weeklyHours: calendar.weeklyHours, isDefault: calendar.isDefault }
        : { name: '', timezone: 'Asia/Shanghai', weeklyHours: STANDARD_WEEK, isDefault: false },
    );
  }, [open, calendar, form]);

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      const body = { ...values, name: values.name.trim() };
      const saved = calendar
        ? await api<Calendar>(`/calendars/${calendar.id}`, { method: 'PATCH', body, ifMatch: calendar.version })
        : await api<Calendar>('/calendars', { method: 'POST', body });
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (err) {
      const rest = applyServerErrors(form, err, ['name', 'timezone', 'weeklyHours', 'isDefault']);
      if (rest) message.error(rest);
      if (isVersionConflict(err)) onClose();
    } finally {
      setSaving(false);
    }
  };

  const zones = calendar && !TIME_ZONES.includes(calendar.timezone) ? [calendar.timezone, ...TIME_ZONES] : TIME_ZONES;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      forceRender
      title={calendar ? t('calendars.editTitle', { name: calendar.name }) : t('calendars.createTitle')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="calendar-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="calendar-form">
        <Form.Item name="name" label={t('calendars.name')} rules={[{ required: true, whitespace: true, message: t('calendars.nameRequired') }, { max: 100 }]}>
          <Input placeholder={t('calendars.namePlaceholder')} maxLength={100} />
        </Form.Item>
        <Form.Item name="timezone" label={t('calendars.timezone')} rules={[{ required: true }]} extra={t('calendars.timezoneHelp')}>
          <Select showSearch options={zones.map((z) => ({ value: z, label: `${z}${t(`calendars.zones.${z}`, { defaultValue: '' }) ? ` · ${t(`calendars.zones.${z}`)}` : ''}` }))} />
        </Form.Item>
        <Form.Item
          name="weeklyHours"
          label={t('calendars.weeklyHours')}
          required
          rules={[
            {
              validator: async (_, week: WeeklyHours) => {
                const problems = weekProblems(week ?? []);
                if (problems.length) throw new Error(t(problems[0]));
                if ((week ?? []).every((d) => d.length === 0)) throw new Error(t('calendars.errNoHours'));
              },
            },
          ]}
        >
          <WeeklyHoursInput />
        </Form.Item>
        <Form.Item name="isDefault" valuePropName="checked" extra={t('calendars.defaultHelp')}>
          <Checkbox disabled={calendar?.isDefault}>{t('calendars.setDefault')}</Checkbox>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
