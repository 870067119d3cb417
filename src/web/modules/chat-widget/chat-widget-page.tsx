import { CustomerServiceFilled } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatSession } from '../../../shared/chat';
import i18n from '../../i18n/i18n';
import { chatKey, loadToken, saveToken } from './chat-api';
import { ChatConversationView } from './chat-conversation';
import { ChatStartForm } from './chat-start-form';

// The language comes from the page that embeds the widget (?lang=zh-CN|en), not from a stored choice.
const requested = new URLSearchParams(window.location.search).get('lang');
void i18n.changeLanguage(requested === 'en' ? 'en' : 'zh-CN');

const WIDGET_BLUE = '#1677ff';

/**
 * §5.2 the chat widget at /chat, made to live in a 360×520 iframe on the enterprise's website:
 * a start form, then the conversation with the agents, polled every few seconds.
 */
export default function ChatWidgetPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [token, setToken] = useState<string | null>(() => loadToken());
  const [ticketNumber, setTicketNumber] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const started = (session: ChatSession) => {
    const { token: secret, expiresAt: _expiresAt, ...conversation } = session;
    qc.setQueryData(chatKey(secret), conversation);
    saveToken(secret);
    setNotice(null);
    setTicketNumber(session.ticketNumber);
    setToken(secret);
  };
  const reset = useCallback((why: string | null) => {
    if (token) qc.removeQueries({ queryKey: chatKey(token) });
    saveToken(null);
    setTicketNumber(null);
    setNotice(why);
    setToken(null);
  }, [qc, token]);

  const onGone = useCallback(() => reset(t('chatWidget.expired')), [reset, t]);
  const onNewChat = useCallback(() => reset(null), [reset]);

  return (
    <div style={{ position: 'fixed', inset: 0, display: 'flex', flexDirection: 'column', background: '#fff', overflow: 'hidden' }} data-testid="chat-widget">
      <header style={{ flex: 'none', display: 'flex', alignItems: 'center', gap: 10, padding: '12px 16px', background: WIDGET_BLUE, color: '#fff' }}>
        <span style={{ width: 34, height: 34, borderRadius: '50%', background: 'rgba(255,255,255,0.2)', display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 18, flex: 'none' }}>
          <CustomerServiceFilled />
        </span>
        <div style={{ minWidth: 0, lineHeight: 1.35 }}>
          <Typography.Text strong style={{ color: '#fff', fontSize: 15, display: 'block' }}>
            {t('chatWidget.title')}
          </Typography.Text>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', fontSize: 12 }} data-testid="chat-subtitle">
            {token && ticketNumber ? t('chatWidget.ticket', { number: ticketNumber }) : t('chatWidget.subtitle')}
          </Typography.Text>
        </div>
      </header>
      {token ? (
        <ChatConversationView key={token} token={token} onNumber={setTicketNumber} onGone={onGone} onNewChat={onNewChat} />
      ) : (
        <ChatStartForm notice={notice} onStarted={started} />
      )}
    </div>
  );
}
