import type { FastifyInstance } from 'fastify';
import { registerDepartmentRoutes } from './departments.routes.js';
import { registerPositionRoutes } from './positions.routes.js';
import { registerRevealable } from './reveal.registry.js';
import { registerRevealRoutes } from './reveal.routes.js';
import { registerRoleRoutes } from './roles.routes.js';
import { loadUserPii } from './users.service.js';
import { registerUserRoutes } from './users.routes.js';

/** §1.1 organization and people, §1.2 access control: departments, positions, users, roles, reveal. */
export async function registerOrgRoutes(app: FastifyInstance): Promise<void> {
  registerRevealable('user', loadUserPii, ['phone', 'email']);
  registerDepartmentRoutes(app);
  registerPositionRoutes(app);
  registerRoleRoutes(app);
  registerUserRoutes(app);
  registerRevealRoutes(app);
}
