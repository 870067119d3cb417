import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../../platform/http/route.js';
import { listDuplicates, markNotDuplicates } from './duplicates.service.js';
import { previewMerge } from './merge-preview.js';
import { listMerges, undoMerge } from './merge-undo.js';
import { mergeCustomers } from './merge.service.js';
import { duplicatesPage, duplicatesQuery, mergeBody, mergePreview, mergePreviewQuery, mergeResult, mergeView, notDuplicatesBody, undoResult } from './merge.schema.js';

const tags = ['customers'];

/** §2.7 the duplicates page, merge with preview, undo. */
export function registerCustomerMergeRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customers/duplicates',
    summary: 'Groups of possible duplicate customers in the caller’s scope (ID number, credit code, phone, e-mail, name, similar name)',
    tags,
    permission: 'customers.merge',
    query: duplicatesQuery,
    response: duplicatesPage,
    handler: ({ kefu, actor, query }) => listDuplicates({ kefu, actor }, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customers/not-duplicates',
    summary: 'Mark two customers as not duplicates, so the duplicates page stops proposing them',
    tags,
    permission: 'customers.merge',
    body: notDuplicatesBody,
    status: 204,
    handler: ({ kefu, actor, body }) => markNotDuplicates({ kefu, actor }, body.aId, body.bId),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customers/merge-preview',
    summary: 'Field-by-field comparison of two customers with suggested choices, and the related records that would move',
    tags,
    permission: 'customers.merge',
    query: mergePreviewQuery,
    response: mergePreview,
    handler: ({ kefu, actor, query }) => previewMerge({ kefu, actor }, query.survivorId, query.mergedId),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customers/merge',
    summary: 'Merge one customer into another with the chosen field values; every related record moves; reversible',
    tags,
    permission: 'customers.merge',
    body: mergeBody,
    response: mergeResult,
    status: 200,
    handler: ({ kefu, actor, body }) => mergeCustomers({ kefu, actor }, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customer-merges/:id/undo',
    summary: 'Undo a merge: both cards restored, the moved records moved back (undo later merges first)',
    tags,
    permission: 'customers.merge',
    params: idParams,
    response: undoResult,
    status: 200,
    handler: ({ kefu, actor, params }) => undoMerge({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customers/:id/merges',
    summary: 'Merges a customer took part in, newest first, with whether each can be undone',
    tags,
    permission: ['customers.read', 'customers.merge'],
    params: idParams,
    response: z.array(mergeView),
    handler: ({ kefu, actor, params }) => listMerges({ kefu, actor }, params.id),
  });
}
