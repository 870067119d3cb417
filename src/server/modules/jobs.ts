import type { Kefu } from '../platform/context.js';
import { registerJobsAdminJobs } from './jobs-admin/jobs-admin.jobs.js';
import { registerFilesJobs } from './files/files.jobs.js';
import { registerOpsJobs } from './ops/ops.jobs.js';
import { registerSystemJobs } from './system/system.jobs.js';
import { registerWebhookJobs } from './webhooks/webhooks.jobs.js';
import { registerCustomerPrivacyJobs } from './customers/privacy/privacy.jobs.js';
import { registerCustomerImportJobs } from './customers/import/import.jobs.js';
import { refreshSearchTokens, SEARCH_TOKENS_REFRESH_JOB } from './customers/customers.repo.js';
import { registerSlaJobs } from './sla/sla.jobs.js';
import { registerComplaintJobs } from './complaints/complaints.jobs.js';
import { registerCommitmentJobs } from './commitments/commitments.jobs.js';
import { registerEmailJobs } from './email/outbound-mail.js';
import { registerChannelJobs } from './channels/channels.service.js';
import { registerAutomationJobs } from './automations/automations.jobs.js';

/** Registers every module's background job handlers; add one line per module. */
export function registerJobHandlers(kefu: Kefu): void {
  void kefu;
  registerJobsAdminJobs(kefu);
  registerFilesJobs(kefu);
  registerOpsJobs(kefu);
  registerSystemJobs(kefu);
  registerWebhookJobs(kefu);
  registerCustomerPrivacyJobs(kefu);
  registerCustomerImportJobs(kefu);
  kefu.jobs.register(SEARCH_TOKENS_REFRESH_JOB, async (_payload, ctx) => ({ changed: await refreshSearchTokens(ctx.db, (n) => ctx.reportProgress(n, 0)) }));
  registerSlaJobs(kefu);
  registerComplaintJobs(kefu);
  registerCommitmentJobs(kefu);
  registerEmailJobs(kefu);
  registerChannelJobs(kefu);
  registerAutomationJobs(kefu);
}
