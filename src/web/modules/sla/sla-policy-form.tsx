import { App, Button, Col, Divider, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_TIERS, TICKET_PRIORITIES, TICKET_TYPES } from '../../../shared/tickets';
import { ApiError, api } from '../../ui/api';
import { isVersionConflict } from '../../ui/server-form-errors';
import { EscalationsEditor, type Option } from './escalations-editor';
import { MinutesInput } from './minutes-input';
import { type EscalationRule, METRICS, type SlaPolicy, TARGET_FIELD } from './sla-types';

type Values = Omit<SlaPolicy, 'id' | 'position' | 'version' | 'updatedAt'>;

const EMPTY: Values = {
  name: '',
  ticketTypes: [],
  priorities: [],
  customerTiers: [],
  calendarId: null,
  firstResponseMinutes: null,
  nextResponseMinutes: null,
  resolutionMinutes: null,
  warnPercent: 80,
  escalations: [],
  active: true,
};

/**
 * Field paths of a 400 map onto the form: `body.escalations.0.userIds.1` → the rule's user
 * select. Returns what has no field on the form (shown as one toast).
 */
function applyPolicyErrors(form: ReturnType<typeof Form.useForm<Values>>[0], err: unknown): string | null {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return err instanceof Error ? err.message : String(err);
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: string[] = [];
  for (const d of err.details as { path?: (string | number)[]; message?: string }[]) {
    const path = (d.path ?? []).slice(1);
    // a list item's problem goes under the list's field (`userIds.1` → `userIds`)
    while (typeof path.at(-1) === 'number' && path[0] !== 'escalations') path.pop();
    if (path[0] === 'escalations' && path.length > 3) path.length = 3;
    if (path.length === 0 || !d.message) {
      rest.push(d.message ?? err.message);
      continue;
    }
    const key = path.join('.');
    const entry = byName.get(key) ?? { name: path, errors: [] };
    entry.errors.push(d.message);
    byName.set(key, entry);
  }
  // nested paths (a rule's field) are valid names the form's own types cannot spell
  form.setFields([...byName.values()] as Parameters<typeof form.setFields>[0]);
  return rest.length > 0 ? rest.join('; ') : null;
}

/** Only the fields each action takes (the API refuses the others). */
function cleanRules(rules: EscalationRule[] | undefined): EscalationRule[] {
  return (rules ?? []).map((r) => {
    const base = { on: r.on, action: r.action, ...(r.metric ? { metric: r.metric } : {}) };
    if (r.action === 'notify') return { ...base, userIds: r.userIds ?? [] };
    if (r.action === 'reassign') return { ...base, ...(r.teamId ? { teamId: r.teamId } : {}), ...(r.assigneeId ? { assigneeId: r.assigneeId } : {}) };
    return base;
  });
}

/** Create or edit one SLA policy in a drawer. */
export function SlaPolicyForm({
  open,
  policy,
  calendars,
  users,
  teams,
  onClose,
  onSaved,
}: {
  open: boolean;
  policy: SlaPolicy | null;
  calendars: Option[];
  users: Option[];
  teams: Option[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(policy ? { ...EMPTY, ...policy } : EMPTY);
  }, [open, policy, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    const body = { ...v, name: v.name.trim(), calendarId: v.calendarId ?? null, escalations: cleanRules(v.escalations) };
    try {
      if (policy) await api(`/sla-policies/${policy.id}`, { method: 'PATCH', body, ifMatch: policy.version });
      else await api('/sla-policies', { method: 'POST', body });
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      const rest = applyPolicyErrors(form, err);
      if (rest) message.error(rest);
      if (isVersionConflict(err)) onSaved();
    } finally {
      setSaving(false);
    }
  };

  const anyTarget = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: () => (METRICS.some((m) => getFieldValue(TARGET_FIELD[m])) ? Promise.resolve() : Promise.reject(new Error(t('sla.form.targetRequired')))),
  });
  const multi = (list: readonly string[], prefix: string) => list.map((v) => ({ value: v, label: t(`sla.${prefix}.${v}`) }));

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      forceRender
      title={policy ? t('sla.form.editTitle', { name: policy.name }) : t('sla.form.createTitle')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="sla-policy-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="sla-policy-form">
        <Row gutter={16}>
          <Col span={18}>
            <Form.Item name="name" label={t('sla.form.name')} rules={[{ required: true, whitespace: true, message: t('sla.form.nameRequired') }, { max: 100 }]}>
              <Input maxLength={100} placeholder={t('sla.form.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="active" label={t('sla.form.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('sla.form.appliesTo')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('sla.form.appliesToHelp')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="ticketTypes" label={t('sla.form.ticketTypes')}>
              <Select mode="multiple" allowClear placeholder={t('sla.any')} options={multi(TICKET_TYPES, 'type')} data-testid="sla-policy-types" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="priorities" label={t('sla.form.priorities')}>
              <Select mode="multiple" allowClear placeholder={t('sla.any')} options={multi(TICKET_PRIORITIES, 'priority')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="customerTiers" label={t('sla.form.customerTiers')}>
              <Select mode="multiple" allowClear placeholder={t('sla.any')} options={multi(CUSTOMER_TIERS, 'tier')} />
            </Form.Item>
          </Col>
        </Row>
        <Divider />
        <Typography.Title level={5}>{t('sla.form.targets')}</Typography.Title>
        <Row gutter={16}>
          {METRICS.map((m) => (
            <Col span={12} key={m}>
              <Form.Item
                name={TARGET_FIELD[m]}
                label={t(`sla.metricLong.${m}`)}
                extra={t(`sla.metricHelp.${m}`)}
                dependencies={m === 'first_response' ? ['nextResponseMinutes', 'resolutionMinutes'] : undefined}
                rules={m === 'first_response' ? [anyTarget] : []}
              >
                <MinutesInput testId={`sla-target-${m}`} />
              </Form.Item>
            </Col>
          ))}
          <Col span={12}>
            <Form.Item name="warnPercent" label={t('sla.form.warnPercent')} extra={t('sla.form.warnPercentHelp')} rules={[{ required: true, message: t('sla.form.warnRequired') }]}>
              <InputNumber<number> min={1} max={99} precision={0} suffix="%" style={{ width: 120 }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="calendarId" label={t('sla.form.calendar')} extra={t('sla.form.calendarHelp')}>
              <Select allowClear placeholder={t('sla.defaultCalendar')} options={calendars} />
            </Form.Item>
          </Col>
        </Row>
        <Divider />
        <Typography.Title level={5}>{t('sla.form.escalations')}</Typography.Title>
        <EscalationsEditor users={users} teams={teams} />
      </Form>
    </Drawer>
  );
}
