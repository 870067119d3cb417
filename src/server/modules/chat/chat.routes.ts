import type { FastifyInstance, FastifyRequest } from 'fastify';
import { defineRoute } from '../../platform/http/route.js';
import { CHAT_TOKEN_HEADER, type ChatConversation, type ChatMessage, chatMessageBody, chatPollQuery, type ChatSession, chatStart } from '../../../shared/chat.js';
import { withRetryAfter } from '../auth/auth.guard.js';
import { resolveChatSession } from './chat-session.js';
import { postChatMessage, readConversation, startChat } from './chat.service.js';

const tokenOf = (req: FastifyRequest) => {
  const v = req.headers[CHAT_TOKEN_HEADER];
  return typeof v === 'string' ? v.trim() : undefined;
};

/** §5.2 the chat widget: no sign-in; the visitor's token in the `X-Kefu-Chat` header names the chat. */
export function registerChatRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/public/chat/sessions',
    summary: 'Start a chat from the website widget (no sign-in): opens a ticket and answers the chat token',
    tags: ['chat'],
    auth: 'public',
    body: chatStart,
    status: 201,
    handler: ({ req, reply, kefu, body }): Promise<ChatSession> => withRetryAfter(reply, () => startChat(kefu, body, { ip: req.ip, locale: req.locale })),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/public/chat/messages',
    summary: 'The public conversation of the chat named by X-Kefu-Chat, after a given message, and the ticket status',
    tags: ['chat'],
    auth: 'public',
    query: chatPollQuery,
    handler: async ({ req, kefu, query }): Promise<ChatConversation> => {
      const session = await resolveChatSession(kefu.db, tokenOf(req));
      return readConversation(kefu.db, session, query.after, req.locale);
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/public/chat/messages',
    summary: 'The visitor writes in the chat named by X-Kefu-Chat (409 once the ticket is closed)',
    tags: ['chat'],
    auth: 'public',
    body: chatMessageBody,
    status: 201,
    handler: async ({ req, reply, kefu, body }): Promise<ChatMessage> => {
      const session = await resolveChatSession(kefu.db, tokenOf(req));
      return withRetryAfter(reply, () => postChatMessage(kefu, session, body.text, { ip: req.ip, locale: req.locale }));
    },
  });
}
