import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../platform/http/route.js';
import * as replies from './canned-replies.service.js';
import * as phrases from './phrases.service.js';
import { phraseCreateBody, phraseListQuery, phraseUpdateBody, renderBody, replyCreateBody, replyListQuery, replyUpdateBody, textCheckBody } from './scripts.schema.js';

const MANAGE = 'scripts.manage';
// agents who answer tickets use replies and keep their own; admins manage the shared ones
const USE = ['tickets.read', MANAGE];
const tags = ['scripts'];

/** §5.8 canned replies and call scripts (话术库), forbidden phrases (反面用语), the text check. */
export function registerScriptsRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/canned-replies',
    summary: 'Shared replies and scripts plus the caller’s own; search, kind, category, ticket type; most used first',
    tags,
    permission: USE,
    query: replyListQuery,
    handler: ({ kefu, actor, query }) => replies.listReplies(kefu.db, actor, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/canned-replies/categories',
    summary: 'Categories in use',
    tags,
    permission: USE,
    handler: async ({ kefu, actor }) => ({ items: await replies.listReplyCategories(kefu.db, actor) }),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/canned-replies/:id',
    summary: 'One reply or script',
    tags,
    permission: USE,
    params: idParams,
    handler: ({ kefu, actor, params }) => replies.getReply(kefu.db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/canned-replies',
    summary: 'Create a personal reply, or a shared one (shared: true needs scripts.manage)',
    tags,
    permission: USE,
    body: replyCreateBody,
    handler: ({ kefu, actor, body }) => replies.createReply(kefu.db, actor, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/canned-replies/:id',
    summary: 'Update a reply (If-Match); shared ones need scripts.manage',
    tags,
    permission: USE,
    params: idParams,
    body: replyUpdateBody,
    handler: ({ kefu, actor, params, body, ifMatch }) => replies.updateReply(kefu.db, actor, params.id, ifMatch!, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/canned-replies/:id',
    summary: 'Delete a reply; shared ones need scripts.manage',
    tags,
    permission: USE,
    params: idParams,
    handler: ({ kefu, actor, params, ifMatch }) => replies.deleteReply(kefu.db, actor, params.id, ifMatch),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/canned-replies/:id/render',
    summary: 'The text with {{variables}} filled from the ticket and its customer; counts one use',
    tags,
    permission: USE,
    params: idParams,
    body: renderBody,
    status: 200,
    idempotency: false,
    handler: ({ kefu, actor, params, body }) => replies.renderReply(kefu.db, actor, params.id, body.ticketId),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/forbidden-phrases',
    summary: 'Forbidden phrases, oldest first; total counts all of them',
    tags,
    permission: USE,
    query: phraseListQuery,
    handler: ({ kefu, actor, query }) => phrases.listPhrases(kefu.db, actor, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/forbidden-phrases',
    summary: 'Add a phrase (409 forbidden_phrase_taken when present, ignoring case)',
    tags,
    permission: MANAGE,
    body: phraseCreateBody,
    handler: ({ kefu, actor, body }) => phrases.createPhrase(kefu.db, actor, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/forbidden-phrases/load-recommended',
    summary: 'Add the recommended list (phrases already present are kept)',
    tags,
    permission: MANAGE,
    body: z.strictObject({}).optional(),
    status: 200,
    handler: ({ kefu, actor }) => phrases.loadRecommendedAsAdmin(kefu.db, actor),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/forbidden-phrases/:id',
    summary: 'Update a phrase',
    tags,
    permission: MANAGE,
    // phrases carry no version: the last edit wins
    concurrency: false,
    params: idParams,
    body: phraseUpdateBody,
    handler: ({ kefu, actor, params, body }) => phrases.updatePhrase(kefu.db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/forbidden-phrases/:id',
    summary: 'Delete a phrase',
    tags,
    permission: MANAGE,
    params: idParams,
    handler: ({ kefu, actor, params }) => phrases.deletePhrase(kefu.db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/text-check',
    summary: 'Forbidden phrases in a text, with positions; blocked when any is a blocking one',
    tags,
    body: textCheckBody,
    status: 200,
    idempotency: false,
    handler: ({ kefu, actor, body }) => phrases.checkText(kefu.db, actor.orgId, body.text),
  });
}
