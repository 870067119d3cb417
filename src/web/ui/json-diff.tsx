import { LockOutlined } from '@ant-design/icons';
import { Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Change = 'added' | 'removed' | 'changed' | 'same';
type Row = { key: string; before: unknown; after: unknown; change: Change };

const REDACTED = '[redacted]';
const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Nested objects become dotted paths (a few levels deep) so a change points at the exact key. */
function flatten(value: unknown, prefix = '', depth = 0, out: Record<string, unknown> = {}): Record<string, unknown> {
  if (isPlainObject(value) && depth < 3 && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, depth + 1, out);
  } else if (prefix) {
    out[prefix] = value;
  } else if (value !== null && value !== undefined) {
    out['(value)'] = value;
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function diffRows(before: unknown, after: unknown): Row[] {
  const b = flatten(before);
  const a = flatten(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys.map((key) => {
    const inB = key in b;
    const inA = key in a;
    const change: Change = !inB ? 'added' : !inA ? 'removed' : same(b[key], a[key]) ? 'same' : 'changed';
    return { key, before: b[key], after: a[key], change };
  });
}

function Value({ value, present }: { value: unknown; present: boolean }) {
  const { t } = useTranslation();
  if (!present) return <Typography.Text type="secondary">—</Typography.Text>;
  if (value === REDACTED) {
    return (
      <Tag icon={<LockOutlined />} color="default">
        {t('diffView.redacted')}
      </Tag>
    );
  }
  if (value === null) return <Typography.Text type="secondary">null</Typography.Text>;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return <Typography.Text style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12, wordBreak: 'break-all' }}>{text}</Typography.Text>;
}

const BG: Record<Change, string | undefined> = { added: '#f6ffed', removed: '#fff1f0', changed: '#fffbe6', same: undefined };

/**
 * Before/after of a record side by side. Changed keys are highlighted (yellow changed,
 * green added, red removed); secrets the server redacted show as a lock tag.
 */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const rows = useMemo(() => diffRows(before, after), [before, after]);
  const changed = rows.filter((r) => r.change !== 'same');
  const [onlyChanged, setOnlyChanged] = useState(changed.length > 0 && before != null && after != null);
  const shown = onlyChanged ? changed : rows;
  if (rows.length === 0) return <Typography.Text type="secondary">{t('diffView.nothing')}</Typography.Text>;
  return (
    <div data-testid="json-diff">
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text type="secondary">{t('diffView.summary', { changed: changed.length, total: rows.length })}</Typography.Text>
        {before != null && after != null && (
          <Space size={4}>
            <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} />
            <Typography.Text>{t('diffView.onlyChanged')}</Typography.Text>
          </Space>
        )}
        <Tag color="gold">{t('diffView.changed')}</Tag>
        <Tag color="green">{t('diffView.added')}</Tag>
        <Tag color="red">{t('diffView.removed')}</Tag>
      </Space>
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={shown}
        onRow={(r) => ({ style: { background: BG[r.change] } })}
        columns={[
          {
            title: t('diffView.field'),
            dataIndex: 'key',
            width: '24%',
            render: (k: string, r) => (
              <Typography.Text strong={r.change !== 'same'} style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 }}>
                {k}
              </Typography.Text>
            ),
          },
          { title: t('diffView.before'), dataIndex: 'before', width: '38%', render: (v, r) => <Value value={v} present={r.change !== 'added'} /> },
          { title: t('diffView.after'), dataIndex: 'after', width: '38%', render: (v, r) => <Value value={v} present={r.change !== 'removed'} /> },
        ]}
      />
    </div>
  );
}
