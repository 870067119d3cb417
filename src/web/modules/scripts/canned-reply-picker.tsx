import { MessageOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Empty, Input, List, Popover, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../ui/api';
import type { CannedReply, RenderedReply } from './scripts-types';

const LIMIT = 20;

function PickerPanel({ ticketId, onPick }: { ticketId?: string; onPick: (text: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const list = useQuery({ queryKey: ['canned-replies', 'picker', q], queryFn: () => api<Page<CannedReply>>('/canned-replies', { query: { q, active: 'true', limit: LIMIT } }) });

  const pick = async (reply: CannedReply) => {
    setBusy(reply.id);
    try {
      const res = await api<RenderedReply>(`/canned-replies/${reply.id}/render`, { body: ticketId ? { ticketId } : {} });
      if (res.missing.length > 0) message.warning(t('scripts.picker.missing', { names: res.missing.map((n) => t(`scripts.variable.${n}`)).join('、') }));
      onPick(res.text);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  const items = list.data?.items ?? [];
  return (
    <div style={{ width: 340 }} data-testid="canned-reply-picker">
      <Input.Search allowClear placeholder={t('scripts.picker.placeholder')} value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
      <div style={{ maxHeight: 320, overflowY: 'auto', marginTop: 8 }}>
        {list.isLoading ? (
          <Spin style={{ display: 'block', margin: '24px auto' }} />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('scripts.picker.empty')} />
        ) : (
          <List
            size="small"
            dataSource={items}
            renderItem={(r) => (
              <List.Item
                style={{ cursor: 'pointer' }}
                onClick={() => void pick(r)}
                extra={busy === r.id ? <Spin size="small" /> : null}
                data-testid={`picker-item-${r.id}`}
              >
                <List.Item.Meta
                  title={
                    <span>
                      {r.title} <Tag>{t(`scripts.kinds.${r.kind}`)}</Tag>
                    </span>
                  }
                  description={<Typography.Text type="secondary" ellipsis style={{ maxWidth: 300 }}>{r.body}</Typography.Text>}
                />
              </List.Item>
            )}
          />
        )}
      </div>
    </div>
  );
}

/**
 * A button that opens a searchable list of the agent's canned replies and scripts; picking one
 * renders it on the server with the ticket's values and hands the text to `onInsert`.
 */
export function CannedReplyPicker({ ticketId, onInsert }: { ticketId?: string; onInsert: (text: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="topLeft"
      destroyOnHidden
      content={
        <PickerPanel
          ticketId={ticketId}
          onPick={(text) => {
            setOpen(false);
            onInsert(text);
          }}
        />
      }
    >
      <Button icon={<MessageOutlined />} data-testid="canned-reply-picker-button">
        {t('scripts.picker.button')}
      </Button>
    </Popover>
  );
}
