import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../platform/http/route.js';
import * as categories from './kb-categories.service.js';
import { articleCreateBody, articleListQuery, articleUpdateBody, categoryCreateBody, categoryUpdateBody, previewBody, suggestQuery, voteBody } from './kb.schema.js';
import { renderMarkdown } from './markdown.js';
import * as service from './kb.service.js';

const READ = ['kb.read', 'kb.manage'];
const MANAGE = 'kb.manage';
const tags = ['kb'];

/** §5.8 knowledge base: categories, articles, search, suggestions, views and helpful votes. */
export function registerKbRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/kb/categories',
    summary: 'Every knowledge-base category (a tree by parentId)',
    tags,
    permission: READ,
    handler: async ({ kefu, actor }) => ({ items: await categories.listCategories(kefu.db, actor.orgId), nextCursor: null }),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/kb/categories',
    summary: 'Create a category',
    tags,
    permission: MANAGE,
    body: categoryCreateBody,
    handler: ({ kefu, actor, body }) => categories.createCategory(kefu.db, actor, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/kb/categories/:id',
    summary: 'Rename, move or reorder a category (no cycles, at most 5 levels)',
    tags,
    permission: MANAGE,
    // categories carry no version: the last rename wins
    concurrency: false,
    params: idParams,
    body: categoryUpdateBody,
    handler: ({ kefu, actor, params, body }) => categories.updateCategory(kefu.db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/kb/categories/:id',
    summary: 'Delete an empty category (409 kb_category_not_empty otherwise)',
    tags,
    permission: MANAGE,
    params: idParams,
    handler: ({ kefu, actor, params }) => categories.deleteCategory(kefu.db, actor, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/kb/articles',
    summary: 'Articles: ranked Chinese-aware search (q) with highlighted snippets, or newest first; readers see published ones',
    tags,
    permission: READ,
    query: articleListQuery,
    handler: ({ kefu, actor, query }) => service.listArticles(kefu.db, actor, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/kb/suggest',
    summary: 'Top 5 published articles for a text (a ticket’s subject and description), by shared tokens',
    tags,
    permission: READ,
    query: suggestQuery,
    handler: async ({ kefu, actor, query }) => ({ items: await service.suggestArticles(kefu.db, actor, query.text), nextCursor: null }),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/kb/articles/:id',
    summary: 'One article: Markdown source and sanitized HTML',
    tags,
    permission: READ,
    params: idParams,
    handler: ({ kefu, actor, params }) => service.getArticle(kefu.db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/kb/articles',
    summary: 'Create an article',
    tags,
    permission: MANAGE,
    body: articleCreateBody,
    handler: ({ kefu, actor, body }) => service.createArticle(kefu.db, actor, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/kb/articles/:id',
    summary: 'Update an article (If-Match); publishing stamps publishedAt',
    tags,
    permission: MANAGE,
    params: idParams,
    body: articleUpdateBody,
    handler: ({ kefu, actor, params, body, ifMatch }) => service.updateArticle(kefu.db, actor, params.id, ifMatch!, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/kb/articles/:id',
    summary: 'Delete an article (archiving keeps it)',
    tags,
    permission: MANAGE,
    params: idParams,
    handler: ({ kefu, actor, params, ifMatch }) => service.deleteArticle(kefu.db, actor, params.id, ifMatch),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/kb/preview',
    summary: 'The sanitized HTML of Markdown source (the editor’s preview); nothing is stored',
    tags,
    permission: MANAGE,
    body: previewBody,
    status: 200,
    idempotency: false,
    handler: async ({ body }) => ({ html: renderMarkdown(body.body) }),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/kb/articles/:id/view',
    summary: 'Count one reading of a published article',
    tags,
    permission: READ,
    params: idParams,
    body: z.strictObject({}).optional(),
    idempotency: false,
    handler: ({ kefu, actor, params }) => service.recordView(kefu.db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/kb/articles/:id/vote',
    summary: 'Helpful yes/no; one vote per reader, which may be changed',
    tags,
    permission: READ,
    params: idParams,
    body: voteBody,
    status: 200,
    handler: ({ kefu, actor, params, body }) => service.voteAsAgent(kefu.db, actor, params.id, body.helpful),
  });
}
