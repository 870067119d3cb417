import { z } from 'zod';
import { SCHEDULE_EVERY_MINUTES } from '../../../shared/automations.js';
import type { Kefu } from '../../platform/context.js';
import { PermanentJobError } from '../../platform/jobs.js';
import { NOTIFY_JOB } from './automation-actions.js';
import { runScheduledRules } from './automation-runner.js';

export const AUTOMATIONS_SCHEDULE_JOB = 'automations.schedule';

const notifyPayload = z.object({
  orgId: z.uuid(),
  userIds: z.array(z.uuid()).min(1),
  ticketId: z.uuid(),
  number: z.string(),
  subject: z.string(),
  message: z.string(),
  automationId: z.uuid(),
  automation: z.string(),
});

/** §5.9: time-based rules every five minutes; notifications of triggers after their write commits. */
export function registerAutomationJobs(kefu: Kefu): void {
  kefu.jobs.register(AUTOMATIONS_SCHEDULE_JOB, async (_payload, ctx) => runScheduledRules(ctx.db, new Date()));
  kefu.jobs.register(NOTIFY_JOB, async (payload) => {
    const parsed = notifyPayload.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`invalid payload: ${parsed.error.message}`);
    const { orgId, userIds, ...data } = parsed.data;
    await kefu.events.publish({ orgId, type: 'automation.notify', data, userIds });
    return { sent: userIds.length };
  });
  void kefu.jobs.schedule(AUTOMATIONS_SCHEDULE_JOB, SCHEDULE_EVERY_MINUTES * 60);
}
