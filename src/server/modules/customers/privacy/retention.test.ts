import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createRole, ok, userAs } from '../../org/org.fixtures.js';
import { createCustomer, type CustomerTest, setupCustomers } from '../customers.fixtures.js';
import { RETENTION_DAILY_JOB } from './retention.service.js';
import { cutoffFor } from './retention.repo.js';

const yearsAgo = (n: number) => new Date(Date.now() - n * 365.25 * 86_400_000);

describe('customers: retention policy (§2.11)', () => {
  let t: CustomerTest;
  let dpo: Awaited<ReturnType<typeof userAs>>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await setupCustomers();
    const role = await createRole(t.admin, 'dpo', ['customers.read', 'privacy.manage'], { scopes: { customers: 'all' }, fieldRules: { phone: 'mask' } });
    dpo = await userAs(t, 'dpo_user', { roleIds: [role.id], departmentId: t.rootDeptId });
    for (const [key, phone] of [['old1', '13700000001'], ['old2', '13700000002'], ['neverActive', '13700000003'], ['recent', '13700000004'], ['twoYears', '13700000005'], ['gone', '13700000006']]) {
      ids[key] = (await createCustomer(t.admin, { name: `保留期${key}`, phones: [{ value: phone }] })).id;
    }
    const set = (key: string, values: Record<string, Date | null>) => t.kefu.db.updateTable('customers').set(values).where('id', '=', ids[key]).execute();
    await set('old1', { last_activity_at: yearsAgo(4) });
    await set('old2', { last_activity_at: yearsAgo(10) });
    // never active: falls back to its last edit, then its creation
    await set('neverActive', { last_activity_at: null, updated_at: yearsAgo(5), created_at: yearsAgo(5) });
    await set('twoYears', { last_activity_at: yearsAgo(2) });
    await set('gone', { last_activity_at: yearsAgo(6) });
    ok(await t.admin({ method: 'POST', url: `/api/v1/customers/${ids.gone}/anonymize`, payload: { reason: '已按申请删除' } }));
  });
  afterAll(async () => t.close());

  it('keeps the policy with If-Match and checks its bounds', async () => {
    expect(ok(await dpo.call({ method: 'GET', url: '/api/v1/customer-retention' }))).toMatchObject({ enabled: false, inactiveYears: 3, version: 0, lastRunAt: null, runningJobId: null });
    expect((await dpo.call({ method: 'PUT', url: '/api/v1/customer-retention', payload: { enabled: false, inactiveYears: 3 } })).statusCode).toBe(428);
    const saved = ok(await dpo.call({ method: 'PUT', url: '/api/v1/customer-retention', headers: { 'if-match': '"0"' }, payload: { enabled: false, inactiveYears: 3 } }));
    expect(saved).toMatchObject({ enabled: false, inactiveYears: 3, version: 1 });
    expect((await dpo.call({ method: 'PUT', url: '/api/v1/customer-retention', headers: { 'if-match': '"0"' }, payload: { enabled: true, inactiveYears: 3 } })).statusCode).toBe(412);
    expect((await dpo.call({ method: 'PUT', url: '/api/v1/customer-retention', headers: { 'if-match': '"1"' }, payload: { enabled: true, inactiveYears: 31 } })).statusCode).toBe(400);
    expect(await auditRows(t, 'customer.retention_update')).toHaveLength(1);
    const agent = await userAs(t, 'no_dpo', { roleIds: [], departmentId: t.rootDeptId });
    expect((await agent.call({ method: 'GET', url: '/api/v1/customer-retention' })).statusCode).toBe(403);
  });

  it('dry-runs exactly the inactive customers, then a run anonymizes exactly those, audited once', async () => {
    const dry = ok(await dpo.call({ method: 'POST', url: '/api/v1/customer-retention/dry-run' }));
    const due = [ids.old2, ids.neverActive, ids.old1];
    expect(dry).toMatchObject({ inactiveYears: 3, count: 3 });
    expect(dry.sample.map((s: { id: string }) => s.id)).toEqual(due);
    expect(dry.sample[0]).toMatchObject({ name: '保留期old2', phone: '137****0002' });
    expect(ok(await dpo.call({ method: 'POST', url: '/api/v1/customer-retention/dry-run', payload: { inactiveYears: 1 } })).count).toBe(4);

    expect((await dpo.call({ method: 'POST', url: '/api/v1/customer-retention/run', payload: { confirm: false } })).statusCode).toBe(400);
    const run = ok(await dpo.call({ method: 'POST', url: '/api/v1/customer-retention/run', payload: { confirm: true } }), 202);
    expect(run.count).toBe(3);
    expect(ok(await dpo.call({ method: 'GET', url: '/api/v1/customer-retention' })).runningJobId).toBe(run.jobId);
    await t.kefu.jobs.drain();
    const job = await t.kefu.db.selectFrom('jobs').select(['status', 'result']).where('id', '=', run.jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'succeeded', result: { anonymized: 3 } });

    const rows = await t.kefu.db.selectFrom('customers').select(['id', 'anonymized_at', 'name']).where('id', 'in', Object.values(ids)).execute();
    const anonymized = rows.filter((r) => r.anonymized_at && r.id !== ids.gone).map((r) => r.id).sort();
    expect(anonymized).toEqual([...due].sort());
    expect(rows.find((r) => r.id === ids.recent)!.name).toBe('保留期recent');
    expect(rows.find((r) => r.id === ids.twoYears)!.anonymized_at).toBeNull();

    const policy = ok(await dpo.call({ method: 'GET', url: '/api/v1/customer-retention' }));
    expect(policy).toMatchObject({ lastRunCount: 3, runningJobId: null });
    const audits = await auditRows(t, 'customer.retention_run');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_id: dpo.id, after: { count: 3, trigger: 'manual', inactiveYears: 3 } });
    expect([...(audits[0].after as { customerIds: string[] }).customerIds].sort()).toEqual([...due].sort());
    expect(ok(await dpo.call({ method: 'POST', url: '/api/v1/customer-retention/dry-run' })).count).toBe(0);
  });

  it('runs daily for organizations whose policy is enabled', async () => {
    await t.kefu.db.updateTable('customers').set({ last_activity_at: yearsAgo(3.5) }).where('id', '=', ids.twoYears).execute();
    const due = async () => {
      await sql`UPDATE job_schedules SET next_run_at = now() - interval '1 second' WHERE name = ${RETENTION_DAILY_JOB}`.execute(t.kefu.db);
      await t.kefu.jobs.drain();
    };
    await due();
    // still disabled: nothing happens
    expect((await t.kefu.db.selectFrom('customers').select('anonymized_at').where('id', '=', ids.twoYears).executeTakeFirstOrThrow()).anonymized_at).toBeNull();

    const current = ok(await dpo.call({ method: 'GET', url: '/api/v1/customer-retention' }));
    ok(await dpo.call({ method: 'PUT', url: '/api/v1/customer-retention', headers: { 'if-match': `"${current.version}"` }, payload: { enabled: true, inactiveYears: 3 } }));
    await due();
    expect((await t.kefu.db.selectFrom('customers').select('anonymized_at').where('id', '=', ids.twoYears).executeTakeFirstOrThrow()).anonymized_at).not.toBeNull();
    expect((await t.kefu.db.selectFrom('customers').select('anonymized_at').where('id', '=', ids.recent).executeTakeFirstOrThrow()).anonymized_at).toBeNull();
    const audits = await auditRows(t, 'customer.retention_run');
    expect(audits).toHaveLength(2);
    expect(audits[1]).toMatchObject({ actor_id: null, after: { count: 1, trigger: 'schedule' } });
    expect(ok(await dpo.call({ method: 'GET', url: '/api/v1/customer-retention' })).lastRunCount).toBe(1);
  });

  it('computes calendar-year cutoffs, 29 February included', () => {
    expect(cutoffFor(new Date('2024-02-29T10:00:00Z'), 1).toISOString()).toBe('2023-02-28T10:00:00.000Z');
    expect(cutoffFor(new Date('2025-06-15T00:00:00Z'), 3).toISOString()).toBe('2022-06-15T00:00:00.000Z');
  });
});
