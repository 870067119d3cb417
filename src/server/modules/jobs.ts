import type { Kefu } from '../platform/context.js';
import { registerJobsAdminJobs } from './jobs-admin/jobs-admin.jobs.js';
import { registerFilesJobs } from './files/files.jobs.js';
import { registerOpsJobs } from './ops/ops.jobs.js';
import { registerSystemJobs } from './system/system.jobs.js';
import { registerWebhookJobs } from './webhooks/webhooks.jobs.js';
import { registerCustomerPrivacyJobs } from './customers/privacy/privacy.jobs.js';
import { registerCustomerImportJobs } from './customers/import/import.jobs.js';

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
}
