import { Radio, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeFieldComparison, MergePreview, MergeSide } from './duplicate-types';
import { useCustomerLabels } from './merge-labels';
import { isEmptyValue, MergeValue } from './merge-value';

type Props = {
  preview: MergePreview;
  choices: Record<string, MergeSide>;
  onChoose: (field: string, side: MergeSide) => void;
};

const UNITED = new Set(['phones', 'tags']);

const size = (v: unknown) => (Array.isArray(v) ? v.length : 0);

/** Keeping both sides is offered only when it keeps more than either side alone (else it is just that side). */
export const unionOffered = (f: MergeFieldComparison) => !f.same && f.options.includes('union') && size(f.union) > Math.max(size(f.survivor), size(f.merged));

/** The choice to start from: the server's suggestion, a union that adds nothing taken as the side it equals. */
export function initialChoice(f: MergeFieldComparison): MergeSide {
  if (f.suggested !== 'union' || unionOffered(f)) return f.suggested;
  return size(f.merged) === size(f.union) && size(f.merged) > size(f.survivor) ? 'merged' : 'survivor';
}

/**
 * The field-by-field comparison: a radio per differing field (pre-selected with the server's
 * suggestion), identical values shown once, fields empty on both sides left out. Phones and
 * tags may keep both sides (united).
 */
export function MergeFieldsTable({ preview, choices, onChoose }: Props) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const [onlyDiff, setOnlyDiff] = useState(false);
  const rows = preview.fields.filter((f) => !(isEmptyValue(f.survivor) && isEmptyValue(f.merged))).filter((f) => !onlyDiff || !f.same);
  const hasUnion = rows.some(unionOffered);
  const differing = preview.fields.filter((f) => !f.same).length;
  const span = hasUnion ? 3 : 2;

  const cell = (f: MergeFieldComparison, side: 'survivor' | 'merged') => {
    if (f.same) return <MergeValue field={f.field} value={f.survivor} />;
    return (
      <Radio checked={choices[f.field] === side} onChange={() => onChoose(f.field, side)} data-testid={`merge-choice-${f.field}-${side}`} style={{ alignItems: 'flex-start' }}>
        <MergeValue field={f.field} value={f[side]} />
      </Radio>
    );
  };

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', margin: '16px 0 8px' }}>
        <Typography.Text strong>{t('customerData.merge.fieldsTitle', { count: differing })}</Typography.Text>
        <span>
          <Switch size="small" checked={onlyDiff} onChange={setOnlyDiff} data-testid="merge-only-diff" />{' '}
          <Typography.Text type="secondary">{t('customerData.merge.onlyDiff')}</Typography.Text>
        </span>
      </div>
      <Table<MergeFieldComparison>
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={rows}
        data-testid="merge-fields"
        columns={[
          {
            title: t('customerData.merge.field'),
            key: 'field',
            width: 150,
            render: (_: unknown, f) => (
              <span>
                <Typography.Text type={f.same ? 'secondary' : undefined}>{labels.field(f.field)}</Typography.Text>
                {UNITED.has(f.field) && unionOffered(f) && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`customerData.merge.unitedHint.${f.field}`)}
                    </Typography.Text>
                  </div>
                )}
              </span>
            ),
          },
          {
            title: t('customerData.merge.keepSurvivor', { name: preview.survivor.name }),
            key: 'survivor',
            onCell: (f) => ({ colSpan: f.same ? span : 1 }),
            render: (_: unknown, f) =>
              f.same ? (
                <span>
                  <MergeValue field={f.field} value={f.survivor} />
                  <Tag style={{ marginLeft: 8 }}>{t('customerData.merge.same')}</Tag>
                </span>
              ) : (
                cell(f, 'survivor')
              ),
          },
          {
            title: t('customerData.merge.takeMerged', { name: preview.merged.name }),
            key: 'merged',
            onCell: (f) => ({ colSpan: f.same ? 0 : 1 }),
            render: (_: unknown, f) => (f.same ? null : cell(f, 'merged')),
          },
          ...(hasUnion
            ? [
                {
                  title: t('customerData.merge.union'),
                  key: 'union',
                  width: 200,
                  onCell: (f: MergeFieldComparison) => ({ colSpan: f.same ? 0 : 1 }),
                  render: (_: unknown, f: MergeFieldComparison) =>
                    unionOffered(f) ? (
                      <Radio checked={choices[f.field] === 'union'} onChange={() => onChoose(f.field, 'union')} data-testid={`merge-choice-${f.field}-union`} style={{ alignItems: 'flex-start' }}>
                        <MergeValue field={f.field} value={f.union} />
                      </Radio>
                    ) : f.overLimit ? (
                      <Typography.Text type="warning" style={{ fontSize: 12 }}>
                        {t(`customerData.merge.overLimit.${f.field}`)}
                      </Typography.Text>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
