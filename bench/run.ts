/**
 * `npm run bench` — platform benchmark. For each engine (PGlite, and PostgreSQL when reachable):
 * generate data, start a real Kefu server process, and measure with autocannon from this process:
 *   nodb   GET /healthz on the same server (no database): the HTTP ceiling of this machine now
 *   raw    GET of one user row (plain select) by a bare Fastify + pg server (PostgreSQL only)
 *   raw-same  the same bare server sending the very statement Kefu's read sends, prepared
 *   read   authenticated GET /api/v1/users/:id (session, roles, scope check, masking presenter)
 *   write  authenticated POST /api/v1/departments (validated, audited, hash-chained)
 * Figures are ratios against the baselines of the same run, because the machine is shared.
 * Options (env): BENCH_SECONDS (default 10), BENCH_CONNECTIONS (20), BENCH_USERS (10000), BENCH_ENGINES (pglite,postgres).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { createKefu } from '../src/server/kernel.js';
import { bootstrap } from '../src/server/bootstrap.js';
import { newSecret } from '../src/server/platform/auth/tokens.js';
import { generateUsers } from './generate.js';
import { rssMb, startProcess, stop } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const ENGINES = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
const PG_BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Result = { name: string; rps: number; p50: number; p99: number; errors: number; non2xx: number };

async function load(name: string, url: string, opts: Partial<autocannon.Options> = {}): Promise<Result> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...opts });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}




async function prepare(engine: string) {
  let databaseUrl: string | undefined;
  let dropDb = async () => {};
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-'));
  if (engine === 'postgres') {
    const name = `kefu_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: PG_BASE });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE 'C.UTF-8' ENCODING 'UTF8'`);
    await admin.end();
    const u = new URL(PG_BASE);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: PG_BASE });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const config = loadConfig({ ...process.env, KEFU_DATA_DIR: dataDir, KEFU_LOG_LEVEL: 'silent' }, { databaseUrl });
  const kefu = await createKefu(config);
  const boot = await bootstrap(kefu.db, { adminPassword: 'Bench-Admin-2026' });
  const orgId = boot.orgId;
  const admin = await kefu.db.selectFrom('users').select(['id', 'department_id']).where('username', '=', 'admin').executeTakeFirstOrThrow();
  const t0 = Date.now();
  const ids = await generateUsers(kefu.db, orgId, admin.department_id!, USERS);
  const genMs = Date.now() - t0;
  const session = newSecret();
  await kefu.db
    .insertInto('sessions')
    .values({ id: session.hash, org_id: orgId, user_id: admin.id, expires_at: new Date(Date.now() + 86_400_000) })
    .execute();
  await kefu.close();
  return { dataDir, databaseUrl, orgId, ids, rootDept: admin.department_id!, cookie: `kefu_session=${session.secret}`, genMs, dropDb };
}

async function benchEngine(engine: string) {
  const prep = await prepare(engine);
  const port = 4100 + Math.floor(Math.random() * 800);
  const env: Record<string, string> = {
    PORT: String(port),
    KEFU_DATA_DIR: prep.dataDir,
    KEFU_LOG_LEVEL: 'warn',
    KEFU_RATE_LIMIT: '100000000',
    DATABASE_URL: prep.databaseUrl ?? '',
  };
  const server = await startProcess(['src/cli/main.ts', 'serve'], env);
  const base = `http://127.0.0.1:${port}`;
  const results: Result[] = [];
  let baseline: ChildProcess | null = null;
  try {
    const pick = () => prep.ids[Math.floor(Math.random() * prep.ids.length)];
    // warm-up: JIT, pool connections, caches
    await load('warmup', `${base}/api/v1/users/${pick()}`, { duration: 2, headers: { cookie: prep.cookie } });
    results.push(await load('nodb', `${base}/healthz`));
    if (prep.databaseUrl) {
      const bport = port + 1000;
      baseline = await startProcess(['bench/baseline-server.ts'], { PORT: String(bport), DATABASE_URL: prep.databaseUrl, BENCH_ORG_ID: prep.orgId });
      await load('warmup', `http://127.0.0.1:${bport}/raw/users/${pick()}`, { duration: 2 });
      results.push(
        await load('raw', `http://127.0.0.1:${bport}/raw/users/x`, {
          requests: [{ setupRequest: (req) => ({ ...req, path: `/raw/users/${pick()}` }) }],
        }),
      );
      results.push(
        await load('raw-same', `http://127.0.0.1:${bport}/raw-same/users/x`, {
          requests: [{ setupRequest: (req) => ({ ...req, path: `/raw-same/users/${pick()}` }) }],
        }),
      );
      await stop(baseline);
      baseline = null;
    }
    results.push(
      await load('read', `${base}/api/v1/users/x`, {
        headers: { cookie: prep.cookie },
        requests: [{ setupRequest: (req) => ({ ...req, path: `/api/v1/users/${pick()}` }) }],
      }),
    );
    let n = 0;
    results.push(
      await load('write', `${base}/api/v1/departments`, {
        method: 'POST',
        headers: { cookie: prep.cookie, 'content-type': 'application/json' },
        requests: [{ setupRequest: (req) => ({ ...req, method: 'POST', body: JSON.stringify({ name: `压测部门-${process.pid}-${n++}`, parentId: prep.rootDept }) }) }],
      }),
    );
    const rss = rssMb(server.pid!);
    return { engine, users: USERS, generateMs: prep.genMs, serverRssMb: rss, results };
  } finally {
    if (baseline) await stop(baseline);
    await stop(server);
    await prep.dropDb();
    fs.rmSync(prep.dataDir, { recursive: true, force: true });
  }
}

function report(runs: Awaited<ReturnType<typeof benchEngine>>[]) {
  const lines = [`Kefu platform benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}`];
  lines.push(`${SECONDS}s per measurement, ${CONNECTIONS} connections, ${USERS} users generated`);
  for (const run of runs) {
    const nodb = run.results.find((r) => r.name === 'nodb')!;
    const raw = run.results.find((r) => r.name === 'raw');
    const same = run.results.find((r) => r.name === 'raw-same');
    const pct = (a: Result, b?: Result) => (b ? `${((a.rps / b.rps) * 100).toFixed(0)} %` : '—');
    lines.push(
      '',
      `## ${run.engine} (server RSS ${run.serverRssMb} MB after the run)`,
      '| measurement | req/s | p50 ms | p99 ms | errors | non-2xx | vs no-DB | vs raw SELECT | vs raw same SELECT |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const r of run.results) {
      lines.push(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${pct(r, nodb)} | ${pct(r, raw)} | ${pct(r, same)} |`);
    }
  }
  return lines.join('\n');
}

const runs = [];
for (const engine of ENGINES) {
  console.error(`benchmarking ${engine} …`);
  try {
    runs.push(await benchEngine(engine));
  } catch (err) {
    console.error(`${engine}: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
const text = report(runs);
console.log(text);
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/platform-${Date.now()}.json`, JSON.stringify(runs, null, 2));
