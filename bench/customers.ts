/**
 * `npm run bench:customers` — the §2 customer benchmark. Per engine (PostgreSQL, then PGlite):
 * generate a customer file (bench/customer-data.ts: 1,000,000 customers on PostgreSQL, 100,000
 * on PGlite), then load a real Kefu server process with autocannon from this process:
 *   search    GET /api/v1/customers?q=…&limit=20, cycling through ten kinds of query (full name,
 *             2-character fragment, surname, full pinyin, initials, last 4 phone digits, mobile,
 *             e-mail, credit code, English name), mixed and each kind alone
 *   register  GET /api/v1/customers?limit=50 with filters and sorts (status, tags, owner, …)
 * each as an administrator (scope 全部) and as an agent with scope 本人 owning ~5,000 customers.
 * Baselines of the same run: GET /healthz on the same server (no database), and a bare
 * Fastify + pg server (this file with --raw-server) sending the very SQL Kefu sends for each
 * request, prepared by name as Kefu prepares it. Every figure is reported beside them.
 *
 * Last, with the server stopped: CSV and XLSX import of 50,000 new customers through the import
 * service (`createImport` + `runImport`) against a raw COPY of the same rows.
 *
 * Options (env): BENCH_ENGINES (postgres,pglite), BENCH_CUSTOMERS (default 1,000,000 on
 * PostgreSQL, 100,000 on PGlite), BENCH_CONNECTIONS (4), BENCH_SECONDS (10, mixed runs),
 * BENCH_KIND_SECONDS (3, per-kind runs; 0 skips them), BENCH_IMPORT_ROWS (50,000; 0 skips the
 * import), BENCH_DATABASE_URL (an existing database to connect through; default
 * postgres://postgres@127.0.0.1:5432/test; the benchmark creates and drops kefu_bench_customers),
 * BENCH_KEEP=1 keeps the generated database / data directory, BENCH_REUSE=1 uses a kept one
 * instead of generating.
 */
import type { ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pinyin } from 'pinyin-pro';
import { loadConfig } from '../src/server/config.js';
import { createKefu } from '../src/server/kernel.js';
import { bootstrap } from '../src/server/bootstrap.js';
import { loadActor } from '../src/server/platform/actor.js';
import { newSecret } from '../src/server/platform/auth/tokens.js';
import type { DB } from '../src/server/platform/db-schema.js';
import { uuidv7 } from '../src/server/platform/ids.js';
import { listCustomFieldDefs } from '../src/server/modules/config/custom-fields.service.js';
import { countCustomers, listCustomers } from '../src/server/modules/customers/customers.repo.js';
import { listCustomersQuery } from '../src/server/modules/customers/customers.schema.js';
import { t } from '../src/server/platform/i18n.js';
import { FileStore, resolveFilesDir } from '../src/server/platform/files.js';
import { regionLabel } from '../src/server/modules/regions/regions.data.js';
import {
  COPY_SQL,
  copyChunks,
  createOwners,
  customerRows,
  type CustomerRowOut,
  loadCustomers,
  type LoadTimings,
  type Samples,
  type SampleSet,
} from './customer-data.js';
import { int, ms, pct, percentile, rssMb, startProcess, stop, withPgClient } from './support.js';

/* ---------- configuration ---------- */

const env = process.env;
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 4);
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const KIND_SECONDS = Number(env.BENCH_KIND_SECONDS ?? 3);
const PG_BASE = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'kefu_bench_customers';
const KEEP = env.BENCH_KEEP === '1';
const REUSE = env.BENCH_REUSE === '1';
const PGLITE_DIR = path.join(os.tmpdir(), 'kefu-bench-customers-pglite');
const VALUES_PER_KIND = 20;

/** What one request set is made of: named kinds, each a list of request paths (Kefu) and raw query indexes. */
type Kind = { kind: string; paths: string[]; raw: number[]; matches?: { median: number; max: number } };
type RequestSet = { name: string; actor: 'admin' | 'agent'; kinds: Kind[] };
type Captured = { text: string; values: unknown[] };
type Measure = { name: string; rps: number; p50: number; p95: number; p99: number; requests: number; errors: number; non2xx: number };

/* ---------- load generation ---------- */


/** Loads `base` + paths (cycled in order) for `seconds`; exact percentiles from every response. */
async function load(name: string, base: string, paths: string[], opts: { seconds: number; cookie?: string }): Promise<Measure> {
  let next = 0;
  const latencies: number[] = [];
  const instance = autocannon({
    url: base + paths[0],
    connections: CONNECTIONS,
    duration: opts.seconds,
    headers: opts.cookie ? { cookie: opts.cookie } : {},
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
  }) as unknown as Promise<autocannon.Result> & EventEmitter;
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status < 300) latencies.push(ms);
  });
  const r = await instance;
  const sorted = Float64Array.from(latencies).sort();
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    name,
    rps: round(r.requests.total / opts.seconds),
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    requests: r.requests.total,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}




/* ---------- the raw baseline server (a child process) ---------- */

/**
 * Bare Fastify + pg answering GET /raw/:i with the rows of captured statement i (the SQL and
 * values Kefu sent for the same request), prepared by name like Kefu's prepared pool; no
 * session, no permission check, no presenter. On PGlite it opens the data directory itself
 * (the Kefu server is stopped meanwhile: two openers of one PGlite directory lose data).
 */
async function rawServer() {
  const Fastify = (await import('fastify')).default;
  const { openDatabase } = await import('../src/server/platform/db.js');
  const { createHash } = await import('node:crypto');
  const queries = JSON.parse(fs.readFileSync(process.env.BENCH_QUERIES!, 'utf8')) as Captured[];
  const names = queries.map((q) => `r_${createHash('sha1').update(q.text).digest('hex').slice(0, 20)}`);
  const database = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: process.env.KEFU_DATA_DIR });
  const app = Fastify({ logger: false });
  app.get('/nodb', async () => ({ ok: true }));
  app.get<{ Params: { i: string } }>('/raw/:i', async (req) => {
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

/* ---------- preparation: database, data, sessions, requests ---------- */

const pinyinOf = (text: string) => pinyin(text, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed', v: true }).map((s) => s.toLowerCase());

/** Ten kinds of search-box query, each with real values from the generated data. */
function searchQueries(s: Samples): Record<string, string[]> {
  const persons = s.persons;
  const take = <T>(list: T[], f: (x: T, i: number) => string | null | undefined) =>
    [...new Set(list.map(f).filter((x): x is string => !!x))].slice(0, VALUES_PER_KIND);
  return {
    name: take(persons, (p) => p.name),
    fragment: take([...persons.keys()], (i) => (i % 2 === 0 ? s.orgs[i % s.orgs.length]?.brand.slice(0, 2) : persons[i].name.length === 3 ? persons[i].name.slice(1) : null)),
    surname: take(persons, (p) => p.name.charAt(0)),
    pinyin: take(persons, (p) => pinyinOf(p.name).join('')),
    initials: take(persons, (p) => pinyinOf(p.name).map((x) => x[0]).join('')),
    phone4: take(persons, (p) => p.phones[0].slice(-4)),
    mobile: take(persons, (p) => p.phones[0]),
    email: take([...persons, ...s.orgs], (p) => p.email),
    credit: take(s.orgs, (o) => o.creditCode),
    english: take(persons, (p) => p.nameEn),
  };
}

/** Register pages: filters and sorts people keep as views. */
function registerQueries(ownerId: string, now: number): Record<string, Record<string, string>> {
  const f = (...conditions: object[]) => JSON.stringify({ match: 'all', conditions });
  return {
    default: { sort: '-created_at' },
    status: { filter: f({ field: 'lifecycleStatus', op: 'eq', value: 'active' }), sort: '-created_at' },
    'tag-common': { filter: f({ field: 'tags', op: 'has_any', value: ['VIP'] }), sort: '-updated_at' },
    'tag-rare': { filter: f({ field: 'tags', op: 'has_any', value: ['黑名单'] }), sort: '-created_at' },
    owner: { filter: f({ field: 'ownerId', op: 'eq', value: ownerId }), sort: '-created_at' },
    'org-at-risk-by-name': { filter: f({ field: 'kind', op: 'eq', value: 'organization' }, { field: 'lifecycleStatus', op: 'in', value: ['at_risk', 'churned'] }), sort: 'name' },
    'recent-30d': { filter: f({ field: 'createdAt', op: 'gte', value: new Date(now - 30 * 86_400_000).toISOString() }), sort: '-created_at' },
    'at-risk-by-activity': { filter: f({ field: 'lifecycleStatus', op: 'eq', value: 'at_risk' }), sort: '-last_activity_at' },
  };
}

type Prepared = {
  engine: 'postgres' | 'pglite';
  databaseUrl?: string;
  dataDir: string;
  count: number;
  /** The database's version and the settings that move these figures. */
  settings: string;
  load: LoadTimings | null;
  generateMs: number;
  cookies: { admin: string; agent: string };
  agentCustomers: number;
  sets: RequestSet[];
  queries: Captured[];
  queriesFile: string;
  cleanup: () => Promise<void>;
};


async function prepare(engine: 'postgres' | 'pglite'): Promise<Prepared> {
  const count = Number(env.BENCH_CUSTOMERS ?? (engine === 'postgres' ? 1_000_000 : 100_000));
  const dataDir = engine === 'pglite' ? PGLITE_DIR : fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-cust-'));
  let databaseUrl: string | undefined;
  const stateFile = engine === 'postgres' ? path.join(os.tmpdir(), `${DB_NAME}.json`) : path.join(dataDir, 'bench-state.json');
  let reuse = REUSE && fs.existsSync(stateFile);
  if (engine === 'postgres') {
    const u = new URL(PG_BASE);
    u.pathname = `/${DB_NAME}`;
    databaseUrl = u.toString();
    const exists = await withPgClient(PG_BASE, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME])).rowCount === 1);
    reuse = reuse && exists;
    if (!reuse) {
      await withPgClient(PG_BASE, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${DB_NAME} TEMPLATE template0 LOCALE 'C.UTF-8' ENCODING 'UTF8'`);
      });
    }
  } else {
    if (!reuse) fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const cleanup = async () => {
    if (engine === 'postgres') {
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (!KEEP) {
        await withPgClient(PG_BASE, (c) => c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`));
        fs.rmSync(stateFile, { force: true });
      }
    } else if (!KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const config = loadConfig({ ...process.env, KEFU_DATA_DIR: dataDir, KEFU_LOG_LEVEL: 'silent' }, { databaseUrl });
  const kefu = await createKefu(config);
  try {
    const boot = await bootstrap(kefu.db, { adminPassword: 'Bench-Admin-2026' });
    const orgId = boot.orgId;
    const admin = await kefu.db.selectFrom('users').select(['id', 'department_id']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    // State a kept database needs to be reused: who the agent is and what to search for.
    type State = { agentId: string; samples: SampleSet; load: LoadTimings; generateMs: number; now: number; ownerIds: string[] };
    let state: State;
    if (reuse) {
      state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as State;
      console.error(`  reusing the kept ${engine} database`);
      // A previous run's import left dead rows; autovacuum may be off (it is on the local test server).
      await sql`VACUUM ANALYZE`.execute(kefu.db);
    } else {
      const staff = await createOwners(kefu.db, orgId, admin.department_id!, 200);
      const samples: SampleSet = { all: { persons: [], orgs: [] }, agent: { persons: [], orgs: [] } };
      const now = Date.now();
      const rows = customerRows({ count, owners: staff.owners, agent: staff.agent, agentCustomers: 5000, now }, samples);
      const t0 = Date.now();
      const progress = (n: number) => process.stderr.write(`\r  ${engine}: ${n.toLocaleString('en')} / ${count.toLocaleString('en')} customers (${Math.round((Date.now() - t0) / 1000)} s)`);
      let loadTimings: LoadTimings;
      if (engine === 'postgres') {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        try {
          loadTimings = await loadCustomers({ kind: 'postgres', client }, orgId, admin.id, rows, progress);
        } finally {
          await client.end();
        }
      } else {
        loadTimings = await loadCustomers({ kind: 'pglite', pglite: kefu.database.pglite! }, orgId, admin.id, rows, progress);
      }
      process.stderr.write('\n');
      state = { agentId: staff.agent.id, samples, load: loadTimings, generateMs: Date.now() - t0, now, ownerIds: staff.owners.map((o) => o.id) };
      const roleId = uuidv7();
      await kefu.db
        .insertInto('roles')
        .values({
          org_id: orgId,
          id: roleId,
          code: 'bench_agent',
          name: '压测坐席（本人）',
          permissions: ['customers.read', 'customers.create', 'customers.update'],
          scopes: JSON.stringify({ customers: 'self', tickets: 'self' }),
          field_rules: JSON.stringify({ phone: 'mask', email: 'mask', address: 'mask', id_number: 'hide' }),
        })
        .execute();
      await kefu.db.insertInto('user_roles').values({ org_id: orgId, user_id: staff.agent.id, role_id: roleId }).execute();
      fs.writeFileSync(stateFile, JSON.stringify(state));
    }

    const cookies = { admin: '', agent: '' };
    for (const [who, userId] of [['admin', admin.id], ['agent', state.agentId]] as const) {
      const session = newSecret();
      await kefu.db.insertInto('sessions').values({ id: session.hash, org_id: orgId, user_id: userId, expires_at: new Date(Date.now() + 86_400_000) }).execute();
      cookies[who] = `kefu_session=${session.secret}`;
    }
    const settingsRow = await sql<{ s: string }>`SELECT concat_ws(', ', split_part(version(), ' ', 2), 'shared_buffers ' || current_setting('shared_buffers'),
      'work_mem ' || current_setting('work_mem'), 'jit ' || current_setting('jit', true),
      'max_parallel_workers_per_gather ' || current_setting('max_parallel_workers_per_gather'), 'autovacuum ' || current_setting('autovacuum')) AS s`.execute(kefu.db);
    const settings = settingsRow.rows[0].s;
    const total = Number((await kefu.db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow()).n);
    const agentCustomers = Number((await kefu.db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', orgId).where('owner_id', '=', state.agentId).executeTakeFirstOrThrow()).n);

    // Capture the very SQL Kefu sends for every request (the raw baseline replays it).
    const captured: Captured[] = [];
    let last: Captured | null = null;
    const capture = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: kefu.database.pool }),
      log: (e) => {
        if (e.level === 'query') last = { text: e.query.sql, values: [...e.query.parameters] };
      },
    });
    const customDefs = await listCustomFieldDefs(kefu.db, orgId, 'customer');
    const actors = {
      admin: (await loadActor(kefu.db, orgId, admin.id, { ip: '127.0.0.1' }))!,
      agent: (await loadActor(kefu.db, orgId, state.agentId, { ip: '127.0.0.1' }))!,
    };
    const sets: RequestSet[] = [];
    const addSet = async (name: string, who: 'admin' | 'agent', kinds: Record<string, Record<string, string>[]>) => {
      const set: RequestSet = { name, actor: who, kinds: [] };
      for (const [kind, list] of Object.entries(kinds)) {
        const k: Kind = { kind, paths: [], raw: [] };
        for (const params of list) {
          const parsed = listCustomersQuery.parse(params);
          last = null;
          await listCustomers(capture, actors[who], { ...parsed, customDefs });
          if (!last) throw new Error(`no query captured for ${JSON.stringify(params)}`);
          k.raw.push(captured.push(last) - 1);
          k.paths.push(`/api/v1/customers?${new URLSearchParams(params).toString()}`);
        }
        // How many rows each request matches in the actor's scope (context for its latency).
        const counts: number[] = [];
        for (const params of list) {
          const parsed = listCustomersQuery.parse(params);
          counts.push(await countCustomers(kefu.db, actors[who], { q: parsed.q, filter: parsed.filter, customDefs }));
        }
        counts.sort((a, b) => a - b);
        k.matches = { median: counts[Math.floor(counts.length / 2)], max: counts[counts.length - 1] };
        set.kinds.push(k);
      }
      sets.push(set);
    };
    for (const who of ['admin', 'agent'] as const) {
      const samples = who === 'admin' ? state.samples.all : state.samples.agent;
      const search = Object.fromEntries(Object.entries(searchQueries(samples)).map(([kind, qs]) => [kind, qs.map((q) => ({ q, limit: '20' }))]));
      await addSet(`search-${who}`, who, search);
    }
    for (const who of ['admin', 'agent'] as const) {
      const owner = who === 'admin' ? state.ownerIds[4] : state.agentId;
      const reg = Object.fromEntries(Object.entries(registerQueries(owner, state.now)).map(([kind, p]) => [kind, [{ ...p, limit: '50' }]]));
      await addSet(`register-${who}`, who, reg);
    }
    const queriesFile = path.join(os.tmpdir(), `kefu-bench-customers-queries-${process.pid}.json`);
    fs.writeFileSync(queriesFile, JSON.stringify(captured));
    return { engine, databaseUrl, dataDir, settings, count: total, load: reuse ? null : state.load, generateMs: state.generateMs, cookies, agentCustomers, sets, queries: captured, queriesFile, cleanup };
  } finally {
    await kefu.close();
  }
}

/* ---------- measurement ---------- */

type SetResult = { set: string; kefu: Measure; raw: Measure | null; kinds: { kind: string; matches?: Kind['matches']; kefu: Measure | null; raw: Measure | null }[] };

/** Mixed: kinds interleaved (kind₁ value₁, kind₂ value₁, …). */
function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}

async function measureRaw(prep: Prepared, port: number): Promise<Map<string, { mixed: Measure; kinds: Map<string, Measure> }>> {
  const envRaw: Record<string, string> = { PORT: String(port), BENCH_QUERIES: prep.queriesFile, DATABASE_URL: prep.databaseUrl ?? '', KEFU_DATA_DIR: prep.dataDir };
  const server = await startProcess([new URL(import.meta.url).pathname, '--raw-server'], envRaw);
  const base = `http://127.0.0.1:${port}`;
  const out = new Map<string, { mixed: Measure; kinds: Map<string, Measure> }>();
  try {
    const all = prep.queries.map((_, i) => `/raw/${i}`);
    await load('warmup', base, all, { seconds: 3 });
    for (const set of prep.sets) {
      const mixed = await load(`raw ${set.name}`, base, interleave(set.kinds.map((k) => k.raw.map((i) => `/raw/${i}`))), { seconds: SECONDS });
      const kinds = new Map<string, Measure>();
      if (KIND_SECONDS > 0) for (const k of set.kinds) kinds.set(k.kind, await load(`raw ${set.name} ${k.kind}`, base, k.raw.map((i) => `/raw/${i}`), { seconds: KIND_SECONDS }));
      out.set(set.name, { mixed, kinds });
      console.error(`  raw ${set.name}: ${mixed.rps} req/s, p95 ${mixed.p95} ms`);
    }
  } finally {
    await stop(server);
  }
  return out;
}

async function benchEngine(engine: 'postgres' | 'pglite') {
  console.error(`${engine}: preparing …`);
  const prep = await prepare(engine);
  const port = 4100 + Math.floor(Math.random() * 800);
  let server: ChildProcess | null = null;
  try {
    // Raw baseline first: on PGlite the Kefu server must not hold the data directory meanwhile.
    const raw = await measureRaw(prep, port + 1000);
    server = await startProcess(['src/cli/main.ts', 'serve'], {
      PORT: String(port),
      KEFU_DATA_DIR: prep.dataDir,
      KEFU_LOG_LEVEL: 'warn',
      KEFU_RATE_LIMIT: '100000000',
      DATABASE_URL: prep.databaseUrl ?? '',
    });
    const base = `http://127.0.0.1:${port}`;
    for (const set of prep.sets) await load('warmup', base, interleave(set.kinds.map((k) => k.paths)), { seconds: 2, cookie: prep.cookies[set.actor] });
    const nodbBefore = await load('nodb', base, ['/healthz'], { seconds: 5 });
    const results: SetResult[] = [];
    for (const set of prep.sets) {
      const cookie = prep.cookies[set.actor];
      const mixed = await load(set.name, base, interleave(set.kinds.map((k) => k.paths)), { seconds: SECONDS, cookie });
      if (mixed.non2xx > 0 || mixed.errors > 0) console.error(`  ${set.name}: ${mixed.non2xx} non-2xx, ${mixed.errors} errors`);
      const r = raw.get(set.name)!;
      const kinds: SetResult['kinds'] = [];
      for (const k of set.kinds) {
        const m = KIND_SECONDS > 0 ? await load(`${set.name} ${k.kind}`, base, k.paths, { seconds: KIND_SECONDS, cookie }) : null;
        kinds.push({ kind: k.kind, matches: k.matches, kefu: m, raw: r.kinds.get(k.kind) ?? null });
      }
      results.push({ set: set.name, kefu: mixed, raw: r.mixed, kinds });
      console.error(`  ${set.name}: ${mixed.rps} req/s, p95 ${mixed.p95} ms (raw p95 ${r.mixed.p95} ms)`);
    }
    const nodbAfter = await load('nodb', base, ['/healthz'], { seconds: 5 });
    const serverRssMb = rssMb(server.pid!);
    await stop(server);
    server = null;
    const imports = await importBench(prep).catch((err: Error) => ({ skipped: `failed: ${err.stack ?? err.message}` }));
    return { engine, settings: prep.settings, customers: prep.count, agentCustomers: prep.agentCustomers, generateMs: prep.generateMs, load: prep.load, serverRssMb, nodb: [nodbBefore, nodbAfter], results, imports };
  } finally {
    await stop(server);
    fs.rmSync(prep.queriesFile, { force: true });
    await prep.cleanup();
  }
}

/* ---------- import throughput ---------- */

const IMPORT_ROWS = Number(env.BENCH_IMPORT_ROWS ?? 50_000);
const IMPORT_HEADERS = ['姓名', '英文名', '类型', '性别', '生日', '手机', '座机', '邮箱', '微信', '所在地区', '地址', '公司', '职务', '行业', '规模',
  '法定代表人', '注册资本', '统一社会信用代码', '来源', '负责人', '标签', '状态', '备注'];

/** The spreadsheet a user would upload for these customers: Chinese headers and labels, as an export writes them. */
function importCells(c: CustomerRowOut, usernames: Map<string, string>): string[] {
  const label = (field: string, code: string | null) => (code ? t('zh-CN', `customerImport.values.${field}.${code}`) : '');
  const mobiles = c.phones.filter((p) => p.kind === 'mobile').map((p) => p.value).join('，');
  const landline = c.phones.find((p) => p.kind === 'landline')?.value ?? '';
  return [
    c.name, c.name_en ?? '', label('kind', c.kind), label('gender', c.gender), c.birthday ?? '', mobiles, landline, c.email ?? '', c.wechat ?? '',
    regionLabel({ provinceCode: c.province_code, cityCode: c.city_code, districtCode: c.district_code }) ?? '', c.address ?? '', c.company ?? '',
    c.job_title ?? '', c.industry ?? '', label('companySize', c.company_size), c.legal_rep ?? '',
    c.registered_capital_fen === null ? '' : `${c.registered_capital_fen / 1_000_000}万`, c.credit_code ?? '', label('sourceChannel', c.source_channel),
    c.owner_id ? (usernames.get(c.owner_id) ?? '') : '', c.tags.join('，'), label('lifecycleStatus', c.lifecycle_status), c.remark,
  ];
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户名单');
  ws.addRow(IMPORT_HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type ImportMeasure = {
  format: string;
  rows: number;
  uploadMs: number;
  runMs: number;
  rowsPerSecond: number;
  created: number;
  skipped: number;
  errors: number;
  vsRawCopy?: string;
  vsRawDeferred?: string;
  /** The GIN pending-list merge the import leaves to a job, timed on its own. */
  mergeMs?: number;
};

/**
 * CSV and XLSX import of IMPORT_ROWS new customers through the import service, in this process
 * (upload = parse, count and store the file; run = `runImport`: validate, duplicate checks,
 * write in one transaction), against a raw COPY of the same rows (search tokens computed
 * beforehand, all indexes in place, customer_phones filled, rolled back). The Kefu server is
 * stopped meanwhile; on PGlite only one process may open the data directory.
 */
type RawCopy = { ms: number; rowsPerSecond: number };

async function importBench(prep: Prepared): Promise<{ skipped: string } | { rawCopy: RawCopy; rawDeferred: RawCopy; imports: ImportMeasure[] }> {
  const run = path.resolve('src/server/modules/customers/import/import-run.ts');
  const service = path.resolve('src/server/modules/customers/import/import.service.ts');
  if (IMPORT_ROWS <= 0) return { skipped: 'BENCH_IMPORT_ROWS=0' };
  if (!fs.existsSync(run) || !fs.existsSync(service)) return { skipped: 'no import module (import-run.ts, import.service.ts)' };
  // Imported dynamically: the module is young, and a broken one must not stop the search figures.
  const { runImport } = (await import(run)) as typeof import('../src/server/modules/customers/import/import-run.js');
  const { createImport } = (await import(service)) as typeof import('../src/server/modules/customers/import/import.service.js');
  const { mergeGinPendingLists } = (await import(path.resolve('src/server/modules/customers/import/import.repo.ts'))) as typeof import('../src/server/modules/customers/import/import.repo.js');

  const config = loadConfig({ ...process.env, KEFU_DATA_DIR: prep.dataDir, KEFU_LOG_LEVEL: 'silent' }, { databaseUrl: prep.databaseUrl });
  const kefu = await createKefu(config);
  try {
    const org = await kefu.db.selectFrom('users').select(['id', 'org_id']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    const actor = (await loadActor(kefu.db, org.org_id, org.id, { ip: '127.0.0.1' }))!;
    const staff = await kefu.db.selectFrom('users').select(['id', 'username', 'department_id']).where('org_id', '=', org.org_id).where('username', 'like', 'sales%').execute();
    const usernames = new Map(staff.map((u) => [u.id, u.username]));
    const owners = staff.map((u) => ({ id: u.id, departmentId: u.department_id! }));
    // New customers (another seed, credit codes numbered apart), owned like the rest.
    const rows = [...customerRows({ count: IMPORT_ROWS, seed: 99, serialBase: 50_000_000, owners, agent: owners[0], agentCustomers: 0 })];

    // Raw COPY baseline, rolled back so the import then meets the same table.
    const text = [...copyChunks(org.org_id, org.id, rows, IMPORT_ROWS)].join('');
    const copySql = `WITH ins AS (INSERT INTO customer_phones (org_id, phone, customer_id)
      SELECT c.org_id, p->>'value', c.id FROM customers c, jsonb_array_elements(c.phones) p WHERE c.org_id = $1 AND c.id = ANY($2::uuid[])
      ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*)::int AS n FROM ins`;
    // `deferGin`: the same COPY with the GIN pending lists widened as the import widens them (its merge not included)
    const rawCopy = async (text: string, ids: string[], deferGin = false) => {
      const defer = "SET LOCAL gin_pending_list_limit = '256MB'";
      const t0 = Date.now();
      if (kefu.database.pglite) {
        const db = kefu.database.pglite;
        await db.query('BEGIN');
        if (deferGin) await db.query(defer);
        await db.query(COPY_SQL.replace('STDIN', "'/dev/blob'"), [], { blob: new Blob([text]) });
        await db.query(copySql, [org.org_id, ids]);
        await db.query('ROLLBACK');
      } else {
        const client = new pg.Client({ connectionString: prep.databaseUrl });
        await client.connect();
        try {
          await client.query('BEGIN');
          if (deferGin) await client.query(defer);
          await pipeline(Readable.from([text]), client.query(copyFrom(COPY_SQL)));
          await client.query(copySql, [org.org_id, ids]);
          await client.query('ROLLBACK');
        } finally {
          await client.end();
        }
      }
      return Date.now() - t0;
    };
    const warm = rows.slice(0, 1000);
    await rawCopy([...copyChunks(org.org_id, org.id, warm, 1000)].join(''), warm.map((r) => r.id));
    const rawMs = await rawCopy(text, rows.map((r) => r.id));
    const rawRate = Math.round(IMPORT_ROWS / (rawMs / 1000));
    console.error(`  raw COPY of ${IMPORT_ROWS} rows: ${rawMs} ms (${rawRate} rows/s)`);
    const deferredMs = await rawCopy(text, rows.map((r) => r.id), true);
    const deferredRate = Math.round(IMPORT_ROWS / (deferredMs / 1000));
    console.error(`  raw COPY, GIN merges deferred: ${deferredMs} ms (${deferredRate} rows/s)`);

    const cells = rows.map((r) => importCells(r, usernames));
    const files = [
      { format: 'csv', filename: '客户名单.csv', bytes: async () => Buffer.from(`\uFEFF${[IMPORT_HEADERS, ...cells].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`, 'utf8') },
      { format: 'xlsx', filename: '客户名单.xlsx', bytes: () => xlsxOf(cells) },
    ];
    const store = new FileStore(resolveFilesDir(kefu.config));
    const imports: ImportMeasure[] = [];
    const removeImported = (importId: string) =>
      kefu.db
        .deleteFrom('customers')
        .where('org_id', '=', org.org_id)
        .where('id', 'in', (eb) => eb.selectFrom('customer_timeline').select('customer_id').where('org_id', '=', org.org_id).where('source_id', '=', importId))
        .execute();
    // Warm-up: a small import (JIT, prepared statements, caches), removed again.
    const warmCsv = `\uFEFF${[IMPORT_HEADERS, ...cells.slice(-500)].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
    const warmView = await createImport({ kefu, actor }, store, { bytes: Buffer.from(warmCsv, 'utf8'), filename: 'warm-up.csv' });
    await runImport(kefu, actor, warmView.id);
    await removeImported(warmView.id);
    for (const file of files) {
      const bytes = await file.bytes();
      const u0 = Date.now();
      const view = await createImport({ kefu, actor }, store, { bytes, filename: file.filename });
      const unmapped = IMPORT_HEADERS.filter((h) => !view.mapping[h]);
      if (unmapped.length > 0) throw new Error(`import mapping left out ${unmapped.join(', ')}`);
      const r0 = Date.now();
      const result = await runImport(kefu, actor, view.id);
      const runMs = Date.now() - r0;
      const m: ImportMeasure = {
        format: file.format, rows: result.processed, uploadMs: r0 - u0, runMs, rowsPerSecond: Math.round(result.processed / (runMs / 1000)),
        created: result.created, skipped: result.skipped, errors: result.errors,
      };
      m.vsRawCopy = `${Math.round((m.rowsPerSecond / rawRate) * 100)} %`;
      m.vsRawDeferred = `${Math.round((m.rowsPerSecond / deferredRate) * 100)} %`;
      const g0 = Date.now();
      await mergeGinPendingLists(kefu.db);
      m.mergeMs = Date.now() - g0;
      imports.push(m);
      console.error(`  import ${file.format}: ${JSON.stringify(m)}`);
      // Remove what it created, so the next format meets the same table (its phones would be duplicates).
      await removeImported(view.id);
    }
    return { rawCopy: { ms: rawMs, rowsPerSecond: rawRate }, rawDeferred: { ms: deferredMs, rowsPerSecond: deferredRate }, imports };
  } finally {
    await kefu.close();
  }
}

/* ---------- report ---------- */

type Run = Awaited<ReturnType<typeof benchEngine>>;

function report(runs: Run[]): string {
  const lines = [
    `Kefu customer benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`,
    `${CONNECTIONS} connections, ${SECONDS} s per mixed run, ${KIND_SECONDS} s per kind`,
  ];
  for (const run of runs) {
    const nodb = run.nodb[0];
    lines.push(
      '',
      `## ${run.engine}: ${int(run.customers)} customers (agent owns ${int(run.agentCustomers)}), server RSS ${run.serverRssMb} MB after the run`,
      run.engine === 'pglite' ? `PGlite: PostgreSQL ${run.settings} (nominal: no autovacuum worker or JIT in WASM)` : `PostgreSQL ${run.settings}`,
      run.load
        ? `Generated + loaded in ${(run.generateMs / 1000).toFixed(0)} s (generate & COPY ${(run.load.generateAndCopyMs / 1000).toFixed(0)} s, customer_phones ${(run.load.phonesMs / 1000).toFixed(0)} s, indexes ${(run.load.indexMs / 1000).toFixed(0)} s, VACUUM ANALYZE ${(run.load.vacuumAnalyzeMs / 1000).toFixed(0)} s); ${int(run.load.phones)} phone rows`
        : 'Reused a kept database.',
      `GET /healthz (no database): ${int(run.nodb[0].rps)} req/s before, ${int(run.nodb[1].rps)} req/s after, p95 ${ms(run.nodb[0].p95)} ms`,
      '',
      '| set | req/s | p50 ms | p95 ms | p99 ms | raw req/s | raw p95 ms | vs raw (req/s) | vs no-DB (req/s) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const r of run.results) {
      lines.push(`| ${r.set} | ${int(r.kefu.rps)} | ${ms(r.kefu.p50)} | **${ms(r.kefu.p95)}** | ${ms(r.kefu.p99)} | ${r.raw ? int(r.raw.rps) : '—'} | ${ms(r.raw?.p95)} | ${pct(r.kefu.rps, r.raw?.rps)} | ${pct(r.kefu.rps, nodb.rps)} |`);
    }
    for (const r of run.results) {
      if (!r.kinds.some((k) => k.kefu)) continue;
      lines.push('', `### ${run.engine} ${r.set}, each kind alone`, '', '| kind | matches (median / max) | req/s | p50 ms | p95 ms | p99 ms | raw p95 ms | vs raw (req/s) |', '|---|---:|---:|---:|---:|---:|---:|---:|');
      for (const k of r.kinds) {
        if (!k.kefu) continue;
        const matches = !k.matches ? '—' : k.matches.median === k.matches.max ? int(k.matches.max) : `${int(k.matches.median)} / ${int(k.matches.max)}`;
        lines.push(`| ${k.kind} | ${matches} | ${int(k.kefu.rps)} | ${ms(k.kefu.p50)} | ${ms(k.kefu.p95)} | ${ms(k.kefu.p99)} | ${ms(k.raw?.p95)} | ${pct(k.kefu.rps, k.raw?.rps)} |`);
      }
    }
    const imp = run.imports;
    if ('skipped' in imp) lines.push('', `Import: not measured (${imp.skipped.split('\n')[0]})`);
    else {
      lines.push(
        '',
        `### ${run.engine} import of ${int(IMPORT_ROWS)} new customers (raw COPY of the same rows: ${int(imp.rawCopy.rowsPerSecond)} rows/s, ${(imp.rawCopy.ms / 1000).toFixed(1)} s; with GIN merges deferred as the import defers them: ${int(imp.rawDeferred.rowsPerSecond)} rows/s, ${(imp.rawDeferred.ms / 1000).toFixed(1)} s)`,
        '',
        '| file | upload s | run s | rows/s | vs raw COPY | vs raw COPY, GIN deferred | GIN merge job s | created | skipped | errors |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      );
      for (const m of imp.imports) {
        lines.push(`| ${m.format} | ${(m.uploadMs / 1000).toFixed(1)} | ${(m.runMs / 1000).toFixed(1)} | ${int(m.rowsPerSecond)} | ${m.vsRawCopy} | ${m.vsRawDeferred} | ${((m.mergeMs ?? 0) / 1000).toFixed(1)} | ${int(m.created)} | ${int(m.skipped)} | ${int(m.errors)} |`);
      }
    }
  }
  return lines.join('\n');
}

async function main() {
  const engines = (env.BENCH_ENGINES ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];
  const runs: Run[] = [];
  for (const engine of engines) {
    try {
      runs.push(await benchEngine(engine));
    } catch (err) {
      console.error(`${engine}: ${(err as Error).stack ?? String(err)}`);
      process.exitCode = 1;
    }
  }
  const text = report(runs);
  console.log(text);
  fs.mkdirSync('bench/results', { recursive: true });
  const stamp = Date.now();
  fs.writeFileSync(`bench/results/customers-${stamp}.json`, JSON.stringify(runs, null, 2));
  fs.writeFileSync(`bench/results/customers-${stamp}.md`, `${text}\n`);
}

if (process.argv.includes('--raw-server')) await rawServer();
else await main();
