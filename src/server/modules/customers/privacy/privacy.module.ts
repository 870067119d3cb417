import type { FastifyInstance } from 'fastify';
import { registerTransferRoutes } from '../transfer/transfer.routes.js';
import { registerPrivacyRoutes } from './privacy.routes.js';

/** §2.9 ownership transfer and §2.11 personal-information rights: the routes, registered by customers.module.ts. */
export function registerOwnershipAndPrivacyRoutes(app: FastifyInstance): void {
  registerTransferRoutes(app);
  registerPrivacyRoutes(app);
}
