import { MergeCellsOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../ui/format';
import type { DuplicateGroup, DuplicateMember, DuplicateReason } from './duplicate-types';
import { useCustomerLabels } from './merge-labels';

export const REASON_COLORS: Record<DuplicateReason, string> = {
  id_number: 'red',
  credit_code: 'volcano',
  phone: 'orange',
  email: 'gold',
  name: 'blue',
  name_similar: 'geekblue',
};

type Props = {
  group: DuplicateGroup;
  onMerge: (pair: [DuplicateMember, DuplicateMember]) => void;
  onNotDuplicate: (pair: [DuplicateMember, DuplicateMember]) => Promise<void>;
};

const MATCH = { fontWeight: 600, color: '#d4380d' } as const;

function Line({ label, children, strong }: { label: string; children: React.ReactNode; strong?: boolean }) {
  return (
    <div style={{ display: 'flex', gap: 8, lineHeight: '22px' }}>
      <Typography.Text type="secondary" style={{ width: 72, flex: 'none', fontSize: 13 }}>
        {label}
      </Typography.Text>
      <span style={{ minWidth: 0, wordBreak: 'break-all', ...(strong ? MATCH : {}) }}>{children}</span>
    </div>
  );
}

/**
 * One group of possible duplicates: its members side by side with the values that matched
 * highlighted. In groups of more than two, two members are ticked for 合并 / 不是重复.
 */
export function DuplicateGroupCard({ group, onMerge, onNotDuplicate }: Props) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const [picked, setPicked] = useState<string[]>(() => group.members.slice(0, 2).map((m) => m.id));
  const many = group.members.length > 2;
  const pair = group.members.filter((m) => picked.includes(m.id));
  const ready = pair.length === 2;
  const has = (r: DuplicateReason) => group.reasons.includes(r);
  // The numbers every member has (as presented: a masked number masks the same way each time).
  const sharedPhones = new Set(has('phone') ? group.members[0].phones.filter((p): p is string => !!p && group.members.every((m) => m.phones.includes(p))) : []);

  const toggle = (id: string, on: boolean) =>
    setPicked((p) => {
      if (!on) return p.filter((x) => x !== id);
      // ticking a third one drops the earliest ticked
      return [...p, id].slice(-2);
    });

  const member = (m: DuplicateMember) => (
    <div
      key={m.id}
      style={{
        flex: '1 1 260px',
        maxWidth: many ? 340 : undefined,
        border: '1px solid',
        borderColor: picked.includes(m.id) && many ? '#91caff' : '#f0f0f0',
        borderRadius: 8,
        padding: 12,
        background: picked.includes(m.id) && many ? '#f5faff' : '#fafafa',
      }}
      data-testid="duplicate-member"
    >
      <Space style={{ marginBottom: 6 }} wrap>
        {many && <Checkbox checked={picked.includes(m.id)} onChange={(e) => toggle(m.id, e.target.checked)} aria-label={m.name} />}
        <Link to={`/customers/${m.id}`} style={{ fontWeight: 600, fontSize: 15, color: has('name') || has('name_similar') ? '#d4380d' : undefined }}>
          {m.name}
        </Link>
        <Tag>{labels.value('kind', m.kind)}</Tag>
        <Tag color="default">{labels.value('lifecycleStatus', m.lifecycleStatus)}</Tag>
      </Space>
      <Line label={t('customerData.duplicates.phone')}>
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>
          {m.phones.filter(Boolean).length === 0
            ? '—'
            : m.phones.filter(Boolean).map((p, i) => (
                <span key={i}>
                  {i > 0 && '、'}
                  <span style={sharedPhones.has(p!) ? MATCH : undefined}>{p}</span>
                </span>
              ))}
        </span>
      </Line>
      {(m.email || has('email')) && (
        <Line label={t('customerData.duplicates.email')} strong={has('email')}>
          {m.email ?? '—'}
        </Line>
      )}
      {(m.kind === 'organization' || m.creditCode) && (
        <Line label={t('customerData.duplicates.creditCode')} strong={has('credit_code')}>
          {m.creditCode ?? '—'}
        </Line>
      )}
      <Line label={t('customerData.duplicates.owner')}>{m.ownerName ?? <Typography.Text type="secondary">{t('customerData.duplicates.noOwner')}</Typography.Text>}</Line>
      <Line label={t('customerData.duplicates.created')}>{formatDate(m.createdAt)}</Line>
    </div>
  );

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="duplicate-group"
      title={
        <Space wrap size={[4, 4]} style={{ padding: '4px 0' }}>
          {group.reasons.map((r) => (
            <Tag key={r} color={REASON_COLORS[r]} style={{ fontWeight: r === group.reason ? 600 : undefined }}>
              {labels.reason(r)}
            </Tag>
          ))}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {group.memberCount > group.members.length
              ? t('customerData.duplicates.countMore', { count: group.memberCount, shown: group.members.length })
              : t('customerData.duplicates.count', { count: group.memberCount })}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space>
          {many && <Typography.Text type="secondary">{t('customerData.duplicates.pickTwo')}</Typography.Text>}
          <Popconfirm
            title={t('customerData.duplicates.notDuplicateConfirm', { a: pair[0]?.name, b: pair[1]?.name })}
            description={t('customerData.duplicates.notDuplicateHint')}
            okText={t('customerData.duplicates.notDuplicate')}
            disabled={!ready}
            onConfirm={() => (ready ? onNotDuplicate([pair[0], pair[1]]) : undefined)}
          >
            <Button icon={<StopOutlined />} disabled={!ready} data-testid="duplicate-not">
              {t('customerData.duplicates.notDuplicate')}
            </Button>
          </Popconfirm>
          <Tooltip title={ready ? undefined : t('customerData.duplicates.pickTwo')}>
            <Button type="primary" icon={<MergeCellsOutlined />} disabled={!ready} onClick={() => onMerge([pair[0], pair[1]])} data-testid="duplicate-merge">
              {t('customerData.duplicates.merge')}
            </Button>
          </Tooltip>
        </Space>
      }
    >
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>{group.members.map(member)}</div>
    </Card>
  );
}
