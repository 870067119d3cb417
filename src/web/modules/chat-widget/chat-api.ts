import { type QueryClient, useQuery } from '@tanstack/react-query';
import { CHAT_TOKEN_HEADER, type ChatConversation, type ChatMessage, type ChatSession } from '../../../shared/chat';
import { api, ApiError } from '../../ui/api';

/**
 * The visitor's chat token lives in sessionStorage: a reload continues the chat, a new tab
 * starts afresh. Inside a cross-site iframe the browser may refuse storage; the chat then
 * lasts as long as the page.
 */
const TOKEN_KEY = 'kefu.chat.token';
let memoryToken: string | null = null;

export function loadToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return memoryToken;
  }
}

export function saveToken(token: string | null): void {
  memoryToken = token;
  try {
    if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
    else window.sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage refused: the in-memory copy is used */
  }
}

export const chatKey = (token: string) => ['chat-widget', token] as const;
const headers = (token: string) => ({ [CHAT_TOKEN_HEADER]: token });

export type StartValues = { name: string; email?: string; phone?: string; text: string };

export const startChat = (body: StartValues) => api<ChatSession>('/public/chat/sessions', { body });

export const sendChatMessage = (token: string, text: string) => api<ChatMessage>('/public/chat/messages', { body: { text }, headers: headers(token) });

/** Messages by id, in order: what the widget holds plus what arrived, each once. */
export function mergeMessages(held: ChatMessage[], arrived: ChatMessage[]): ChatMessage[] {
  if (arrived.length === 0) return held;
  const seen = new Set(held.map((m) => m.id));
  const out = [...held, ...arrived.filter((m) => !seen.has(m.id))];
  return out.sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
}

export function addSentMessage(qc: QueryClient, token: string, message: ChatMessage): void {
  qc.setQueryData<ChatConversation>(chatKey(token), (prev) => (prev ? { ...prev, messages: mergeMessages(prev.messages, [message]) } : prev));
}

export const POLL_MS = 3000;

/**
 * The conversation, polled every 3 s while the tab is visible: each poll asks only for what
 * is newer than the last message held and merges it in.
 */
export function useConversation(qc: QueryClient, token: string) {
  return useQuery({
    queryKey: chatKey(token),
    queryFn: async (): Promise<ChatConversation> => {
      const held = qc.getQueryData<ChatConversation>(chatKey(token));
      const after = held?.messages.at(-1)?.id;
      const fresh = await api<ChatConversation>('/public/chat/messages', { query: { after }, headers: headers(token) });
      return { ...fresh, messages: mergeMessages(held?.messages ?? [], fresh.messages) };
    },
    refetchInterval: (q) => (q.state.data?.closed || isSessionGone(q.state.error) ? false : POLL_MS),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    retry: (count, err) => !isSessionGone(err) && count < 2,
  });
}

/** The token is unknown or expired: only a new chat helps. */
export const isSessionGone = (err: unknown) => err instanceof ApiError && err.status === 401;
