import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../platform/http/route.js';
import {
  calendarCreateBody,
  calendarParams,
  calendarUpdateBody,
  dayBody,
  dayParams,
  daysQuery,
  importBody,
  previewQuery,
} from './calendars.schema.js';
import * as service from './calendars.service.js';

const MANAGE = 'config.calendars.manage';
const tags = ['config'];

/** Business calendars (§1.5): weekly hours, holidays and 调休 overrides, due-time preview. */
export function registerCalendarRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/calendars',
    summary: 'List business calendars (default first)',
    tags,
    handler: async ({ kefu, actor }) => ({ items: await service.listCalendars(kefu.db, actor), nextCursor: null }),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/calendars/:id',
    summary: 'Get a business calendar',
    tags,
    params: calendarParams,
    handler: ({ kefu, actor, params }) => service.getCalendar(kefu.db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/calendars',
    summary: 'Create a business calendar',
    tags,
    permission: MANAGE,
    body: calendarCreateBody,
    handler: ({ kefu, actor, body }) => service.createCalendar(kefu.db, actor, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/calendars/:id',
    summary: 'Update a business calendar (If-Match); isDefault=true moves the default here',
    tags,
    permission: MANAGE,
    params: calendarParams,
    body: calendarUpdateBody,
    handler: ({ kefu, actor, params, body, ifMatch }) => service.updateCalendar(kefu.db, actor, params.id, ifMatch!, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/calendars/:id',
    summary: 'Delete a business calendar (not the default one)',
    tags,
    permission: MANAGE,
    params: calendarParams,
    handler: ({ kefu, actor, params, ifMatch }) => service.deleteCalendar(kefu.db, actor, params.id, ifMatch),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/calendars/:id/days',
    summary: 'List dated overrides (holidays, make-up workdays), optionally of one year',
    tags,
    params: calendarParams,
    query: daysQuery,
    handler: async ({ kefu, actor, params, query }) => ({ items: await service.listDays(kefu.db, actor, params.id, query.year), nextCursor: null }),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/calendars/:id/days/:date',
    summary: 'Set one day as holiday or workday',
    tags,
    permission: MANAGE,
    concurrency: false,
    params: dayParams,
    body: dayBody,
    handler: ({ kefu, actor, params, body }) => service.setDay(kefu.db, actor, params.id, params.date, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/calendars/:id/days/:date',
    summary: 'Remove one day override',
    tags,
    permission: MANAGE,
    params: dayParams,
    handler: ({ kefu, actor, params }) => service.removeDay(kefu.db, actor, params.id, params.date),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/calendars/:id/days/import',
    summary: 'Import many day overrides at once (all or nothing)',
    tags,
    permission: MANAGE,
    status: 200,
    params: calendarParams,
    body: importBody,
    handler: ({ kefu, actor, params, body }) => service.importDays(kefu.db, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/calendars/:id/preview',
    summary: 'Due time of start + N working minutes, with the intervals counted',
    tags,
    params: calendarParams,
    query: previewQuery,
    handler: ({ kefu, actor, params, query }) => service.previewDue(kefu.db, actor, params.id, query.start, query.minutes),
  });
}
