import { ArrowLeftOutlined, ArrowRightOutlined, CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Radio, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { DUPLICATE_MODES, MULTI_TARGETS, type DuplicateMode, type ImportView } from './import-types';

type Props = {
  imp: ImportView;
  /** The first data rows (from the upload answer), for sample values. */
  preview: string[][] | null;
  busy: boolean;
  /** A server refusal of the mapping, per header. */
  serverErrors: Record<string, string>;
  onBack: () => void;
  onNext: (mapping: Record<string, string>, mode: DuplicateMode) => void;
};

type Row = { header: string; index: number };
const IGNORE = '';

/** Column letters as a spreadsheet shows them: A … Z, AA … */
const letter = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : letter(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));

/** Step 2 字段对应: each column of the file to a customer field (or 不导入), and what to do with duplicates. */
export function ImportMapping({ imp, preview, busy, serverErrors, onBack, onNext }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [mapping, setMapping] = useState<Record<string, string>>(() => Object.fromEntries(imp.headers.map((h) => [h, imp.mapping[h] ?? IGNORE])));
  const [mode, setMode] = useState<DuplicateMode>(imp.duplicateMode);
  const canUpdate = can('customers.update');

  const labelOf = useMemo(() => new Map(imp.targets.map((x) => [x.target, x.label])), [imp.targets]);
  const options = useMemo(() => {
    const builtIn = imp.targets.filter((x) => !x.target.startsWith('custom.'));
    const custom = imp.targets.filter((x) => x.target.startsWith('custom.'));
    return [
      { value: IGNORE, label: t('customerData.mapping.ignore') },
      { label: t('customerData.mapping.builtIn'), options: builtIn.map((x) => ({ value: x.target, label: x.label })) },
      ...(custom.length ? [{ label: t('customerData.mapping.custom'), options: custom.map((x) => ({ value: x.target, label: x.label })) }] : []),
    ];
  }, [imp.targets, t]);

  // A single-valued field fed by two columns: both columns are flagged.
  const conflicts = useMemo(() => {
    const byTarget = new Map<string, string[]>();
    for (const [h, target] of Object.entries(mapping)) if (target && !MULTI_TARGETS.has(target)) byTarget.set(target, [...(byTarget.get(target) ?? []), h]);
    return new Map([...byTarget].filter(([, hs]) => hs.length > 1));
  }, [mapping]);
  const conflictOf = (h: string) => [...conflicts.entries()].find(([, hs]) => hs.includes(h))?.[0];
  const nameMapped = Object.values(mapping).includes('name');
  const mappedCount = Object.values(mapping).filter(Boolean).length;

  const samples = (index: number) => [...new Set((preview ?? []).map((r) => (r[index] ?? '').trim()).filter((v) => v !== ''))].slice(0, 3);

  const rows: Row[] = imp.headers.map((header, index) => ({ header, index }));

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{t('customerData.mapping.summary', { file: imp.filename, rows: imp.totalRows.toLocaleString(), columns: imp.headers.length, mapped: mappedCount })}</Typography.Text>
      </Space>
      {!nameMapped && <Alert style={{ marginBottom: 12 }} type="error" showIcon title={t('customerData.mapping.nameRequired')} data-testid="mapping-name-required" />}
      {conflicts.size > 0 && (
        <Alert
          style={{ marginBottom: 12 }}
          type="error"
          showIcon
          title={[...conflicts].map(([target, hs]) => t('customerData.mapping.conflict', { field: labelOf.get(target) ?? target, columns: hs.join('、') })).join('；')}
        />
      )}
      <Table<Row>
        size="small"
        rowKey="header"
        pagination={false}
        dataSource={rows}
        data-testid="mapping-table"
        scroll={{ y: 460 }}
        columns={[
          {
            title: t('customerData.mapping.column'),
            key: 'header',
            width: 240,
            render: (_: unknown, r) => (
              <Space size={6}>
                <Tag style={{ fontFamily: 'ui-monospace, monospace', marginInlineEnd: 0 }}>{letter(r.index)}</Tag>
                <Typography.Text strong>{r.header}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('customerData.mapping.samples'),
            key: 'samples',
            render: (_: unknown, r) => {
              const s = samples(r.index);
              return s.length ? (
                <Typography.Text type="secondary" ellipsis={{ tooltip: s.join(' | ') }} style={{ maxWidth: 320 }}>
                  {s.join(' | ')}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{preview ? t('customerData.mapping.noSamples') : '—'}</Typography.Text>
              );
            },
          },
          {
            title: t('customerData.mapping.target'),
            key: 'target',
            width: 300,
            render: (_: unknown, r) => {
              const conflict = conflictOf(r.header);
              const err = serverErrors[r.header];
              const suggested = !!imp.mapping[r.header] && imp.mapping[r.header] === mapping[r.header];
              return (
                <Space size={6}>
                  <Select
                    value={mapping[r.header]}
                    onChange={(v) => setMapping((m) => ({ ...m, [r.header]: v }))}
                    options={options}
                    showSearch={{ optionFilterProp: 'label' }}
                    status={conflict || err ? 'error' : undefined}
                    style={{ width: 220 }}
                    data-testid={`mapping-${r.index}`}
                  />
                  {err ? (
                    <Typography.Text type="danger" style={{ fontSize: 12 }}>
                      {err}
                    </Typography.Text>
                  ) : suggested ? (
                    <Tooltip title={t('customerData.mapping.suggested')}>
                      <CheckCircleFilled style={{ color: '#52c41a' }} />
                    </Tooltip>
                  ) : null}
                </Space>
              );
            },
          },
        ]}
      />
      <div style={{ marginTop: 24 }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('customerData.mapping.duplicatesTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('customerData.mapping.duplicatesHint')}
        </Typography.Paragraph>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} data-testid="mapping-mode">
          <Space orientation="vertical" size={6}>
            {DUPLICATE_MODES.map((m) => (
              <Radio key={m} value={m} disabled={m !== 'skip' && !canUpdate} data-testid={`mode-${m}`}>
                <Typography.Text strong>{t(`customerData.modes.${m}.label`)}</Typography.Text>
                <Typography.Text type="secondary"> — {t(`customerData.modes.${m}.hint`)}</Typography.Text>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        {!canUpdate && (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('customerData.mapping.needsUpdate')}
            </Typography.Text>
          </div>
        )}
      </div>
      <Space style={{ marginTop: 24, width: '100%', justifyContent: 'space-between' }}>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack} disabled={busy} data-testid="mapping-back">
          {t('customerData.mapping.reupload')}
        </Button>
        <Button
          type="primary"
          loading={busy}
          disabled={!nameMapped || conflicts.size > 0}
          onClick={() => onNext(Object.fromEntries(Object.entries(mapping).filter(([, v]) => v)), mode)}
          data-testid="mapping-next"
        >
          {t('customerData.mapping.next')} <ArrowRightOutlined />
        </Button>
      </Space>
    </>
  );
}
