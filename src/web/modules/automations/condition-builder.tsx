import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Condition, type ConditionOp, CONDITION_FIELD_NAMES, fieldDef, LIST_OPS, NONE, OPS_BY_TYPE, VALUELESS_OPS } from '../../../shared/automations';
import type { RefOptions } from './automation-options';

type Props = { value: Condition[]; onChange: (v: Condition[]) => void; refs: RefOptions; errors: Record<string, string>; path: string; testId: string };

const CUSTOM = 'custom';

/** Rows of field → operator → value; the value input follows the field's type. */
export function ConditionBuilder({ value, onChange, refs, errors, path, testId }: Props) {
  const { t } = useTranslation();
  const set = (i: number, c: Condition) => onChange(value.map((x, j) => (j === i ? c : x)));
  const fieldOptions = [...CONDITION_FIELD_NAMES.map((f) => ({ value: f, label: t(`automations.field.${f}`) })), { value: CUSTOM, label: t('automations.field.custom') }];

  const valueInput = (c: Condition, i: number) => {
    const def = fieldDef(c.field);
    if (!def || VALUELESS_OPS.includes(c.op)) return null;
    const multiple = LIST_OPS.includes(c.op);
    const onValue = (v: unknown) => set(i, { ...c, value: v });
    if (def.type === 'enum') {
      const opts = def.values!.map((v) => ({ value: v, label: t(`automations.values.${c.field}.${v}`) }));
      return <Select style={{ minWidth: 180 }} mode={multiple ? 'multiple' : undefined} options={opts} value={c.value as string} onChange={onValue} />;
    }
    if (def.type === 'id') {
      const base = refs[def.reference!];
      const opts = [{ value: NONE, label: t('automations.none') }, ...base];
      return <Select style={{ minWidth: 200 }} showSearch optionFilterProp="label" mode={multiple ? 'multiple' : undefined} options={opts} value={c.value as string} onChange={onValue} />;
    }
    if (def.type === 'number' || ((c.op === 'gt' || c.op === 'lt') && def.type === 'custom')) {
      return <InputNumber min={0} value={c.value as number} onChange={onValue} style={{ width: 120 }} />;
    }
    if (multiple) return <Select mode="tags" style={{ minWidth: 200 }} value={(c.value as string[]) ?? []} onChange={onValue} />;
    return <Input style={{ width: 200 }} value={(c.value as string) ?? ''} onChange={(e) => onValue(e.target.value)} />;
  };

  return (
    <div data-testid={testId}>
      {value.map((c, i) => {
        const isCustom = c.field.startsWith('custom.');
        const def = fieldDef(c.field) ?? (isCustom ? { type: 'custom' as const } : undefined);
        const ops = def ? OPS_BY_TYPE[def.type] : [];
        const rowErrors = Object.entries(errors).filter(([k]) => k === `${path}.${i}` || k.startsWith(`${path}.${i}.`));
        return (
          <div key={i} style={{ marginBottom: 8 }}>
            <Space wrap>
              <Select
                style={{ width: 180 }}
                options={fieldOptions}
                value={isCustom ? CUSTOM : c.field}
                onChange={(f: string) => {
                  const field = f === CUSTOM ? 'custom.' : f;
                  const d = fieldDef(field) ?? { type: 'custom' as const };
                  set(i, { field, op: OPS_BY_TYPE[d.type][0]! });
                }}
                aria-label={t('automations.form.field')}
              />
              {isCustom && (
                <Input style={{ width: 140 }} placeholder={t('automations.form.customKey')} value={c.field.slice('custom.'.length)} onChange={(e) => set(i, { ...c, field: `custom.${e.target.value}` })} />
              )}
              <Select
                style={{ width: 130 }}
                options={ops.map((o) => ({ value: o, label: t(`automations.op.${o}`) }))}
                value={c.op}
                onChange={(op: ConditionOp) => set(i, { field: c.field, op, value: LIST_OPS.includes(op) ? [] : undefined })}
                aria-label={t('automations.form.op')}
              />
              {valueInput(c, i)}
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
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...value, { field: 'status', op: 'is', value: 'new' }])}>
        {t('automations.form.addCondition')}
      </Button>
    </div>
  );
}
