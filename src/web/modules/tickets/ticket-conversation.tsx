import { LockOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Avatar, Button, Checkbox, Empty, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TicketMessage } from '../../../shared/tickets';
import { api, type Page } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import { describeSystemLine } from './system-line';
import { ticketKeys } from './ticket-types';

const PAGE = 50;

const STYLE: Record<'customer' | 'reply' | 'note', { background: string; border: string }> = {
  customer: { background: '#ffffff', border: '#d9d9d9' },
  reply: { background: '#f0f7ff', border: '#bae0ff' },
  note: { background: '#fffbe6', border: '#ffe58f' },
};

const sizeOf = (n: number) => (n < 1024 ? `${n} B` : n < 1_048_576 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1_048_576).toFixed(1)} MB`);

function Attachments({ files }: { files: TicketMessage['attachments'] }) {
  if (files.length === 0) return null;
  return (
    <Space wrap size={[8, 4]} style={{ marginTop: 6 }}>
      {files.map((f) => (
        <a key={f.id} href={`/api/v1/files/${f.id}/content`} download={f.filename} data-testid="ticket-attachment">
          <PaperClipOutlined /> {f.filename} <Typography.Text type="secondary" style={{ fontSize: 12 }}>({sizeOf(f.size)})</Typography.Text>
        </a>
      ))}
    </Space>
  );
}

function SystemLine({ m, numberLinks }: { m: TicketMessage; numberLinks: Map<string, string> }) {
  const { t } = useTranslation();
  const line = describeSystemLine(m.bodyText, m.attachments.length > 0);
  let text: string;
  let target: string | undefined;
  if (line.key === null) text = line.text;
  else {
    const values = { ...line.values, strategy: line.values.strategy ? t(`tickets.strategy.${line.values.strategy}`, { defaultValue: line.values.strategy }) : '' };
    text = t(`tickets.${line.key}`, values);
    target = line.ticketNumber ? numberLinks.get(line.ticketNumber) : undefined;
  }
  return (
    <div style={{ textAlign: 'center', margin: '10px 0' }} data-testid="ticket-message-system">
      <Typography.Text type="secondary" style={{ fontSize: 12, background: '#f5f5f5', padding: '2px 10px', borderRadius: 10 }}>
        {text}
        {target && (
          <>
            {' '}
            <Link to={`/tickets/${target}`}>{t('tickets.detail.open')}</Link>
          </>
        )}
        {m.author.name ? ` · ${m.author.name}` : ''} · {formatDateTime(m.createdAt).slice(5, 16)}
      </Typography.Text>
      <Attachments files={m.attachments} />
    </div>
  );
}

function Bubble({ m, customerName }: { m: TicketMessage; customerName: string | null }) {
  const { t } = useTranslation();
  const kind = m.kind === 'customer' ? 'customer' : m.kind === 'note' ? 'note' : 'reply';
  const who = m.kind === 'customer' ? (m.author.name ?? customerName ?? t('tickets.detail.customer')) : (m.author.name ?? t('tickets.detail.agent'));
  const mine = kind !== 'customer';
  return (
    <Flex gap={10} justify={mine ? 'flex-end' : 'flex-start'} style={{ margin: '12px 0' }} data-testid={`ticket-message-${kind}`}>
      {!mine && <Avatar style={{ background: '#87d068', flex: 'none' }}>{who.slice(0, 1)}</Avatar>}
      <div style={{ maxWidth: '82%', minWidth: 240, background: STYLE[kind].background, border: `1px solid ${STYLE[kind].border}`, borderRadius: 8, padding: '8px 12px' }}>
        <Flex justify="space-between" gap={12} style={{ marginBottom: 4 }}>
          <Space size={6}>
            <Typography.Text strong>{who}</Typography.Text>
            {kind === 'note' && (
              <Tag color="gold" icon={<LockOutlined />} style={{ marginInlineEnd: 0 }}>
                {t('tickets.detail.noteTag')}
              </Tag>
            )}
            {kind === 'reply' && <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t('tickets.detail.replyTag')}</Tag>}
            {m.delivery === 'failed' && <Tag color="red">{t('tickets.detail.deliveryFailed')}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {formatDateTime(m.createdAt).slice(0, 16)}
          </Typography.Text>
        </Flex>
        <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{m.bodyText}</div>
        {m.cc.length > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tickets.detail.ccLine', { list: m.cc.join(', ') })}
          </Typography.Text>
        )}
        <Attachments files={m.attachments} />
      </div>
      {mine && <Avatar style={{ background: kind === 'note' ? '#faad14' : '#1677ff', flex: 'none' }}>{who.slice(0, 1)}</Avatar>}
    </Flex>
  );
}

type Props = {
  ticketId: string;
  customerName: string | null;
  /** Ticket numbers this one links to, for the links in merge and split lines. */
  numberLinks: Map<string, string>;
  /** While splitting: the chosen message ids. */
  selecting?: { ids: string[]; onChange: (ids: string[]) => void } | null;
};

/** The conversation, oldest first: the customer's messages, replies, yellow internal notes and small system lines. */
export function TicketConversation({ ticketId, customerName, numberLinks, selecting }: Props) {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: ticketKeys.messages(ticketId),
    queryFn: ({ pageParam }) => api<Page<TicketMessage>>(`/tickets/${ticketId}/messages`, { query: { cursor: pageParam, limit: PAGE } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (query.isLoading) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (query.isError) return <Alert type="error" showIcon title={query.error instanceof Error ? query.error.message : String(query.error)} />;
  const messages = query.data?.pages.flatMap((p) => p.items) ?? [];
  if (messages.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.detail.noMessages')} />;
  return (
    <div data-testid="ticket-conversation">
      {messages.map((m) => {
        const body = m.kind === 'system' ? <SystemLine m={m} numberLinks={numberLinks} /> : <Bubble m={m} customerName={customerName} />;
        if (!selecting || m.kind === 'system') return <div key={m.id}>{body}</div>;
        return (
          <Flex key={m.id} gap={8} align="center">
            <Checkbox
              checked={selecting.ids.includes(m.id)}
              onChange={(e) => selecting.onChange(e.target.checked ? [...selecting.ids, m.id] : selecting.ids.filter((x) => x !== m.id))}
              data-testid="ticket-split-pick"
            />
            <div style={{ flex: 1, minWidth: 0 }}>{body}</div>
          </Flex>
        );
      })}
      {query.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 8 }}>
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="ticket-messages-more">
            {t('tickets.detail.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}
