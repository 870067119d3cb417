import type { FastifyInstance } from 'fastify';
import { registerOpsRoutes } from './ops/ops.routes.js';
import { registerJobsAdminRoutes } from './jobs-admin/jobs-admin.routes.js';
import { registerFilesRoutes } from './files/files.routes.js';
import { registerAuditRoutes } from './audit/audit.routes.js';
import { registerConfigRoutes } from './config/config.routes.js';
import { registerOrgRoutes } from './org/org.routes.js';
import { registerAuthRoutes } from './auth/auth.routes.js';
import { registerSystemRoutes } from './system/system.routes.js';
import { registerWebhookRoutes } from './webhooks/webhooks.routes.js';
import { registerCustomerRoutes } from './customers/customers.module.js';
import { registerRegionRoutes } from './regions/regions.routes.js';
import { registerTicketRoutes } from './tickets/tickets.routes.js';
import { registerRoutingRoutes } from './routing/routing.routes.js';
import { registerKbRoutes } from './kb/kb.routes.js';
import { registerScriptsRoutes } from './scripts/scripts.routes.js';
import { registerSlaRoutes } from './sla/sla.routes.js';
import { registerComplaintRoutes } from './complaints/complaints.routes.js';
import { registerCommitmentRoutes } from './commitments/commitments.routes.js';
import { registerChannelRoutes } from './channels/channels.routes.js';
import { registerAutomationRoutes } from './automations/automations.routes.js';
import { registerStandardsRoutes } from './standards/standards.routes.js';
import { registerPortalRoutes } from './portal/portal.routes.js';
import { registerWebFormRoutes } from './webform/web-form.routes.js';
import { registerChatRoutes } from './chat/chat.routes.js';

/**
 * Registers every module's routes. Each module exports `register<Name>Routes(app)`;
 * add it here (one line) — this is the only place the app learns about modules.
 */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await registerOpsRoutes(app);
  await registerJobsAdminRoutes(app);
  await registerFilesRoutes(app);
  registerAuditRoutes(app);
  registerConfigRoutes(app);
  await registerOrgRoutes(app);
  await registerAuthRoutes(app);
  await registerSystemRoutes(app);
  await registerWebhookRoutes(app);
  registerRegionRoutes(app);
  await registerCustomerRoutes(app);
  registerTicketRoutes(app);
  registerRoutingRoutes(app);
  registerKbRoutes(app);
  registerScriptsRoutes(app);
  registerSlaRoutes(app);
  registerComplaintRoutes(app);
  registerCommitmentRoutes(app);
  await registerChannelRoutes(app);
  registerAutomationRoutes(app);
  registerStandardsRoutes(app);
  registerPortalRoutes(app);
  registerWebFormRoutes(app);
  registerChatRoutes(app);
}
