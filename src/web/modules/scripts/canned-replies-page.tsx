import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popconfirm, Segmented, Space, Switch, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api } from '../../ui/api';
import { CursorTable } from '../../ui/cursor-table';
import { formatDateTime } from '../../ui/format';
import { PageCard } from '../../ui/page-card';
import { useCursorList } from '../../ui/use-cursor-list';
import { CannedReplyForm } from './canned-reply-form';
import type { CannedReply, ReplyKind } from './scripts-types';

type OwnerFilter = 'all' | 'shared' | 'mine';

function ReplyList({ kind }: { kind: ReplyKind }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can, me } = useAuth();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [owner, setOwner] = useState<OwnerFilter>('all');
  const [editing, setEditing] = useState<CannedReply | 'new' | null>(null);
  const list = useCursorList<CannedReply>('canned-replies', '/canned-replies', { kind, q: q || undefined, owner: owner === 'all' ? undefined : owner });
  const manage = can('scripts.manage');
  const mayEdit = (r: CannedReply) => (r.shared ? manage : r.ownerId === me?.id);
  const reload = () => qc.invalidateQueries({ queryKey: ['canned-replies'] });

  const remove = async (r: CannedReply) => {
    try {
      await api(`/canned-replies/${r.id}`, { method: 'DELETE', ifMatch: r.version });
      message.success(t('common.deleted'));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
    await reload();
  };
  const toggle = async (r: CannedReply, active: boolean) => {
    try {
      await api(`/canned-replies/${r.id}`, { method: 'PATCH', body: { active }, ifMatch: r.version });
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
    await reload();
  };

  return (
    <>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space wrap>
          <Input.Search allowClear placeholder={t('scripts.searchPlaceholder')} onSearch={setQ} style={{ width: 280 }} data-testid="replies-search" />
          <Segmented<OwnerFilter> value={owner} onChange={setOwner} options={(['all', 'shared', 'mine'] as const).map((o) => ({ value: o, label: t(`scripts.filterOwner.${o}`) }))} />
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="reply-create">
          {t('scripts.create')}
        </Button>
      </Space>
      <CursorTable<CannedReply>
        rowKey="id"
        list={list}
        emptyText={t('scripts.empty')}
        data-testid="replies-table"
        columns={[
          {
            title: t('scripts.title'),
            dataIndex: 'title',
            width: 220,
            render: (title: string, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{title}</Typography.Text>
                {r.category && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.category}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('scripts.body'), dataIndex: 'body', render: (b: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: b }} style={{ marginBottom: 0, whiteSpace: 'pre-line' }}>{b}</Typography.Paragraph> },
          {
            title: t('scripts.ticketTypes'),
            dataIndex: 'ticketTypes',
            width: 150,
            render: (types: string[]) => (types.length === 0 ? <Typography.Text type="secondary">{t('common.all')}</Typography.Text> : types.map((ty) => <Tag key={ty}>{t(`scripts.ticketType.${ty}`)}</Tag>)),
          },
          { title: t('scripts.owner'), dataIndex: 'shared', width: 80, render: (s: boolean) => <Tag color={s ? 'blue' : 'default'}>{s ? t('scripts.shared') : t('scripts.personal')}</Tag> },
          { title: t('scripts.usage'), dataIndex: 'usageCount', width: 90, align: 'right' },
          { title: t('scripts.active'), dataIndex: 'active', width: 70, render: (a: boolean, r) => <Switch size="small" checked={a} disabled={!mayEdit(r)} onChange={(v) => void toggle(r, v)} /> },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 165, render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 96,
            render: (_: unknown, r) =>
              mayEdit(r) && (
                <Space size={0}>
                  <Tooltip title={t('common.edit')}>
                    <Button type="link" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(r)} />
                  </Tooltip>
                  <Popconfirm title={t('scripts.deleteConfirm', { title: r.title })} okButtonProps={{ danger: true }} onConfirm={() => remove(r)}>
                    <Button type="link" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <CannedReplyForm
        open={editing !== null}
        reply={editing === 'new' ? null : editing}
        kind={kind}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void reload();
        }}
      />
    </>
  );
}

/** 话术库: canned replies and call scripts, shared and personal. */
export default function CannedRepliesPage() {
  const { t } = useTranslation();
  return (
    <PageCard title={t('scripts.navReplies')} description={t('scripts.repliesDescription')}>
      <Tabs destroyOnHidden items={(['reply', 'script'] as const).map((k) => ({ key: k, label: t(`scripts.tabs.${k}`), children: <ReplyList kind={k} /> }))} />
    </PageCard>
  );
}
