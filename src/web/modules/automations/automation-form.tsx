import { Alert, Button, Checkbox, Divider, Form, Input, List, Modal, Radio, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Action, type AutomationDto, type AutomationKind, type AutomationPreview, type Conditions, TRIGGER_EVENTS, type TriggerEvent } from '../../../shared/automations';
import { api, ApiError } from '../../ui/api';
import { ActionBuilder } from './action-builder';
import { useRefOptions } from './automation-options';
import { ConditionBuilder } from './condition-builder';

type Props = { editing: AutomationDto | null; kind: AutomationKind; onClose: () => void; onSaved: () => void };

/** Errors of a 400 keyed by path without the leading `body`. */
function errorsOf(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return {};
  const out: Record<string, string> = {};
  for (const d of err.details as { path?: (string | number)[]; message?: string }[]) {
    const key = (d.path ?? []).filter((_, i) => i > 0 || d.path![0] !== 'body').join('.');
    if (d.message) out[key] = d.message;
  }
  return out;
}

/** The rule editor: name, when it runs, the condition builder, the action list and a live preview. */
export function AutomationForm({ editing, kind: initialKind, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const refs = useRefOptions();
  const [name, setName] = useState(editing?.name ?? '');
  const [kind, setKind] = useState<AutomationKind>(editing?.kind ?? initialKind);
  const [events, setEvents] = useState<TriggerEvent[]>(editing?.events ?? ['created']);
  const [conditions, setConditions] = useState<Conditions>(editing?.conditions ?? { all: [], any: [] });
  const [actions, setActions] = useState<Action[]>(editing?.actions ?? []);
  const [active, setActive] = useState(editing?.active ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<AutomationPreview | null>(null);

  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      const body = { name, events: kind === 'trigger' ? events : [], conditions, actions, active };
      if (editing) await api(`/automations/${editing.id}`, { method: 'PATCH', body, ifMatch: editing.version });
      else await api('/automations', { method: 'POST', body: { ...body, kind } });
      onSaved();
    } catch (err) {
      const e = errorsOf(err);
      setErrors(Object.keys(e).length ? e : { '': err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };
  const runPreview = async () => {
    setErrors({});
    try {
      setPreview(await api<AutomationPreview>('/automations/preview', { method: 'POST', body: { conditions } }));
    } catch (err) {
      setErrors(errorsOf(err));
    }
  };
  const general = Object.entries(errors).filter(([k]) => !k.startsWith('conditions.all.') && !k.startsWith('conditions.any.') && !k.startsWith('actions.'));

  return (
    <Modal
      open
      width={920}
      title={editing ? t('automations.form.titleEdit') : t('automations.form.titleNew')}
      onCancel={onClose}
      onOk={save}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'automation-save' } as Record<string, string>}
      destroyOnHidden
    >
      <Form layout="vertical" data-testid="automation-form">
        {general.length > 0 && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('automations.form.errors')} description={general.map(([k, m]) => <div key={k}>{k ? `${k}: ` : ''}{m}</div>)} />
        )}
        <Form.Item label={t('automations.form.name')} required validateStatus={errors.name ? 'error' : undefined} help={errors.name}>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} data-testid="automation-name" />
        </Form.Item>
        {!editing && (
          <Form.Item label={t('automations.form.kind')}>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} options={(['trigger', 'schedule'] as const).map((k) => ({ value: k, label: t(`automations.kind.${k}`) }))} />
          </Form.Item>
        )}
        {kind === 'trigger' ? (
          <Form.Item label={t('automations.form.events')}>
            <Checkbox.Group value={events} onChange={(v) => setEvents(v as TriggerEvent[])} options={TRIGGER_EVENTS.map((e) => ({ value: e, label: t(`automations.event.${e}`) }))} />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary">{t('automations.every5')}</Typography.Paragraph>
        )}
        <Form.Item label={t('automations.form.all')}>
          <ConditionBuilder value={conditions.all} onChange={(all) => setConditions({ ...conditions, all })} refs={refs} errors={errors} path="conditions.all" testId="automation-conditions-all" />
        </Form.Item>
        <Form.Item label={t('automations.form.any')}>
          <ConditionBuilder value={conditions.any} onChange={(any) => setConditions({ ...conditions, any })} refs={refs} errors={errors} path="conditions.any" testId="automation-conditions-any" />
        </Form.Item>
        <Form.Item label={t('automations.form.actions')} required>
          <ActionBuilder value={actions} onChange={setActions} refs={refs} errors={errors} />
        </Form.Item>
        <Form.Item label={t('automations.form.active')}>
          <Switch checked={active} onChange={setActive} />
        </Form.Item>
        <Divider style={{ margin: '8px 0' }} />
        <Button onClick={runPreview} data-testid="automation-preview">
          {t('automations.form.preview')}
        </Button>
        {preview && (
          <div style={{ marginTop: 8 }} data-testid="automation-preview-result">
            <Typography.Text strong>{t('automations.form.previewResult', { count: preview.count })}</Typography.Text>
            {preview.count > 20 && <Typography.Text type="secondary"> {t('automations.form.previewFirst')}</Typography.Text>}
            <List
              size="small"
              dataSource={preview.items}
              renderItem={(i) => (
                <List.Item>
                  #{i.number} {i.subject} <Tag>{t(`automations.values.status.${i.status}`)}</Tag>
                  <Tag>{t(`automations.values.priority.${i.priority}`)}</Tag>
                </List.Item>
              )}
            />
          </div>
        )}
      </Form>
    </Modal>
  );
}
