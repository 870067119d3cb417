import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Radio, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROUTING_STRATEGIES, TICKET_CHANNELS, TICKET_TYPES, type RoutingStrategy } from '../../../shared/tickets';
import { api } from '../../ui/api';
import { fetchAll } from '../../ui/fetch-all';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import type { Team } from './team-types';

type Values = { name: string; description?: string; strategy: RoutingStrategy; ticketTypes: string[]; channels: string[]; calendarId?: string | null; active: boolean };
const FIELDS = ['name', 'description', 'strategy', 'ticketTypes', 'channels', 'calendarId', 'active'];

/** Create (`team === null`) or edit a team's settings; members are managed on the page. */
export function TeamDrawer({ team, onClose, onSaved }: { team: Team | null | undefined; onClose: () => void; onSaved?: (t: Team) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const creating = team === null;
  const calendars = useQuery({ queryKey: ['calendars'], queryFn: () => fetchAll<{ id: string; name: string; isDefault: boolean }>('/calendars'), enabled: team !== undefined, staleTime: 30_000 });

  useEffect(() => {
    if (team === undefined) return;
    form.resetFields();
    form.setFieldsValue(
      team
        ? { name: team.name, description: team.description, strategy: team.strategy, ticketTypes: team.ticketTypes, channels: team.channels, calendarId: team.calendarId, active: team.active }
        : { strategy: 'round_robin', ticketTypes: [], channels: [], calendarId: null, active: true },
    );
  }, [team, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    const body = { name: v.name.trim(), description: v.description?.trim() ?? '', strategy: v.strategy, ticketTypes: v.ticketTypes ?? [], channels: v.channels ?? [], calendarId: v.calendarId ?? null, active: v.active };
    try {
      const saved = creating ? await api<Team>('/teams', { body }) : await api<Team>(`/teams/${team!.id}`, { method: 'PATCH', ifMatch: team!.version, body });
      message.success(creating ? t('teams.created') : t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['teams'] });
      onSaved?.(saved);
      onClose();
    } catch (err) {
      const toast = applyServerErrors(form, err, FIELDS);
      if (toast) message.error(toast);
      if (isVersionConflict(err)) {
        await qc.invalidateQueries({ queryKey: ['teams'] });
        onClose();
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={team !== undefined}
      size={560}
      title={creating ? t('teams.createTitle') : t('teams.editTitle', { name: team?.name })}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="team-submit">
            {creating ? t('teams.createSubmit') : t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="team-form">
        <Form.Item
          name="name"
          label={t('teams.field.name')}
          rules={[
            { required: true, whitespace: true, message: t('teams.field.nameRequired') },
            { max: 64, message: t('teams.field.nameTooLong') },
          ]}
        >
          <Input maxLength={64} placeholder={t('teams.field.namePlaceholder')} data-testid="team-name" />
        </Form.Item>
        <Form.Item name="description" label={t('teams.field.description')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount placeholder={t('teams.field.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item name="strategy" label={t('teams.field.strategy')} rules={[{ required: true }]}>
          <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="team-strategy">
            {ROUTING_STRATEGIES.map((s) => (
              <Radio key={s} value={s}>
                <Typography.Text strong>{t(`teams.strategy.${s}`)}</Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`teams.strategyHelp.${s}`)}
                </Typography.Text>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="ticketTypes" label={t('teams.field.ticketTypes')} extra={t('teams.field.ticketTypesHint')}>
          <Select mode="multiple" allowClear placeholder={t('teams.any')} options={TICKET_TYPES.map((v) => ({ value: v, label: t(`teams.ticketType.${v}`) }))} data-testid="team-types" />
        </Form.Item>
        <Form.Item name="channels" label={t('teams.field.channels')} extra={t('teams.field.channelsHint')}>
          <Select mode="multiple" allowClear placeholder={t('teams.any')} options={TICKET_CHANNELS.map((v) => ({ value: v, label: t(`teams.channel.${v}`) }))} />
        </Form.Item>
        <Form.Item name="calendarId" label={t('teams.field.calendar')}>
          <Select allowClear loading={calendars.isLoading} placeholder={t('teams.field.calendarPlaceholder')} options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="active" label={t('teams.field.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
