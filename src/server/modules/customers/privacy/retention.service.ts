import { type Kysely, sql } from 'kysely';
import { presentField } from '../../../platform/access.js';
import { auditBy, recordAudit } from '../../../platform/audit.js';
import type { JobContext } from '../../../platform/context.js';
import type { DB } from '../../../platform/db-schema.js';
import { preconditionFailed } from '../../../platform/errors.js';
import type { CustomerCtx } from '../customers.common.js';
import type { PhoneEntry } from '../customers.tables.js';
import { anonymizeCustomer } from './anonymize.js';
import type { RetentionDryRun, RetentionView } from './privacy.schema.js';
import { countDue, cutoffFor, dueForRetention, findPolicy, lastActivity } from './retention.repo.js';

/** §2.11 retention: customers inactive for N years are anonymized, on demand or daily when enabled. */

export const RETENTION_RUN_JOB = 'customers.retention.run';
export const RETENTION_DAILY_JOB = 'customers.retention.daily';
const DEFAULT_YEARS = 3;
const SAMPLE = 20;
// Customers per transaction: short transactions keep the embedded engine's one connection free.
const BATCH = 100;

export const runKey = (orgId: string) => `${RETENTION_RUN_JOB}:${orgId}`;

export type RunPayload = {
  orgId: string;
  cutoff: string;
  inactiveYears: number;
  trigger: 'manual' | 'schedule';
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
};

async function runningJob(db: Kysely<DB>, orgId: string): Promise<{ id: string; payload: Record<string, unknown> } | undefined> {
  return db.selectFrom('jobs').select(['id', 'payload']).where('unique_key', '=', runKey(orgId)).where('status', 'in', ['queued', 'running']).executeTakeFirst();
}

export async function getPolicy(ctx: CustomerCtx): Promise<RetentionView> {
  const { db } = ctx.kefu;
  const row = await findPolicy(db, ctx.actor.orgId);
  const job = await runningJob(db, ctx.actor.orgId);
  return {
    enabled: row?.enabled ?? false,
    inactiveYears: row?.inactive_years ?? DEFAULT_YEARS,
    lastRunAt: row?.last_run_at ? new Date(row.last_run_at).toISOString() : null,
    lastRunCount: row?.last_run_count ?? null,
    runningJobId: job?.id ?? null,
    version: row?.version ?? 0,
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
  };
}

/** Saves the policy (If-Match; version 0 creates it). */
export async function putPolicy(ctx: CustomerCtx, version: number, body: { enabled: boolean; inactiveYears: number }): Promise<RetentionView> {
  const { kefu, actor } = ctx;
  await kefu.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('customer_retention').selectAll().where('org_id', '=', actor.orgId).forUpdate().executeTakeFirst();
    if ((row?.version ?? 0) !== version) throw preconditionFailed();
    const values = { enabled: body.enabled, inactive_years: body.inactiveYears, updated_at: new Date() };
    if (row) await tx.updateTable('customer_retention').set({ ...values, version: row.version + 1 }).where('org_id', '=', actor.orgId).execute();
    // Two first saves at once: the loser's insert conflicts and it gets the 412 it deserves.
    else if (!(await tx.insertInto('customer_retention').values({ org_id: actor.orgId, ...values }).onConflict((oc) => oc.column('org_id').doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows) throw preconditionFailed();
    await recordAudit(
      tx,
      auditBy(actor, {
        action: 'customer.retention_update',
        entityType: 'customer_retention',
        entityId: actor.orgId,
        before: row ? { enabled: row.enabled, inactiveYears: row.inactive_years } : null,
        after: { enabled: body.enabled, inactiveYears: body.inactiveYears },
      }),
    );
  });
  return getPolicy(ctx);
}

async function policyYears(db: Kysely<DB>, orgId: string): Promise<number> {
  return (await findPolicy(db, orgId))?.inactive_years ?? DEFAULT_YEARS;
}

/** How many customers a run would anonymize now, with a sample (phones as the caller may see them). */
export async function dryRun(ctx: CustomerCtx, inactiveYears?: number): Promise<RetentionDryRun> {
  const { kefu, actor } = ctx;
  const years = inactiveYears ?? (await policyYears(kefu.db, actor.orgId));
  const cutoff = cutoffFor(new Date(), years);
  const count = await countDue(kefu.db, actor.orgId, cutoff);
  const rows = await dueForRetention(kefu.db, actor.orgId, cutoff)
    .select(['customers.id', 'customers.name', 'customers.phones', lastActivity.as('last_activity')])
    .orderBy(lastActivity)
    .orderBy('customers.id')
    .limit(SAMPLE)
    .execute();
  return {
    inactiveYears: years,
    cutoff: cutoff.toISOString(),
    count,
    sample: rows.map((r) => ({
      id: r.id,
      name: r.name,
      phone: presentField(actor, 'phone', ((r.phones ?? []) as PhoneEntry[])[0]?.value ?? null),
      lastActivityAt: new Date(r.last_activity).toISOString(),
    })),
  };
}

/** Queues a run with the policy's period, fixed now so the run takes exactly what the dry run showed. */
export async function requestRun(ctx: CustomerCtx): Promise<{ jobId: string; cutoff: string; count: number }> {
  const { kefu, actor } = ctx;
  const years = await policyYears(kefu.db, actor.orgId);
  const cutoff = cutoffFor(new Date(), years);
  const payload: RunPayload = { orgId: actor.orgId, cutoff: cutoff.toISOString(), inactiveYears: years, trigger: 'manual', actorId: actor.userId, actorName: actor.displayName, ip: actor.ip };
  const jobId = await kefu.jobs.enqueue(kefu.db, RETENTION_RUN_JOB, payload, { orgId: actor.orgId, uniqueKey: runKey(actor.orgId), maxAttempts: 3 });
  // A run already queued keeps its own cutoff: answer with that one.
  const job = await runningJob(kefu.db, actor.orgId);
  const effective = job?.id === jobId && typeof job.payload.cutoff === 'string' ? new Date(job.payload.cutoff) : cutoff;
  return { jobId, cutoff: effective.toISOString(), count: await countDue(kefu.db, actor.orgId, effective) };
}

/** Every enabled organization gets a run with its own period (the daily schedule). */
export async function enqueueScheduledRuns(db: Kysely<DB>, enqueue: (orgId: string, payload: RunPayload) => Promise<string>): Promise<number> {
  const policies = await db.selectFrom('customer_retention').select(['org_id', 'inactive_years']).where('enabled', '=', true).execute();
  const now = new Date();
  for (const p of policies) {
    await enqueue(p.org_id, { orgId: p.org_id, cutoff: cutoffFor(now, p.inactive_years).toISOString(), inactiveYears: p.inactive_years, trigger: 'schedule', actorId: null, actorName: null, ip: null });
  }
  return policies.length;
}

/** Customers this job anonymized so far (across retries: each carries the job id on its timeline). */
async function anonymizedBy(db: Kysely<DB>, orgId: string, jobId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('customer_timeline as t')
    .innerJoin('customers as c', (j) => j.onRef('c.org_id', '=', 't.org_id').onRef('c.id', '=', 't.customer_id'))
    .select('t.customer_id')
    .where('t.org_id', '=', orgId)
    .where('t.kind', '=', 'anonymized')
    .where(sql`t.detail->>'jobId'`, '=', jobId)
    // customers merged into one of them went along, but are not counted as customers
    .where('c.merged_into_id', 'is', null)
    .orderBy('t.customer_id')
    .execute();
  return rows.map((r) => r.customer_id);
}

/**
 * The run itself (job handler body): anonymizes every customer still inactive since the
 * payload's cutoff, a batch per transaction, then records the run on the policy and in one
 * audit entry. Idempotent: a retried run skips what is already anonymized and counts it anyway.
 */
export async function runRetention(db: Kysely<DB>, payload: RunPayload, job: Pick<JobContext, 'jobId' | 'reportProgress'>): Promise<{ anonymized: number; skipped?: string }> {
  const { orgId } = payload;
  if (payload.trigger === 'schedule' && !(await findPolicy(db, orgId))?.enabled) return { anonymized: 0, skipped: 'disabled' };
  const cutoff = new Date(payload.cutoff);
  const total = await countDue(db, orgId, cutoff);
  let after: string | null = null;
  let done = 0;
  for (;;) {
    let q = dueForRetention(db, orgId, cutoff).select('customers.id').orderBy('customers.id').limit(BATCH);
    if (after) q = q.where('customers.id', '>', after);
    const batch = await q.execute();
    if (batch.length === 0) break;
    await db.transaction().execute(async (tx) => {
      for (const { id } of batch) {
        // Still due once locked: activity may have arrived since the batch was read.
        const still = await dueForRetention(tx, orgId, cutoff).select('customers.id').where('customers.id', '=', id).forUpdate().executeTakeFirst();
        if (still) await anonymizeCustomer(tx, { orgId, customerId: id, actorId: payload.actorId, via: 'retention', jobId: job.jobId });
      }
    });
    after = batch[batch.length - 1].id;
    done += batch.length;
    await job.reportProgress(Math.min(done, total), total);
  }
  return db.transaction().execute(async (tx) => {
    const ids = await anonymizedBy(tx, orgId, job.jobId);
    const now = new Date();
    await tx
      .insertInto('customer_retention')
      .values({ org_id: orgId, last_run_at: now, last_run_count: ids.length })
      .onConflict((oc) => oc.column('org_id').doUpdateSet({ last_run_at: now, last_run_count: ids.length }))
      .execute();
    await recordAudit(tx, {
      orgId,
      action: 'customer.retention_run',
      entityType: 'customer_retention',
      entityId: orgId,
      actorId: payload.actorId,
      actorName: payload.actorName ?? 'system',
      ip: payload.ip,
      // ids only (no names): enough to find each customer's `anonymized` timeline entry
      after: { count: ids.length, cutoff: payload.cutoff, inactiveYears: payload.inactiveYears, trigger: payload.trigger, jobId: job.jobId, customerIds: ids.slice(0, 1000) },
    });
    return { anonymized: ids.length };
  });
}
