import type { FastifyInstance } from 'fastify';
import { registerCustomerDetailRoutes } from './customer-details.routes.js';
import { registerCustomerImportRoutes } from './import/import.routes.js';
import { registerCustomerCoreRoutes } from './customers.routes.js';
import { registerCustomerMergeRoutes } from './merge/merge.routes.js';
import { registerCustomerViewRoutes } from './views.routes.js';
import { registerOwnershipAndPrivacyRoutes } from './privacy/privacy.module.js';

/** §2 customer information management: every route of the module. */
export async function registerCustomerRoutes(app: FastifyInstance): Promise<void> {
  registerCustomerCoreRoutes(app);
  registerCustomerDetailRoutes(app);
  await registerCustomerImportRoutes(app);
  registerCustomerViewRoutes(app);
  registerCustomerMergeRoutes(app);
  registerOwnershipAndPrivacyRoutes(app);
}
