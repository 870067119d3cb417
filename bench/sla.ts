/**
 * SLA scan benchmark (`npx tsx bench/sla.ts`, PostgreSQL): the target is "the SLA scan of
 * 200,000 open tickets ≤ 2 s". One organization gets BENCH_SLA_TICKETS open tickets governed by a
 * policy, of which BENCH_SLA_DUE have their next check due (the rest are due later, as in
 * production, where only tickets reaching a warning or a breach are due in any minute). Measured
 * in the same run:
 *
 * - `raw`: the least a scan can do — claim the due rows in batches of 500 (FOR UPDATE SKIP
 *   LOCKED) and write one column back, in plain SQL;
 * - `scan`: Kefu's scan (`scanDueSlas`): loads history, messages and recorded events per batch,
 *   computes every clock, inserts the warning and breach events, writes the derived columns;
 * - `idle`: the scan when nothing is due (what it costs every minute most of the time).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { bootstrap } from '../src/server/bootstrap.js';
import { loadConfig } from '../src/server/config.js';
import { createKefu } from '../src/server/kernel.js';
import { scanDueSlas } from '../src/server/modules/sla/sla-scan.service.js';
import { uuidv7 } from '../src/server/platform/ids.js';

const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TICKETS = Number(process.env.BENCH_SLA_TICKETS ?? 200_000);
const DUE = Number(process.env.BENCH_SLA_DUE ?? 2_000);

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: BASE });
  await c.connect();
  await c.query(sql);
  await c.end();
}

const name = `kefu_bench_sla_${randomBytes(4).toString('hex')}`;
await admin(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE 'C.UTF-8' ENCODING 'UTF8'`);
const url = new URL(BASE);
url.pathname = `/${name}`;
const kefu = await createKefu(loadConfig({ ...process.env, KEFU_LOG_LEVEL: 'silent' }, { databaseUrl: url.toString() }));
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
try {
  const { orgId } = await bootstrap(kefu.db, { adminPassword: 'Bench-Pass-2026' });
  // round the clock, so the due tickets have crossed their targets whatever hour the bench runs at
  const calendarId = uuidv7();
  const allDay = JSON.stringify(Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]));
  await kefu.db.insertInto('calendars').values({ org_id: orgId, id: calendarId, name: '7x24', weekly_hours: allDay }).execute();
  const policyId = uuidv7();
  await kefu.db
    .insertInto('sla_policies')
    .values({ org_id: orgId, id: policyId, name: 'bench', calendar_id: calendarId, first_response_minutes: 60, resolution_minutes: 2400, escalations: '[]' })
    .execute();
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  let t0 = process.hrtime.bigint();
  // Due tickets were created three hours ago (first response breached); the others are younger
  // and due later. gen_random_uuid stands in for UUID v7: the scan does not depend on id order.
  await c.query(
    `INSERT INTO tickets (org_id, id, type, subject, channel, status, created_at, updated_at, sla_policy_id, sla_state, sla_next_check_at)
     SELECT $1, gen_random_uuid(), 'inquiry', 'bench ' || g, 'phone', 'open',
       CASE WHEN g <= $3 THEN now() - interval '3 hours' ELSE now() - interval '5 minutes' END, now(), $4, 'ok',
       CASE WHEN g <= $3 THEN now() - interval '1 minute' ELSE now() + (g % 600) * interval '1 minute' + interval '1 minute' END
     FROM generate_series(1, $2) g`,
    [orgId, TICKETS, DUE, policyId],
  );
  await c.query('ANALYZE tickets');
  console.log(`loaded ${TICKETS} open tickets (${DUE} due) in ${(ms(t0) / 1000).toFixed(1)} s`);

  const dueIds = (await c.query<{ id: string }>('SELECT id FROM tickets WHERE sla_next_check_at <= now()')).rows.map((r) => r.id);
  const resetDue = () => c.query(`UPDATE tickets SET sla_next_check_at = now() - interval '1 minute' WHERE id = ANY($1)`, [dueIds]);

  t0 = process.hrtime.bigint();
  for (;;) {
    await c.query('BEGIN');
    const batch = await c.query<{ id: string }>(
      `SELECT org_id, id FROM tickets WHERE sla_next_check_at <= now() ORDER BY sla_next_check_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
    );
    if (batch.rows.length > 0) await c.query(`UPDATE tickets SET sla_next_check_at = now() + interval '1 hour' WHERE id = ANY($1)`, [batch.rows.map((r) => r.id)]);
    await c.query('COMMIT');
    if (batch.rows.length < 500) break;
  }
  const raw = ms(t0);
  await resetDue();

  t0 = process.hrtime.bigint();
  const result = await scanDueSlas(kefu.db, async () => {}, new Date());
  const scan = ms(t0);
  t0 = process.hrtime.bigint();
  const idle = await scanDueSlas(kefu.db, async () => {}, new Date());
  const idleMs = ms(t0);
  await c.end();
  console.log(`| measurement | tickets checked | ms | vs raw |`);
  console.log(`|---|---:|---:|---:|`);
  console.log(`| raw (claim + write one column) | ${DUE} | ${raw.toFixed(0)} | 100 % |`);
  console.log(`| scan (${result.events} events written) | ${result.checked} | ${scan.toFixed(0)} | ${((scan / raw) * 100).toFixed(0)} % |`);
  console.log(`| idle scan | ${idle.checked} | ${idleMs.toFixed(1)} | — |`);
} finally {
  await kefu.close();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
