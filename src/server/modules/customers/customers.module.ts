import type { FastifyInstance } from 'fastify';
import { registerCustomerDetailRoutes } from './customer-details.routes.js';
import { registerCustomerCoreRoutes } from './customers.routes.js';
import { registerCustomerViewRoutes } from './views.routes.js';

/** §2 customer information management: every route of the module. */
export async function registerCustomerRoutes(app: FastifyInstance): Promise<void> {
  registerCustomerCoreRoutes(app);
  registerCustomerDetailRoutes(app);
  registerCustomerViewRoutes(app);
}
