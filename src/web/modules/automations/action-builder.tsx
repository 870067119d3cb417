import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Action, ACTION_FIELDS, ACTION_TYPES, type ActionType } from '../../../shared/automations';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../../shared/tickets';
import type { RefOptions } from './automation-options';

type Props = { value: Action[]; onChange: (v: Action[]) => void; refs: RefOptions; errors: Record<string, string> };

/** The list of actions, each with the inputs its type takes. */
export function ActionBuilder({ value, onChange, refs, errors }: Props) {
  const { t } = useTranslation();
  const set = (i: number, a: Record<string, unknown>) => onChange(value.map((x, j) => (j === i ? (a as Action) : x)));

  const input = (a: Record<string, unknown>, i: number, key: string) => {
    const onValue = (v: unknown) => set(i, { ...a, [key]: v });
    const label = t(`automations.actionField.${key}`);
    const common = { 'aria-label': label, placeholder: label };
    switch (key) {
      case 'priority':
        return <Select {...common} style={{ width: 140 }} options={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`automations.values.priority.${p}`) }))} value={a.priority as string} onChange={onValue} />;
      case 'status':
        return <Select {...common} style={{ width: 160 }} options={TICKET_STATUSES.map((s) => ({ value: s, label: t(`automations.values.status.${s}`) }))} value={a.status as string} onChange={onValue} />;
      case 'teamId':
        return <Select {...common} style={{ width: 200 }} showSearch optionFilterProp="label" options={refs.team} value={a.teamId as string} onChange={onValue} />;
      case 'userId':
        return <Select {...common} style={{ width: 220 }} showSearch optionFilterProp="label" options={refs.user} value={a.userId as string} onChange={onValue} />;
      case 'userIds':
        return <Select {...common} style={{ minWidth: 260 }} mode="multiple" optionFilterProp="label" options={refs.user} value={(a.userIds as string[]) ?? []} onChange={(v: string[]) => set(i, v.length ? { ...a, userIds: v } : Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'userIds')))} />;
      case 'cannedReplyId':
        return <Select {...common} style={{ width: 240 }} showSearch optionFilterProp="label" options={refs.reply} value={a.cannedReplyId as string} onChange={onValue} />;
      case 'body':
      case 'message':
        return <Input.TextArea {...common} autoSize style={{ width: 320 }} value={(a[key] as string) ?? ''} onChange={(e) => onValue(e.target.value)} />;
      default:
        return <Input {...common} style={{ width: 160 }} value={(a[key] as string) ?? ''} onChange={(e) => onValue(e.target.value)} />;
    }
  };

  return (
    <div data-testid="automation-actions">
      {value.map((action, i) => {
        const a = action as unknown as Record<string, unknown>;
        const spec = ACTION_FIELDS[action.type];
        const rowErrors = Object.entries(errors).filter(([k]) => k === `actions.${i}` || k.startsWith(`actions.${i}.`));
        return (
          <div key={i} style={{ marginBottom: 8 }}>
            <Space wrap align="start">
              <Select
                style={{ width: 170 }}
                options={ACTION_TYPES.map((x) => ({ value: x, label: t(`automations.action.${x}`) }))}
                value={action.type}
                onChange={(type: ActionType) => set(i, { type })}
              />
              {[...spec.required, ...(spec.optional ?? [])].map((k) => (
                <span key={k}>{input(a, i, k)}</span>
              ))}
              <Button type="text" icon={<DeleteOutlined />} onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={t('common.delete')} />
            </Space>
            {rowErrors.map(([k, m]) => (
              <div key={k}>
                <Typography.Text type="danger">{m}</Typography.Text>
              </div>
            ))}
          </div>
        );
      })}
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...value, { type: 'add_tag', tag: '' }])}>
        {t('automations.form.addAction')}
      </Button>
    </div>
  );
}
