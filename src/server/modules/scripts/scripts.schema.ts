import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { TICKET_TYPES } from '../../../shared/tickets.js';

/** Wire contract of /api/v1/canned-replies, /api/v1/forbidden-phrases and /api/v1/text-check. */
export const REPLY_KINDS = ['reply', 'script'] as const;
export const PHRASE_SEVERITIES = ['warn', 'block'] as const;

const ticketTypes = z
  .array(z.enum(TICKET_TYPES))
  .max(TICKET_TYPES.length)
  .transform((l) => [...new Set(l)]);

export const replyCreateBody = z.strictObject({
  kind: z.enum(REPLY_KINDS).default('reply'),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(10_000),
  category: z.string().trim().max(50).default(''),
  ticketTypes: ticketTypes.default([]),
  /** true: everyone's (needs scripts.manage); false: the caller's own. */
  shared: z.boolean().default(false),
  active: z.boolean().default(true),
});
export type ReplyCreate = z.infer<typeof replyCreateBody>;

export const replyUpdateBody = z.strictObject({
  kind: z.enum(REPLY_KINDS).optional(),
  title: z.string().trim().min(1).max(100).optional(),
  body: z.string().trim().min(1).max(10_000).optional(),
  category: z.string().trim().max(50).optional(),
  ticketTypes: ticketTypes.optional(),
  active: z.boolean().optional(),
});
export type ReplyUpdate = z.infer<typeof replyUpdateBody>;

export const replyListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(REPLY_KINDS).optional(),
  category: z.string().trim().max(50).optional(),
  ticketType: z.enum(TICKET_TYPES).optional(),
  owner: z.enum(['shared', 'mine']).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageQuery,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ReplyListQuery = z.infer<typeof replyListQuery>;

export const renderBody = z.strictObject({ ticketId: z.uuid().optional() });

export const phraseCreateBody = z.strictObject({
  phrase: z.string().trim().min(1).max(50),
  suggestion: z.string().trim().max(200).default(''),
  severity: z.enum(PHRASE_SEVERITIES).default('warn'),
  active: z.boolean().default(true),
});
export type PhraseCreate = z.infer<typeof phraseCreateBody>;

export const phraseUpdateBody = z.strictObject({
  phrase: z.string().trim().min(1).max(50).optional(),
  suggestion: z.string().trim().max(200).optional(),
  severity: z.enum(PHRASE_SEVERITIES).optional(),
  active: z.boolean().optional(),
});
export type PhraseUpdate = z.infer<typeof phraseUpdateBody>;

export const phraseListQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  severity: z.enum(PHRASE_SEVERITIES).optional(),
  ...pageQuery,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PhraseListQuery = z.infer<typeof phraseListQuery>;

export const textCheckBody = z.strictObject({ text: z.string().max(50_000) });
