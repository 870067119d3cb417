import type { FastifyInstance } from 'fastify';
import { registerCalendarRoutes } from './calendars.routes.js';
import { registerCustomFieldRoutes } from './custom-fields.routes.js';
import { registerPicklistRoutes } from './picklists.routes.js';

/** Configuration (§1.5): business calendars, custom fields, picklists. */
export function registerConfigRoutes(app: FastifyInstance): void {
  registerCalendarRoutes(app);
  registerCustomFieldRoutes(app);
  registerPicklistRoutes(app);
}
