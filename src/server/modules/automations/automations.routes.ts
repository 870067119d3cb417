import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../platform/http/route.js';
import { automationCreateBody, automationUpdateBody, previewBody, reorderBody } from './automations.schema.js';
import * as svc from './automations.service.js';

const MANAGE = 'automations.manage';
const tags = ['automations'];

/** §5.9 triggers and time-based rules. */
export function registerAutomationRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/automations',
    summary: 'List automations (triggers, then time-based rules, each in position order)',
    tags,
    permission: MANAGE,
    handler: async ({ kefu, actor }) => ({ items: await svc.listAutomations(kefu.db, actor), nextCursor: null }),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/automations/:id',
    summary: 'Get an automation',
    tags,
    permission: MANAGE,
    params: idParams,
    handler: ({ kefu, actor, params }) => svc.getAutomation(kefu.db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/automations',
    summary: 'Create an automation (placed last among its kind)',
    tags,
    permission: MANAGE,
    body: automationCreateBody,
    handler: ({ kefu, actor, body }) => svc.createAutomation(kefu.db, actor, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/automations/:id',
    summary: 'Update an automation (If-Match)',
    tags,
    permission: MANAGE,
    params: idParams,
    body: automationUpdateBody,
    handler: ({ kefu, actor, params, body, ifMatch }) => svc.updateAutomation(kefu.db, actor, params.id, ifMatch!, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/automations/:id',
    summary: 'Delete an automation',
    tags,
    permission: MANAGE,
    params: idParams,
    handler: ({ kefu, actor, params, ifMatch }) => svc.deleteAutomation(kefu.db, actor, params.id, ifMatch),
  });
  for (const [verb, active] of [['enable', true], ['disable', false]] as const) {
    defineRoute(app, {
      method: 'POST',
      url: `/api/v1/automations/:id/${verb}`,
      summary: `${verb === 'enable' ? 'Enable' : 'Disable'} an automation`,
      tags,
      permission: MANAGE,
      status: 200,
      params: idParams,
      body: z.strictObject({}).optional(),
      handler: ({ kefu, actor, params }) => svc.setActive(kefu.db, actor, params.id, active),
    });
  }
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/automations/reorder',
    summary: 'Set the order of the triggers or of the time-based rules (all of one kind)',
    tags,
    permission: MANAGE,
    status: 200,
    body: reorderBody,
    handler: ({ kefu, actor, body }) => svc.reorderAutomations(kefu.db, actor, body.ids),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/automations/:id/preview',
    summary: 'Open tickets the rule matches now: count and the first 20 (body.conditions previews unsaved conditions)',
    tags,
    permission: MANAGE,
    status: 200,
    params: idParams,
    body: previewBody,
    handler: ({ kefu, actor, params, body }) => svc.previewAutomation(kefu.db, actor, params.id, body.conditions),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/automations/preview',
    summary: 'Open tickets the given conditions match now (for a rule not yet saved)',
    tags,
    permission: MANAGE,
    status: 200,
    body: z.strictObject({ conditions: z.unknown() }),
    handler: ({ kefu, actor, body }) => svc.previewAutomation(kefu.db, actor, null, body.conditions ?? {}),
  });
}
