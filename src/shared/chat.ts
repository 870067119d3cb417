import { z } from 'zod';
import { normalizeCnPhone } from './phone.js';
import type { TicketStatus } from './tickets.js';

/**
 * §5.2 the chat widget: an anonymous visitor on the enterprise's website opens a chat (a ticket
 * on channel 'chat') and holds a token, sent back in the `X-Kefu-Chat` header, for that one
 * conversation. Custom checks carry a message code (`chat_*`) shown in the reader's language.
 */

export const CHAT_TOKEN_HEADER = 'x-kefu-chat';

export const CHAT_MESSAGES = {
  phoneInvalid: 'chat_phone_invalid',
  contactRequired: 'chat_contact_required',
} as const;

export const CHAT_TEXT_MAX = 5000;

/** '' (an empty form field) means not given. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
const phone = z
  .string()
  .trim()
  .max(40)
  .refine((v) => normalizeCnPhone(v) !== null, { message: CHAT_MESSAGES.phoneInvalid })
  .transform((v) => normalizeCnPhone(v)!.value);
const text = z.string().trim().min(1).max(CHAT_TEXT_MAX);

/** Opening a chat: who the visitor is, one way to reach them, and what they ask. */
export const chatStart = z
  .strictObject({
    name: z.string().trim().min(1).max(50),
    email: z.preprocess(blankToUndefined, email.optional()),
    phone: z.preprocess(blankToUndefined, phone.optional()),
    text,
  })
  .superRefine((b, ctx) => {
    // an answer must still reach the visitor once the window is closed
    if (!b.email && !b.phone) {
      for (const path of ['email', 'phone']) ctx.addIssue({ code: 'custom', path: [path], message: CHAT_MESSAGES.contactRequired });
    }
  });
export type ChatStart = z.output<typeof chatStart>;

export const chatMessageBody = z.strictObject({ text });
export type ChatMessageBody = z.output<typeof chatMessageBody>;

export const chatPollQuery = z.strictObject({ after: z.uuid().optional() });
export type ChatPollQuery = z.output<typeof chatPollQuery>;

/** One line of the public conversation: the visitor's messages and the agents' replies, never notes. */
export type ChatMessage = {
  id: string;
  from: 'visitor' | 'agent';
  authorName: string;
  text: string;
  createdAt: string;
};

/** What the widget polls: the messages after the one it has, and whether the chat can go on. */
export type ChatConversation = {
  ticketNumber: string;
  status: TicketStatus;
  /** Closed (or merged into another ticket): no more messages; the visitor starts a new chat. */
  closed: boolean;
  messages: ChatMessage[];
};

/** The answer to opening a chat: the token (shown once) and the conversation so far. */
export type ChatSession = ChatConversation & { token: string; expiresAt: string };
