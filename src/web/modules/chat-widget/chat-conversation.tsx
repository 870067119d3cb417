import { SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Input, Spin, Typography } from 'antd';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_TEXT_MAX, type ChatMessage } from '../../../shared/chat';
import { ApiError } from '../../ui/api';
import { addSentMessage, chatKey, isSessionGone, sendChatMessage, useConversation } from './chat-api';

const BLUE = '#1677ff';
const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function Bubble({ m }: { m: ChatMessage }) {
  const mine = m.from === 'visitor';
  return (
    <div style={{ display: 'flex', flexDirection: mine ? 'row-reverse' : 'row', alignItems: 'flex-start', gap: 8, marginBottom: 12 }} data-testid={`chat-message-${m.from}`}>
      {!mine && (
        <span style={{ width: 28, height: 28, borderRadius: '50%', background: '#e6f4ff', color: BLUE, display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 13, fontWeight: 600, flex: 'none' }}>
          {[...m.authorName][0] ?? '?'}
        </span>
      )}
      <div style={{ maxWidth: '76%', display: 'flex', flexDirection: 'column', alignItems: mine ? 'flex-end' : 'flex-start' }}>
        <Typography.Text type="secondary" style={{ fontSize: 11, marginBottom: 2 }}>
          {mine ? time(m.createdAt) : `${m.authorName} · ${time(m.createdAt)}`}
        </Typography.Text>
        <div
          style={{
            padding: '7px 11px',
            borderRadius: 12,
            borderTopRightRadius: mine ? 4 : 12,
            borderTopLeftRadius: mine ? 12 : 4,
            background: mine ? BLUE : '#fff',
            color: mine ? '#fff' : 'rgba(0,0,0,0.88)',
            border: mine ? 'none' : '1px solid #eceef1',
            whiteSpace: 'pre-wrap',
            overflowWrap: 'anywhere',
            fontSize: 14,
            lineHeight: 1.5,
          }}
        >
          {m.text}
        </div>
      </div>
    </div>
  );
}

/** The chat itself: bubbles (the visitor right, agents left), a composer, and the end of a closed chat. */
export function ChatConversationView({ token, onNumber, onGone, onNewChat }: { token: string; onNumber: (n: string) => void; onGone: () => void; onNewChat: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const conversation = useConversation(qc, token);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const data = conversation.data;
  const count = data?.messages.length ?? 0;
  const gone = isSessionGone(conversation.error);

  useEffect(() => {
    if (data?.ticketNumber) onNumber(data.ticketNumber);
  }, [data?.ticketNumber, onNumber]);
  useEffect(() => {
    if (gone) onGone();
  }, [gone, onGone]);
  // the newest message in view
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count, data?.closed]);

  const send = async () => {
    const text = draft.trim();
    if (!text || sending) return;
    setSending(true);
    try {
      const sent = await sendChatMessage(token, text);
      addSentMessage(qc, token, sent);
      setDraft('');
    } catch (err) {
      if (isSessionGone(err)) return onGone();
      // a chat closed meanwhile: the next poll shows the end
      if (err instanceof ApiError && err.status === 409) void qc.invalidateQueries({ queryKey: chatKey(token) });
      message.error(err instanceof ApiError ? err.message : t('chatWidget.sendError'));
    } finally {
      setSending(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter is a new line; Enter that confirms an input-method candidate is neither
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  if (!data) {
    return (
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f7f8fa' }}>
        {conversation.isError && !gone ? <Alert type="warning" showIcon title={t('chatWidget.loadError')} /> : <Spin />}
      </div>
    );
  }
  const onlyMine = data.messages.every((m) => m.from === 'visitor');

  return (
    <>
      <div ref={listRef} style={{ flex: 1, overflowY: 'auto', padding: '14px 12px 4px', background: '#f7f8fa' }} data-testid="chat-messages">
        {data.messages.map((m) => (
          <Bubble key={m.id} m={m} />
        ))}
        {onlyMine && !data.closed && (
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12, margin: '4px 0 12px' }} data-testid="chat-waiting">
            {t('chatWidget.waiting')}
          </Typography.Paragraph>
        )}
        {conversation.isError && !gone && <Alert type="warning" showIcon title={t('chatWidget.loadError')} style={{ marginBottom: 12 }} />}
      </div>
      {data.closed ? (
        <div style={{ flex: 'none', padding: '12px 16px 14px', borderTop: '1px solid #f0f0f0', textAlign: 'center' }} data-testid="chat-closed">
          <Typography.Text strong style={{ display: 'block' }}>
            {t('chatWidget.closedTitle')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, margin: '2px 0 10px' }}>
            {t('chatWidget.closedHint')}
          </Typography.Text>
          <Button type="primary" onClick={onNewChat} data-testid="chat-new">
            {t('chatWidget.newChat')}
          </Button>
        </div>
      ) : (
        <div style={{ flex: 'none', display: 'flex', alignItems: 'flex-end', gap: 8, padding: '10px 12px', borderTop: '1px solid #f0f0f0', background: '#fff' }}>
          <Input.TextArea
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder={t('chatWidget.inputPlaceholder')}
            aria-label={t('chatWidget.inputPlaceholder')}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={CHAT_TEXT_MAX}
            variant="borderless"
            style={{ flex: 1, background: '#f5f6f8', borderRadius: 8, fontSize: 14 }}
            data-testid="chat-input"
          />
          <Button type="primary" shape="circle" icon={<SendOutlined />} onClick={() => void send()} loading={sending} disabled={!draft.trim()} aria-label={t('chatWidget.send')} title={t('chatWidget.send')} data-testid="chat-send" />
        </div>
      )}
    </>
  );
}
