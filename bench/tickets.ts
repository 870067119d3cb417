/**
 * `npm run bench:tickets` — the service-desk benchmark (PostgreSQL). Generates a customer file
 * (bench/customer-data.ts) and a service desk with tickets over it (bench/ticket-data.ts), starts
 * a real Kefu server process and loads it with autocannon from this process:
 *   create     POST /api/v1/tickets as agents (data scope 本人): validation, customer check, insert,
 *              status history, customer timeline, routing (default team by type and channel, the
 *              team's member rows locked, assignee by strategy or the team's queue), SLA, audit
 *   create-1   the same with one connection (the latency of one creation with nobody waiting)
 *   view-team  GET /api/v1/tickets?view=team (open tickets of the agent's teams, first page)
 *   view-mine  GET /api/v1/tickets?view=mine (the agent's own open tickets, first page)
 * Baselines of the same run: GET /healthz on the same server (no database), and a bare
 * Fastify + pg server (this file with --raw-server, the same pool as Kefu's) answering
 *   raw-insert POST → one parameterized INSERT into tickets of the columns createTicket writes
 *   raw-view   the very SQL and values Kefu sent for each view request, prepared by name
 * Last, EXPLAIN (ANALYZE, BUFFERS) of one agent's view statements goes into the report.
 * The SLA scan is measured by bench/sla.ts (`npx tsx bench/sla.ts`).
 *
 * Options (env): BENCH_CUSTOMERS (1,000,000), BENCH_TICKETS (1,000,000), BENCH_AGENTS (400),
 * BENCH_CONNECTIONS (50, create), BENCH_VIEW_CONNECTIONS (10, views), BENCH_SECONDS (10),
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; the benchmark creates and
 * drops kefu_bench_tickets), BENCH_KEEP=1 keeps the database, BENCH_REUSE=1 uses a kept one.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { bootstrap } from '../src/server/bootstrap.js';
import { loadConfig } from '../src/server/config.js';
import { createKefu } from '../src/server/kernel.js';
import { loadActor } from '../src/server/platform/actor.js';
import { newSecret } from '../src/server/platform/auth/tokens.js';
import type { DB } from '../src/server/platform/db-schema.js';
import { listTicketRows, listTicketsQuery } from '../src/server/modules/tickets/tickets.list.js';
import { createTicket } from '../src/server/modules/tickets/tickets.service.js';
import { createTicketBody } from '../src/shared/tickets.js';
import { createOwners, customerRows, loadCustomers, type LoadTimings } from './customer-data.js';
import { CHANNEL_GROUPS, createServiceDesk, loadTickets, type TicketLoadTimings, TYPES } from './ticket-data.js';
import { int, ms, pct, percentile, rssMb, startProcess, stop, withPgClient } from './support.js';

/* ---------- configuration ---------- */

const env = process.env;
const CUSTOMERS = Number(env.BENCH_CUSTOMERS ?? 1_000_000);
const TICKETS = Number(env.BENCH_TICKETS ?? 1_000_000);
const AGENTS = Number(env.BENCH_AGENTS ?? 400);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 50);
const VIEW_CONNECTIONS = Number(env.BENCH_VIEW_CONNECTIONS ?? 10);
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const PG_BASE = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'kefu_bench_tickets';
const KEEP = env.BENCH_KEEP === '1';
const REUSE = env.BENCH_REUSE === '1';
const STATE_FILE = path.join(os.tmpdir(), `${DB_NAME}.json`);
/** Agents that make requests: one per team. */
const ACTIVE_AGENTS = 20;

type Measure = { name: string; connections: number; rps: number; p50: number; p95: number; p99: number; requests: number; errors: number; non2xx: number };
type Req = { method: 'GET' | 'POST'; path: string; body?: string; cookie?: string };
type Captured = { text: string; values: unknown[] };

/* ---------- load generation ---------- */


/** Loads `base` with the requests `next()` makes, for `seconds`; exact percentiles from every 2xx response. */
async function load(name: string, base: string, next: () => Req, opts: { seconds: number; connections: number }): Promise<Measure> {
  const latencies: number[] = [];
  const first = next();
  const instance = autocannon({
    url: base + first.path,
    connections: opts.connections,
    duration: opts.seconds,
    requests: [
      {
        setupRequest: (req) => {
          const r = next();
          const headers: Record<string, string> = { ...(r.cookie ? { cookie: r.cookie } : {}), ...(r.body ? { 'content-type': 'application/json' } : {}) };
          return { ...req, method: r.method, path: r.path, body: r.body, headers };
        },
      },
    ],
  }) as unknown as Promise<autocannon.Result> & EventEmitter;
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status < 300) latencies.push(ms);
  });
  const r = await instance;
  const sorted = Float64Array.from(latencies).sort();
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    name,
    connections: opts.connections,
    rps: round(latencies.length / opts.seconds),
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    requests: r.requests.total,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}




/* ---------- the raw baseline server (a child process) ---------- */

/** The columns createTicket inserts, in one parameterized statement. */
const RAW_INSERT = `INSERT INTO tickets (org_id, id, type, subtype, category_id, subject, description, channel, priority, customer_id, contact_id,
  requester_name, requester_email, requester_phone, customer_tier, team_id, assignee_id, department_id, cc, tags, custom, created_by, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23) RETURNING id, number`;

/**
 * Bare Fastify + pg on Kefu's own pool settings (openDatabase: size, session options), no
 * session, permission check, validation schema or presenter: POST /raw/tickets inserts the
 * posted ticket; GET /raw/q/:i answers captured statement i.
 */
async function rawServer() {
  const Fastify = (await import('fastify')).default;
  const { openDatabase } = await import('../src/server/platform/db.js');
  const { uuidv7 } = await import('../src/server/platform/ids.js');
  const queries = JSON.parse(fs.readFileSync(process.env.BENCH_QUERIES!, 'utf8')) as Captured[];
  const names = queries.map((q) => `r_${createHash('sha1').update(q.text).digest('hex').slice(0, 20)}`);
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
  const orgId = process.env.BENCH_ORG_ID!;
  const createdBy = process.env.BENCH_CREATED_BY!;
  const app = Fastify({ logger: false });
  app.post<{ Body: Record<string, string | null | undefined> }>('/raw/tickets', async (req, reply) => {
    const b = req.body;
    const { rows } = await database.pool.query({
      name: 'raw-ticket-insert',
      text: RAW_INSERT,
      values: [orgId, uuidv7(), b.type, b.subtype ?? null, null, b.subject, b.description ?? '', b.channel, b.priority ?? 'normal', b.customerId ?? null, null,
        null, null, null, null, null, null, null, [], [], {}, createdBy, new Date()],
    });
    return reply.code(201).send(rows[0]);
  });
  app.get<{ Params: { i: string } }>('/raw/q/:i', async (req) => {
    const i = Number(req.params.i);
    const { rows } = await database.pool.query({ name: names[i], text: queries[i].text, values: queries[i].values });
    return { items: rows };
  });
  const close = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void close());
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  console.log('ready');
}

/* ---------- preparation ---------- */


type State = {
  orgId: string;
  adminId: string;
  /** One agent per team: who makes the requests. */
  agents: { id: string; teamId: string }[];
  customerIds: string[];
  customers: LoadTimings | null;
  tickets: TicketLoadTimings | null;
  generateMs: number;
};

async function prepare() {
  const u = new URL(PG_BASE);
  u.pathname = `/${DB_NAME}`;
  const databaseUrl = u.toString();
  const exists = await withPgClient(PG_BASE, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME])).rowCount === 1);
  const reuse = REUSE && exists && fs.existsSync(STATE_FILE);
  if (!reuse) {
    await withPgClient(PG_BASE, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${DB_NAME} TEMPLATE template0 LOCALE 'C.UTF-8' ENCODING 'UTF8'`);
    });
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-tickets-'));
  const cleanup = async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (!KEEP) {
      await withPgClient(PG_BASE, (c) => c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`));
      fs.rmSync(STATE_FILE, { force: true });
    }
  };
  try {
    const kefu = await createKefu(loadConfig({ ...process.env, KEFU_DATA_DIR: dataDir, KEFU_LOG_LEVEL: 'silent' }, { databaseUrl }));
    try {
      let state: State;
      if (reuse) {
        state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as State;
        console.error('  reusing the kept database');
        // The previous run's creations left dead rows and stale statistics.
        await sql`VACUUM ANALYZE`.execute(kefu.db);
      } else {
        const boot = await bootstrap(kefu.db, { adminPassword: 'Bench-Admin-2026' });
        const admin = await kefu.db.selectFrom('users').select(['id', 'department_id']).where('username', '=', 'admin').executeTakeFirstOrThrow();
        const t0 = Date.now();
        const staff = await createOwners(kefu.db, boot.orgId, admin.department_id!, 200);
        const rows = customerRows({ count: CUSTOMERS, owners: staff.owners, agent: staff.agent, agentCustomers: 5000, now: Date.now() });
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        let customers: LoadTimings;
        let tickets: TicketLoadTimings;
        try {
          customers = await loadCustomers({ kind: 'postgres', client }, boot.orgId, admin.id, rows, (n) =>
            process.stderr.write(`\r  ${n.toLocaleString('en')} / ${CUSTOMERS.toLocaleString('en')} customers (${Math.round((Date.now() - t0) / 1000)} s)`),
          );
          process.stderr.write(`\n  customers loaded in ${Math.round(customers.totalMs / 1000)} s; generating ${TICKETS.toLocaleString('en')} tickets …\n`);
          const desk = await createServiceDesk(kefu.db, boot.orgId, admin.department_id!, AGENTS);
          tickets = await loadTickets(client, boot.orgId, desk, TICKETS);
          console.error(`  tickets loaded in ${Math.round(tickets.totalMs / 1000)} s (${JSON.stringify(tickets)})`);
          const agents = desk.teams.slice(0, ACTIVE_AGENTS).map((t) => ({ id: t.members[0], teamId: t.id }));
          const sample = await client.query<{ id: string }>(`SELECT id FROM customers WHERE org_id = $1 ORDER BY md5(id::text) LIMIT 2000`, [boot.orgId]);
          state = { orgId: boot.orgId, adminId: admin.id, agents, customerIds: sample.rows.map((r) => r.id), customers, tickets, generateMs: Date.now() - t0 };
        } finally {
          await client.end();
        }
        fs.writeFileSync(STATE_FILE, JSON.stringify(state));
      }
      const cookies = new Map<string, string>();
      for (const a of state.agents) {
        const session = newSecret();
        await kefu.db.insertInto('sessions').values({ id: session.hash, org_id: state.orgId, user_id: a.id, expires_at: new Date(Date.now() + 86_400_000) }).execute();
        cookies.set(a.id, `kefu_session=${session.secret}`);
      }
      const settings = (
        await sql<{ s: string }>`SELECT concat_ws(', ', split_part(version(), ' ', 2), 'shared_buffers ' || current_setting('shared_buffers'),
          'work_mem ' || current_setting('work_mem'), 'autovacuum ' || current_setting('autovacuum')) AS s`.execute(kefu.db)
      ).rows[0].s;
      const counts = (
        await sql<{ tickets: number; open: number; customers: number }>`SELECT (SELECT count(*)::int FROM tickets) AS tickets,
          (SELECT count(*)::int FROM tickets WHERE status IN ('new','open','pending','on_hold')) AS open, (SELECT count(*)::int FROM customers) AS customers`.execute(kefu.db)
      ).rows[0];

      // The very SQL Kefu sends for each agent's views (the raw baseline replays it).
      const captured: Captured[] = [];
      let last: Captured | null = null;
      const capture = new Kysely<DB>({
        dialect: new PostgresDialect({ pool: kefu.database.pool }),
        log: (e) => {
          if (e.level === 'query') last = { text: e.query.sql, values: [...e.query.parameters] };
        },
      });
      const views: Record<'team' | 'mine', { paths: { path: string; cookie: string }[]; raw: number[]; rows: number[] }> = {
        team: { paths: [], raw: [], rows: [] },
        mine: { paths: [], raw: [], rows: [] },
      };
      for (const a of state.agents) {
        const actor = (await loadActor(kefu.db, state.orgId, a.id, { ip: '127.0.0.1' }))!;
        for (const view of ['team', 'mine'] as const) {
          last = null;
          const rows = await listTicketRows(capture, actor, listTicketsQuery.parse({ view }), null);
          if (!last) throw new Error(`no query captured for view ${view}`);
          views[view].raw.push(captured.push(last) - 1);
          views[view].paths.push({ path: `/api/v1/tickets?view=${view}`, cookie: cookies.get(a.id)! });
          views[view].rows.push(rows.length);
        }
      }
      // How much each view holds for the first agent (context for the page's cost).
      const first = state.agents[0];
      const held = (
        await sql<{ team: number; mine: number }>`SELECT count(*) FILTER (WHERE team_id = ${first.teamId})::int AS team,
          count(*) FILTER (WHERE assignee_id = ${first.id})::int AS mine
          FROM tickets WHERE org_id = ${state.orgId} AND deleted_at IS NULL AND status IN ('new','open','pending','on_hold')`.execute(kefu.db)
      ).rows[0];
      const queriesFile = path.join(os.tmpdir(), `kefu-bench-tickets-queries-${process.pid}.json`);
      fs.writeFileSync(queriesFile, JSON.stringify(captured));
      return { databaseUrl, dataDir, state, cookies, settings, counts, captured, views, held, queriesFile, reused: reuse, cleanup };
    } finally {
      await kefu.close();
    }
  } catch (err) {
    await cleanup();
    throw err;
  }
}

type Prepared = Awaited<ReturnType<typeof prepare>>;

/* ---------- request makers ---------- */

const SUBJECTS = ['来电咨询：订单什么时候发货', '投诉：快递延误，要求赔偿', '空调不制冷，预约上门维修', '申请开具增值税专用发票', '建议：增加夜间人工客服'];

/** A ticket an agent registers on the phone: a random type and channel (so routing spreads over the teams) and customer. */
function ticketBody(prep: Prepared, n: number) {
  const type = TYPES[n % TYPES.length];
  const group = CHANNEL_GROUPS[Math.floor(n / TYPES.length) % CHANNEL_GROUPS.length];
  const channel = group[n % group.length];
  const ids = prep.state.customerIds;
  return {
    type,
    ...(type === 'after_sales' ? { subtype: 'repair' } : {}),
    subject: `${SUBJECTS[n % SUBJECTS.length]}（${n}）`,
    description: '客户来电，详细情况见通话记录。',
    channel,
    priority: n % 10 === 0 ? 'high' : 'normal',
    customerId: ids[(n * 7) % ids.length],
  };
}

function creator(prep: Prepared, base: string, pathOf: string, withCookie: boolean): () => Req {
  let n = 0;
  const agents = prep.state.agents;
  return () => {
    const i = n++;
    const body = JSON.stringify(ticketBody(prep, i + process.pid * 1000));
    return { method: 'POST', path: pathOf, body, cookie: withCookie ? prep.cookies.get(agents[i % agents.length].id) : undefined };
  };
}

function cycle<T>(list: T[], f: (x: T) => Req): () => Req {
  let n = 0;
  return () => f(list[n++ % list.length]);
}

/* ---------- measurement ---------- */

async function measureRaw(prep: Prepared, port: number) {
  const server = await startProcess([new URL(import.meta.url).pathname, '--raw-server'], {
    PORT: String(port),
    BENCH_QUERIES: prep.queriesFile,
    DATABASE_URL: prep.databaseUrl,
    BENCH_ORG_ID: prep.state.orgId,
    BENCH_CREATED_BY: prep.state.agents[0].id,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const view = (name: 'team' | 'mine') => cycle(prep.views[name].raw, (i) => ({ method: 'GET', path: `/raw/q/${i}` }));
    await load('warmup', base, creator(prep, base, '/raw/tickets', false), { seconds: 2, connections: CONNECTIONS });
    await load('warmup', base, view('team'), { seconds: 2, connections: VIEW_CONNECTIONS });
    const insert = await load('raw-insert', base, creator(prep, base, '/raw/tickets', false), { seconds: SECONDS, connections: CONNECTIONS });
    console.error(`  raw-insert: ${insert.rps} req/s, p99 ${insert.p99} ms`);
    const team = await load('raw-view-team', base, view('team'), { seconds: SECONDS, connections: VIEW_CONNECTIONS });
    const mine = await load('raw-view-mine', base, view('mine'), { seconds: SECONDS, connections: VIEW_CONNECTIONS });
    console.error(`  raw views: team p95 ${team.p95} ms, mine p95 ${mine.p95} ms`);
    return { insert, team, mine };
  } finally {
    await stop(server);
  }
}

async function explain(prep: Prepared): Promise<string[]> {
  const client = new pg.Client({ connectionString: prep.databaseUrl, options: '-c jit=off -c max_parallel_workers_per_gather=0' });
  await client.connect();
  const out: string[] = [];
  try {
    for (const view of ['team', 'mine'] as const) {
      const q = prep.captured[prep.views[view].raw[0]];
      // Prepared and executed five times first, as on a pooled connection: the sixth may take the generic plan.
      const args = q.values.map((v) => (typeof v === 'number' ? String(v) : client.escapeLiteral(v instanceof Date ? v.toISOString() : String(v)))).join(', ');
      await client.query(`PREPARE x_${view} AS ${q.text}`);
      for (let i = 0; i < 5; i++) await client.query(`EXECUTE x_${view}(${args})`);
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE x_${view}(${args})`);
      await client.query(`DEALLOCATE x_${view}`);
      out.push(`view=${view} — ${q.text}`, ...rows.map((r) => `    ${r['QUERY PLAN']}`), '');
    }
  } finally {
    await client.end();
  }
  return out;
}

/** Samples what the benchmark database's busy connections wait on (every 100 ms) until stopped. */
function sampleWaits(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const done = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ w: string; n: number }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') || ' — ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS w, count(*)::int AS n
         FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() GROUP BY 1`,
      );
      samples++;
      for (const r of rows) counts.set(r.w, (counts.get(r.w) ?? 0) + r.n);
      await new Promise((r) => setTimeout(r, 100));
    }
    await client.end();
  })();
  return async () => {
    running = false;
    await done;
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([w, n]) => ({ busyConnections: Math.round((n / samples) * 10) / 10, waitAndStatement: w }));
  };
}

/**
 * Where one creation's time goes, in this process with the server stopped: createTicket called
 * one at a time, every statement logged through Kysely with its duration.
 */
async function profileCreate(prep: Prepared, count = 30) {
  const kefu = await createKefu(loadConfig({ ...process.env, KEFU_DATA_DIR: prep.dataDir, KEFU_LOG_LEVEL: 'silent' }, { databaseUrl: prep.databaseUrl }));
  try {
    let log: { sql: string; ms: number }[] = [];
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: kefu.database.pool }),
      log: (e) => {
        if (e.level === 'query') log.push({ sql: e.query.sql, ms: e.queryDurationMillis });
      },
    });
    const ctx = { kefu: { ...kefu, db }, actor: (await loadActor(kefu.db, prep.state.orgId, prep.state.agents[0].id, { ip: '127.0.0.1' }))! };
    const walls: number[] = [];
    const perStatement = new Map<string, { n: number; ms: number }>();
    const statements: number[] = [];
    const dbMs: number[] = [];
    for (let i = 0; i < count + 5; i++) {
      log = [];
      const t0 = performance.now();
      await createTicket(ctx, createTicketBody.parse(ticketBody(prep, 900_000 + i)));
      if (i < 5) continue; // warm-up
      walls.push(performance.now() - t0);
      statements.push(log.length);
      dbMs.push(log.reduce((a, x) => a + x.ms, 0));
      for (const x of log) {
        const key = x.sql.replace(/\s+/g, ' ').slice(0, 110);
        const e = perStatement.get(key) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += x.ms;
        perStatement.set(key, e);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const top = [...perStatement.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8).map(([q, e]) => ({ sql: q, perCreationMs: Math.round((e.ms / count) * 100) / 100, perCreation: e.n / count }));
    return { creations: count, medianWallMs: Math.round(median(walls) * 10) / 10, medianStatements: median(statements), medianStatementMs: Math.round(median(dbMs) * 10) / 10, top };
  } finally {
    await kefu.close();
  }
}

async function bench() {
  console.error('preparing …');
  const prep = await prepare();
  const port = 4100 + Math.floor(Math.random() * 800);
  let server: ChildProcess | null = null;
  try {
    const raw = await measureRaw(prep, port + 1000);
    server = await startProcess(['src/cli/main.ts', 'serve'], {
      PORT: String(port),
      KEFU_DATA_DIR: prep.dataDir,
      KEFU_LOG_LEVEL: 'warn',
      KEFU_RATE_LIMIT: '100000000',
      DATABASE_URL: prep.databaseUrl,
    });
    const base = `http://127.0.0.1:${port}`;
    const view = (name: 'team' | 'mine') => cycle(prep.views[name].paths, (p) => ({ method: 'GET', path: p.path, cookie: p.cookie }));
    const before = await countCreated(prep);
    await load('warmup', base, creator(prep, base, '/api/v1/tickets', true), { seconds: 3, connections: CONNECTIONS });
    await load('warmup', base, view('team'), { seconds: 2, connections: VIEW_CONNECTIONS });
    const nodbBefore = await load('nodb', base, () => ({ method: 'GET', path: '/healthz' }), { seconds: 5, connections: CONNECTIONS });
    const stopSampling = sampleWaits(prep.databaseUrl);
    const create = await load('create', base, creator(prep, base, '/api/v1/tickets', true), { seconds: SECONDS, connections: CONNECTIONS });
    const waits = await stopSampling();
    console.error(`  create: ${create.rps} req/s, p99 ${create.p99} ms, ${create.non2xx} non-2xx`);
    const create1 = await load('create-1', base, creator(prep, base, '/api/v1/tickets', true), { seconds: 5, connections: 1 });
    const team = await load('view-team', base, view('team'), { seconds: SECONDS, connections: VIEW_CONNECTIONS });
    const mine = await load('view-mine', base, view('mine'), { seconds: SECONDS, connections: VIEW_CONNECTIONS });
    console.error(`  views: team p95 ${team.p95} ms, mine p95 ${mine.p95} ms`);
    const nodbAfter = await load('nodb', base, () => ({ method: 'GET', path: '/healthz' }), { seconds: 5, connections: CONNECTIONS });
    const serverRssMb = rssMb(server.pid!);
    await stop(server);
    server = null;
    const created = await countCreated(prep, before.at as Date);
    const plans = await explain(prep);
    const profile = await profileCreate(prep);
    return { prep, raw, nodb: [nodbBefore, nodbAfter], create, create1, team, mine, created, serverRssMb, plans, profile, waits };
  } finally {
    await stop(server);
    fs.rmSync(prep.queriesFile, { force: true });
    await prep.cleanup();
  }
}

/** What the API's creations did: routed (team, assignee or queue), SLA policy and due times, history and audit rows. */
async function countCreated(prep: Prepared, since?: Date) {
  const c = new pg.Client({ connectionString: prep.databaseUrl });
  await c.connect();
  try {
    if (!since) return { at: (await c.query<{ now: Date }>('SELECT now()')).rows[0].now };
    const { rows } = await c.query(
      `SELECT count(*)::int AS tickets, count(team_id)::int AS with_team, count(assignee_id)::int AS assigned, count(queued_at)::int AS queued,
         count(sla_policy_id)::int AS with_sla_policy, count(first_response_due_at)::int AS with_due
       FROM tickets WHERE created_at >= $1`,
      [since],
    );
    return { at: since, ...rows[0] } as Record<string, unknown>;
  } finally {
    await c.end();
  }
}

/* ---------- report ---------- */

type Run = Awaited<ReturnType<typeof bench>>;

function report(run: Run): string {
  const { prep, raw } = run;
  const s = prep.state;
  const lines = [
    `Kefu service-desk benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`,
    `PostgreSQL ${prep.settings}`,
    `${int(prep.counts.customers)} customers, ${int(prep.counts.tickets)} tickets (${int(prep.counts.open)} open) before the run, ${AGENTS} agents in 20 teams; requests by ${s.agents.length} agents (data scope 本人), one per team`,
    prep.reused
      ? 'Reused a kept database.'
      : `Generated in ${int(s.generateMs / 1000)} s: customers ${int((s.customers?.totalMs ?? 0) / 1000)} s; tickets ${int((s.tickets?.totalMs ?? 0) / 1000)} s (insert ${int((s.tickets?.insertMs ?? 0) / 1000)} s, ${int(s.tickets?.history ?? 0)} history rows ${int((s.tickets?.historyMs ?? 0) / 1000)} s, indexes ${int((s.tickets?.indexMs ?? 0) / 1000)} s, VACUUM ANALYZE ${int((s.tickets?.vacuumAnalyzeMs ?? 0) / 1000)} s)`,
    `Open tickets of the first agent's team: ${int(prep.held.team)}; held by the agent: ${int(prep.held.mine)}. Server RSS after the run: ${run.serverRssMb} MB.`,
    `GET /healthz (no database, ${CONNECTIONS} connections): ${int(run.nodb[0].rps)} req/s before, ${int(run.nodb[1].rps)} after.`,
    '',
    '| measurement | connections | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | vs raw (req/s) | vs no-DB (req/s) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const row = (m: Measure, base?: Measure) =>
    lines.push(`| ${m.name} | ${m.connections} | ${int(m.rps)} | ${ms(m.p50)} | ${ms(m.p95)} | ${ms(m.p99)} | ${m.errors} | ${m.non2xx} | ${pct(m.rps, base?.rps)} | ${pct(m.rps, run.nodb[0].rps)} |`);
  row(raw.insert);
  row(run.create, raw.insert);
  row(run.create1, raw.insert);
  row(raw.team);
  row(run.team, raw.team);
  row(raw.mine);
  row(run.mine, raw.mine);
  const createRatio = run.create.rps / raw.insert.rps;
  lines.push(
    '',
    `Targets: create ≥ 40 % of raw insert: ${pct(run.create.rps, raw.insert.rps)} — ${createRatio >= 0.4 ? 'met' : 'missed'}; create p99 ≤ 50 ms at ${CONNECTIONS} connections: ${ms(run.create.p99)} ms — ${run.create.p99 <= 50 ? 'met' : 'missed'};`,
    `agent view p95 ≤ 100 ms: team ${ms(run.team.p95)} ms — ${run.team.p95 <= 100 ? 'met' : 'missed'}, mine ${ms(run.mine.p95)} ms — ${run.mine.p95 <= 100 ? 'met' : 'missed'}.`,
    `Tickets the API created during the run: ${JSON.stringify(run.created)}`,
    '',
    `One creation at a time, in process (${run.profile.creations} creations): median ${ms(run.profile.medianWallMs)} ms wall, ${run.profile.medianStatements} statements taking ${ms(run.profile.medianStatementMs)} ms together. Statements by time per creation:`,
    '',
    '| ms per creation | statements per creation | statement |',
    '|---:|---:|---|',
    ...run.profile.top.map((x) => `| ${x.perCreationMs} | ${x.perCreation} | \`${x.sql.replace(/\|/g, '\\|')}\` |`),
    '',
    `Busy database connections during \`create\` (average over 100 ms samples), by wait event and statement:`,
    '',
    '| busy connections | wait — statement |',
    '|---:|---|',
    ...run.waits.map((w) => `| ${w.busyConnections} | \`${w.waitAndStatement.replace(/\|/g, '\\|')}\` |`),
    '',
    'EXPLAIN (ANALYZE, BUFFERS), first agent, generic plan after five executions:',
    '',
    '```',
    ...run.plans,
    '```',
  );
  return lines.join('\n');
}

async function main() {
  const run = await bench();
  const text = report(run);
  console.log(text);
  fs.mkdirSync('bench/results', { recursive: true });
  const stamp = Date.now();
  const { prep, ...rest } = run;
  fs.writeFileSync(`bench/results/tickets-${stamp}.json`, JSON.stringify({ settings: prep.settings, counts: prep.counts, state: { ...prep.state, customerIds: undefined }, ...rest }, null, 2));
  fs.writeFileSync(`bench/results/tickets-${stamp}.md`, `${text}\n`);
}

if (process.argv.includes('--raw-server')) await rawServer();
else await main();
