import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { defineRoute } from '../../platform/http/route.js';
import { hasMessage, type Locale, t } from '../../platform/i18n.js';
import { CHAT_TOKEN_HEADER, type ChatConversation, type ChatMessage, chatMessageBody, chatPollQuery, type ChatSession, chatStart } from '../../../shared/chat.js';
import { withRetryAfter } from '../auth/auth.guard.js';
import { resolveChatSession } from './chat-session.js';
import { postChatMessage, readConversation, startChat } from './chat.service.js';

type Issue = { path: (string | number)[]; code: string; message: string };

/** The widget's own checks (phone, a way to reach the visitor) carry a `chat_*` code: shown in the reader's language. */
function localizeIssues(err: unknown, locale: Locale): unknown {
  if (!(err instanceof AppError) || err.code !== 'validation' || !Array.isArray(err.details)) return err;
  const details = (err.details as Issue[]).map((i) =>
    i.code === 'custom' && /^chat_\w+$/.test(i.message) && hasMessage(`errors.${i.message}`) ? { ...i, message: t(locale, `errors.${i.message}`) } : i,
  );
  return new AppError(err.code, err.status, details, err.explicitMessage);
}

const tokenOf = (req: FastifyRequest) => {
  const v = req.headers[CHAT_TOKEN_HEADER];
  return typeof v === 'string' ? v.trim() : undefined;
};

/** §5.2 the chat widget: no sign-in; the visitor's token in the `X-Kefu-Chat` header names the chat. */
export async function registerChatRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    // Rethrown errors go on to the application's error handler, which shapes every answer.
    scope.setErrorHandler((err, req) => {
      throw localizeIssues(err, req.locale ?? 'zh-CN');
    });
    defineRoute(scope, {
      method: 'POST',
      url: '/api/v1/public/chat/sessions',
      summary: 'Start a chat from the website widget (no sign-in): opens a ticket and answers the chat token',
      tags: ['chat'],
      auth: 'public',
      body: chatStart,
      status: 201,
      handler: ({ req, reply, kefu, body }): Promise<ChatSession> => withRetryAfter(reply, () => startChat(kefu, body, { ip: req.ip, locale: req.locale })),
    });
    defineRoute(scope, {
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
    defineRoute(scope, {
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
  });
}
