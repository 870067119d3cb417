import { CloseOutlined, DeleteOutlined, FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Flex, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerFilter, FilterOp } from '../../../shared/customers';
import { departmentPathName, DepartmentTreeSelect, useDepartments } from '../../ui/department-tree-select';
import { useRegions, useUserOptions } from './customer-queries';
import { fromWireFilter, isComplete, isListOp, needsValue, newConditionId, opLabel, toWireFilter, type DraftCondition, type FilterFieldSpec } from './filter-fields';
import { RegionCascader } from './region-cascader';
import { regionName, regionPathTo } from './region-codes';
import { UserPicker } from './user-picker';

const GROUPS: FilterFieldSpec['group'][] = ['basic', 'management', 'time', 'custom'];

/** The editor of one condition's value, by the field's kind and the operator. */
function ValueEditor({ spec, op, value, onChange }: { spec: FilterFieldSpec; op: FilterOp; value: unknown; onChange: (v: unknown) => void }) {
  const { t } = useTranslation();
  const regions = useRegions();
  const list = isListOp(op);
  const style = { width: '100%' };
  const testId = 'filter-value';
  switch (spec.kind) {
    case 'text':
      return <Input style={style} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)} placeholder={t('customers.filter.valuePlaceholder')} data-testid={testId} />;
    case 'number':
      return <InputNumber style={style} value={value as number | undefined} onChange={(v) => onChange(v ?? undefined)} data-testid={testId} />;
    case 'bool':
      return (
        <Radio.Group value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
          <Radio value={true}>{t('common.yes')}</Radio>
          <Radio value={false}>{t('common.no')}</Radio>
        </Radio.Group>
      );
    case 'enum':
    case 'option':
    case 'options':
      return (
        <Select
          style={style}
          mode={list ? 'multiple' : undefined}
          maxTagCount="responsive"
          value={value as string | string[] | undefined}
          onChange={onChange}
          options={spec.options}
          placeholder={t('customers.filter.selectPlaceholder')}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid={testId}
        />
      );
    case 'tags':
      return <Select style={style} mode="tags" value={(value as string[]) ?? []} onChange={onChange} open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ']} placeholder={t('customers.filter.tagsPlaceholder')} data-testid={testId} />;
    case 'user':
      return <UserPicker style={style} mode="multiple" maxTagCount="responsive" value={(value as string[]) ?? []} onChange={(v) => onChange(v)} data-testid={testId} />;
    case 'department':
      return (
        <DepartmentTreeSelect
          style={style}
          {...({ multiple: true } as object)}
          maxTagCount="responsive"
          value={(value as unknown as string) ?? undefined}
          onChange={(v) => onChange(v)}
          placeholder={t('customers.filter.selectPlaceholder')}
          data-testid={testId}
        />
      );
    case 'province':
      return (
        <Select
          style={style}
          mode="multiple"
          maxTagCount="responsive"
          value={(value as string[]) ?? []}
          onChange={onChange}
          loading={regions.isLoading}
          options={(regions.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('customers.region.placeholderProvince')}
          data-testid={testId}
        />
      );
    case 'city':
    case 'district':
      return (
        <RegionCascader
          style={style}
          multiple
          depth={spec.kind === 'city' ? 2 : 3}
          value={((value as string[]) ?? []).map(regionPathTo)}
          onChange={(paths) => onChange((paths as string[][]).map((p) => p[p.length - 1]))}
          data-testid={testId}
        />
      );
    case 'time':
    case 'day':
      return (
        <DatePicker
          style={style}
          value={typeof value === 'string' && value ? dayjs(value) : null}
          onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
          data-testid={testId}
        />
      );
  }
}

type BuilderProps = {
  specs: FilterFieldSpec[];
  value: CustomerFilter | undefined;
  onApply: (filter: CustomerFilter | undefined) => void;
  onClose: () => void;
};

/**
 * 高级筛选: conditions on any field (custom fields too) with field, operator and value, matched
 * all (且) or any (或). Incomplete rows are kept on screen but not sent.
 */
export function FilterBuilder({ specs, value, onApply, onClose }: BuilderProps) {
  const { t } = useTranslation();
  const [match, setMatch] = useState<'all' | 'any'>('all');
  const [rows, setRows] = useState<DraftCondition[]>([]);
  const valueKey = JSON.stringify(value ?? null);
  // what this builder last applied: the applied filter coming back must not wipe unfinished rows
  const emitted = useRef<string | null>(null);
  useEffect(() => {
    if (emitted.current === valueKey) return;
    const draft = fromWireFilter(value, specs);
    setMatch(draft.match);
    setRows(draft.rows.length > 0 ? draft.rows : [{ id: newConditionId(), field: 'lifecycleStatus', op: 'in', value: [] }]);
    // the draft follows a filter set elsewhere (a view opened, a chip removed), not every spec rebuild
  }, [valueKey]);
  const apply = (f: CustomerFilter | undefined) => {
    emitted.current = JSON.stringify(f ?? null);
    onApply(f);
  };

  const fieldOptions = GROUPS.map((g) => ({
    label: t(`customers.filter.groups.${g}`),
    title: g,
    options: specs.filter((s) => s.group === g).map((s) => ({ value: s.field, label: s.label })),
  })).filter((g) => g.options.length > 0);

  const update = (id: string, patch: Partial<DraftCondition>) => setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const setField = (id: string, field: string) => {
    const spec = specs.find((s) => s.field === field);
    update(id, { field, op: spec?.ops[0] ?? 'eq', value: undefined });
  };
  const setOp = (row: DraftCondition, op: FilterOp) => {
    // a list stays a list and a single value stays single; otherwise start again
    const keep = needsValue(op) && isListOp(op) === isListOp(row.op);
    update(row.id, { op, value: keep ? row.value : undefined });
  };
  const incomplete = rows.filter((r) => !isComplete(r)).length;

  return (
    <Card size="small" style={{ marginBottom: 16, background: '#fafafa' }} data-testid="filter-builder">
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={8}>
        <Space>
          <FilterOutlined />
          <Typography.Text strong>{t('customers.filter.title')}</Typography.Text>
          <Radio.Group size="small" optionType="button" value={match} onChange={(e) => setMatch(e.target.value)} data-testid="filter-match">
            <Radio.Button value="all">{t('customers.filter.matchAll')}</Radio.Button>
            <Radio.Button value="any">{t('customers.filter.matchAny')}</Radio.Button>
          </Radio.Group>
        </Space>
        <Button type="text" size="small" icon={<CloseOutlined />} onClick={onClose} aria-label={t('common.close')} />
      </Flex>
      {rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.filter.noConditions')} style={{ margin: '8px 0' }} />}
      {rows.map((row, index) => {
        const spec = specs.find((s) => s.field === row.field);
        return (
          <Flex key={row.id} gap={8} align="center" style={{ marginBottom: 8 }} data-testid="filter-row">
            <Typography.Text type="secondary" style={{ width: 48, textAlign: 'right', flex: 'none', whiteSpace: 'nowrap' }}>
              {index === 0 ? t('customers.filter.where') : match === 'all' ? t('customers.filter.and') : t('customers.filter.or')}
            </Typography.Text>
            <Select
              style={{ width: 170, flex: 'none' }}
              value={spec ? row.field : undefined}
              placeholder={row.field}
              options={fieldOptions}
              onChange={(f) => setField(row.id, f)}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="filter-field"
            />
            <Select
              style={{ width: 130, flex: 'none' }}
              value={row.op}
              options={(spec?.ops ?? [row.op]).map((op) => ({ value: op, label: opLabel(t, spec?.kind, op) }))}
              onChange={(op) => setOp(row, op)}
              data-testid="filter-op"
            />
            <div style={{ flex: 1, minWidth: 0 }}>
              {spec && needsValue(row.op) ? (
                <ValueEditor spec={spec} op={row.op} value={row.value} onChange={(v) => update(row.id, { value: v })} />
              ) : !spec ? (
                <Typography.Text type="danger">{t('customers.filter.unknownField')}</Typography.Text>
              ) : null}
            </div>
            <Button type="text" icon={<DeleteOutlined />} onClick={() => setRows((rs) => rs.filter((r) => r.id !== row.id))} aria-label={t('common.delete')} />
          </Flex>
        );
      })}
      <Flex justify="space-between" align="center" style={{ marginTop: 4 }} wrap gap={8}>
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          disabled={rows.length >= 30}
          onClick={() => setRows((rs) => [...rs, { id: newConditionId(), field: 'name', op: 'contains', value: '' }])}
          data-testid="filter-add"
        >
          {t('customers.filter.add')}
        </Button>
        <Space>
          {incomplete > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('customers.filter.incomplete', { count: incomplete })}
            </Typography.Text>
          )}
          <Button
            onClick={() => {
              setRows([]);
              apply(undefined);
            }}
          >
            {t('customers.filter.clear')}
          </Button>
          <Button type="primary" onClick={() => apply(toWireFilter(match, rows, specs))} data-testid="filter-apply">
            {t('customers.filter.apply')}
          </Button>
        </Space>
      </Flex>
    </Card>
  );
}

/** The applied conditions as removable chips above the table ("状态 属于 潜在客户、新客户"). */
export function FilterSummary({ specs, filter, onChange }: { specs: FilterFieldSpec[]; filter: CustomerFilter | undefined; onChange: (f: CustomerFilter | undefined) => void }) {
  const { t } = useTranslation();
  const regions = useRegions();
  const users = useUserOptions('');
  const departments = useDepartments(specs.some((s) => s.kind === 'department'));
  const describe = useMemo(
    () => (spec: FilterFieldSpec | undefined, v: unknown): string => {
      const one = (x: unknown): string => {
        if (!spec) return String(x);
        switch (spec.kind) {
          case 'enum':
          case 'option':
          case 'options':
            return spec.options?.find((o) => o.value === x)?.label ?? String(x);
          case 'bool':
            return x ? t('common.yes') : t('common.no');
          case 'user':
            return users.data?.find((u) => u.id === x)?.displayName ?? t('customers.filter.someone');
          case 'department':
            return departmentPathName(departments.data ?? [], String(x)) || t('customers.filter.someDepartment');
          case 'province':
          case 'city':
          case 'district':
            return regionName(regions.data, regionPathTo(String(x)), '') || String(x);
          case 'time':
            return dayjs(String(x)).format('YYYY-MM-DD');
          default:
            return String(x);
        }
      };
      return Array.isArray(v) ? v.map(one).join(t('customers.listSeparator')) : one(v);
    },
    [t, users.data, departments.data, regions.data],
  );
  if (!filter || filter.conditions.length === 0) return null;
  return (
    <Space size={[6, 6]} wrap style={{ marginBottom: 12 }} data-testid="filter-summary">
      <Typography.Text type="secondary">{filter.match === 'any' ? t('customers.filter.summaryAny') : t('customers.filter.summaryAll')}</Typography.Text>
      {filter.conditions.map((c, i) => {
        const spec = specs.find((s) => s.field === c.field);
        const text = [spec?.label ?? c.field, opLabel(t, spec?.kind, c.op), needsValue(c.op) ? describe(spec, c.value) : ''].filter(Boolean).join(' ');
        return (
          <Tag
            key={`${c.field}-${i}`}
            color="blue"
            closable
            onClose={(e) => {
              e.preventDefault();
              const rest = filter.conditions.filter((_, j) => j !== i);
              onChange(rest.length > 0 ? { ...filter, conditions: rest } : undefined);
            }}
            style={{ marginInlineEnd: 0, maxWidth: 420, overflow: 'hidden', textOverflow: 'ellipsis' }}
          >
            {text}
          </Tag>
        );
      })}
    </Space>
  );
}
